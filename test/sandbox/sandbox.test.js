// @ts-check
'use strict';
/**
 * Exercises the sandbox with an independent minimal WeChat Pay client (signing, response verification,
 * callback inspection written here from the doc, not shared with the sandbox or the product).
 */
const crypto = require('crypto');
const http = require('http');
const net = require('net');
const { startSandbox } = require('.');

const SP_PATH = '/v3/marketing/partner/product-coupon/notify-configs';
const BRAND_PATH = '/brand/marketing/product-coupon/notify-configs';
const SP_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const BRAND_SCHEME = 'WECHATPAY-BRAND-SHA256-RSA2048';

// ---------------------------------------------------------------- minimal independent client

/** @param {number} n */
const nonceOf = (n) => crypto.randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(n, 'x').slice(0, n);

/**
 * @typedef {{ status: number, headers: http.IncomingHttpHeaders, raw: Buffer, text: string, json: any }} Reply
 * @typedef {{ method?: string, path?: string, body?: string | Buffer, signedBody?: string | Buffer, timestamp?: string,
 *   scheme?: string, authorization?: string, authFields?: Record<string, string>, headers?: Record<string, string | undefined>,
 *   signWith?: crypto.KeyObject | string }} CallOptions
 */

/** @param {string} baseUrl @param {Credential} cred @param {CallOptions} [o] @returns {Promise<Reply>} */
function call(baseUrl, cred, o = {}) {
	const isBrand = cred.accountType === 'brand';
	const method = o.method || 'GET';
	const path = o.path || (isBrand ? BRAND_PATH : SP_PATH);
	const body = o.body === undefined ? '' : o.body;
	const signedBody = o.signedBody === undefined ? body : o.signedBody;
	const timestamp = o.timestamp || String(Math.floor(Date.now() / 1000));
	const nonce = nonceOf(32);
	const message = Buffer.concat([Buffer.from(`${method}\n${path}\n${timestamp}\n${nonce}\n`), Buffer.from(signedBody), Buffer.from('\n')]);
	const signature = crypto.sign('sha256', message, o.signWith || cred.privateKey).toString('base64');
	const fields = {
		[isBrand ? 'brand_id' : 'mchid']: isBrand ? cred.brandId : cred.merchantId,
		nonce_str: nonce,
		signature,
		timestamp,
		serial_no: cred.certificateSerialNumber,
		...(o.authFields || {}),
	};
	const authorization = o.authorization || `${o.scheme || (isBrand ? BRAND_SCHEME : SP_SCHEME)} ${Object.entries(fields).map(([k, v]) => `${k}="${v}"`).join(',')}`;
	/** @type {Record<string, string>} */
	const headers = { accept: 'application/json', 'user-agent': 'sandbox-test/1.0', authorization };
	if (isBrand) headers['wechatpay-serial'] = cred.wechatPayPublicKeyId;
	if (method === 'POST') headers['content-type'] = 'application/json';
	for (const [k, v] of Object.entries(o.headers || {})) {
		if (v === undefined) delete headers[k];
		else headers[k] = v;
	}
	return rawRequest(baseUrl, method, path, headers, Buffer.from(body));
}

/** @param {string} baseUrl @param {string} method @param {string} path @param {Record<string, string>} headers @param {Buffer} body @returns {Promise<Reply>} */
function rawRequest(baseUrl, method, path, headers, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(`${baseUrl}${path}`, { method, headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				const text = raw.toString('utf8');
				let json = null;
				try {
					json = JSON.parse(text);
				} catch {}
				resolve({ status: res.statusCode || 0, headers: res.headers, raw, text, json });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * Independent response/callback check (doc §3). Returns the list of problems, [] when valid.
 * @param {{ headers: Record<string, any>, raw: Buffer }} r @param {any} cred @param {'publicKey' | 'certificate'} [using]
 */
function responseProblems(r, cred, using = 'publicKey') {
	const h = r.headers;
	const problems = [];
	for (const name of ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial', 'wechatpay-signature-type']) {
		if (!h[name]) problems.push(`missing:${name}`);
	}
	const key = using === 'certificate' ? new crypto.X509Certificate(cred.platformCertificates).publicKey : crypto.createPublicKey(cred.wechatPayPublicKey);
	const expectedSerial = using === 'certificate' ? new crypto.X509Certificate(cred.platformCertificates).serialNumber : cred.wechatPayPublicKeyId;
	if (h['wechatpay-serial'] && h['wechatpay-serial'] !== expectedSerial) problems.push('serial');
	const ts = h['wechatpay-timestamp'];
	if (ts && Math.abs(Date.now() / 1000 - Number(ts)) > 300) problems.push('timestamp');
	const sig = h['wechatpay-signature'];
	if (sig && sig.startsWith('WECHATPAY/SIGNTEST/')) problems.push('signtest');
	else if (sig && ts && h['wechatpay-nonce']) {
		const message = Buffer.concat([Buffer.from(`${ts}\n${h['wechatpay-nonce']}\n`), r.raw, Buffer.from('\n')]);
		if (!crypto.verify('sha256', message, key, Buffer.from(sig, 'base64'))) problems.push('signature');
	}
	const expectedType = cred.accountType === 'brand' ? BRAND_SCHEME : SP_SCHEME;
	if (h['wechatpay-signature-type'] && h['wechatpay-signature-type'] !== expectedType) problems.push('signatureType');
	return problems;
}

/**
 * Full independent callback inspection: header/signature problems plus envelope/decryption problems.
 * @param {{ headers: Record<string, any>, body: Buffer }} cb @param {Credential} cred @returns {string[]}
 */
function callbackProblems(cb, cred) {
	const problems = responseProblems({ headers: cb.headers, raw: cb.body }, cred);
	if (cb.body.length > 1024 * 1024) problems.push('size');
	if (cb.body.length === 0) return [...problems, 'empty'];
	let envelope;
	try {
		envelope = JSON.parse(cb.body.toString('utf8'));
	} catch {
		return [...problems, 'json'];
	}
	const r = envelope.resource;
	if (!r) return [...problems, 'resource'];
	for (const f of ['algorithm', 'ciphertext', 'nonce', 'associated_data']) if (r[f] === undefined) problems.push(`missing:${f}`);
	if (r.algorithm !== undefined && r.algorithm !== 'AEAD_AES_256_GCM') problems.push('algorithm');
	const aad = cred.accountType === 'brand' ? 'product_coupon' : 'product_coupon_sp';
	if (r.associated_data !== undefined && r.associated_data !== aad) problems.push('associatedData');
	if (r.ciphertext === undefined || r.nonce === undefined) return problems;
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(r.ciphertext)) return [...problems, 'base64'];
	const data = Buffer.from(r.ciphertext, 'base64');
	if (data.length < 16) return [...problems, 'short'];
	let plain;
	try {
		const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(cred.apiV3Key, 'ascii'), Buffer.from(r.nonce, 'ascii'));
		d.setAAD(Buffer.from(r.associated_data || '', 'utf8'));
		d.setAuthTag(data.subarray(data.length - 16));
		plain = Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
	} catch {
		return [...problems, 'decrypt'];
	}
	try {
		JSON.parse(plain);
	} catch {
		problems.push('plaintext');
	}
	return problems;
}

/** Paths where two JSON values differ. @param {any} a @param {any} b @returns {string[]} */
function diffPaths(a, b, prefix = '') {
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		return [...keys].flatMap((k) => diffPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
	}
	return a === b ? [] : [prefix];
}

// ---------------------------------------------------------------- fixtures

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** @typedef {import('./accounts').Credential} Credential */
/** @type {Credential} */ let sp;
/** @type {Credential} */ let brand;
/** @type {Credential} */ let spCert;
/** @type {Credential} */ let spBoth;
/** @type {Credential} */ let spFaults;
/** @type {Credential} */ let spUrls;
const base = () => sandbox.baseUrl;
const post = (/** @type {Credential} */ cred, /** @type {string} */ url, /** @type {CallOptions} */ o = {}) => call(base(), cred, { method: 'POST', body: JSON.stringify({ notify_url: url }), ...o });

beforeAll(async () => {
	// generous limit here so that quick sequences of tests are not rate limited; the limit itself is tested on its own sandbox
	sandbox = await startSandbox({ rateLimitPerSecond: 1000 });
	sp = sandbox.createAccount({ accountType: 'serviceProvider' });
	brand = sandbox.createAccount({ accountType: 'brand' });
	spCert = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
	spBoth = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'both' });
	spFaults = sandbox.createAccount({ accountType: 'serviceProvider' });
	spUrls = sandbox.createAccount({ accountType: 'serviceProvider' });
});
afterAll(() => sandbox.close());

// ---------------------------------------------------------------- accounts

describe('accounts', () => {
	test('credentials look like WeChat Pay ones', () => {
		expect(sp.merchantId).toMatch(/^\d{10}$/);
		expect(spCert.merchantId).not.toBe(sp.merchantId);
		expect(brand.brandId).toMatch(/^\d+$/);
		expect(sp.certificateSerialNumber).toMatch(/^[0-9A-F]{40}$/);
		expect(sp.privateKey.split('\n')[0]).toBe(['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' ')); // PKCS#8
		expect(sp.wechatPayPublicKeyId).toMatch(/^PUB_KEY_ID_\d+$/);
		expect(sp.wechatPayPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
		expect(sp.platformCertificates).toBe('');
		expect(sp.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(sp.baseUrl).toBe(sandbox.baseUrl);
		expect(spCert.wechatPayPublicKeyId).toBe('');
		expect(spCert.wechatPayPublicKey).toBe('');
		const cert = new crypto.X509Certificate(spCert.platformCertificates);
		expect(cert.serialNumber).toMatch(/^[0-9A-F]{40}$/);
		expect(spBoth.wechatPayPublicKeyId).not.toBe('');
		expect(spBoth.platformCertificates).not.toBe('');
		expect(() => sandbox.createAccount({ accountType: 'brand', keyMode: 'platformCertificate' })).toThrow();
		expect(() => sandbox.createAccount({ accountType: 'brand', keyMode: 'both' })).toThrow();
	});
});

describe('official vector', () => {
	test("the sandbox's request message + verification accept the published example signature", () => {
		const v = require('../fixtures/official-signing-vector.json');
		const { requestMessage, verify } = require('./signing');
		const message = requestMessage(v.method, v.url, v.timestamp, v.nonce_str, v.body);
		expect(message.toString('utf8')).toBe(v.message);
		const publicKey = crypto.createPublicKey(crypto.createPrivateKey(v.private_key_pem));
		expect(verify(publicKey, message, v.expected_signature)).toBe(true);
		expect(verify(publicKey, Buffer.concat([message, Buffer.from(' ')]), v.expected_signature)).toBe(false);
	});
});

// ---------------------------------------------------------------- happy paths

describe('set then get', () => {
	test.each([
		['service provider', () => sp],
		['brand', () => brand],
	])('%s: GET before set is 404, POST stores, GET reads back, answers verify', async (_name, get) => {
		const cred = get();
		const before = await call(base(), cred);
		expect(before.status).toBe(404);
		expect(before.json.code).toBe('RESOURCE_NOT_EXISTS');
		expect(before.headers['request-id']).toBeTruthy();

		const set = await post(cred, 'https://example.com/wechatpay/notify');
		expect(set.status).toBe(200);
		expect(set.json.notify_url).toBe('https://example.com/wechatpay/notify');
		expect(set.json.update_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
		expect(set.headers['content-type']).toBe('application/json');
		expect(set.headers['wechatpay-nonce']).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(set.headers['wechatpay-serial']).toBe(cred.wechatPayPublicKeyId);
		expect(responseProblems(set, cred)).toEqual([]);

		const read = await call(base(), cred);
		expect(read.status).toBe(200);
		expect(read.json).toEqual(set.json);
		expect(responseProblems(read, cred)).toEqual([]);
		expect(sandbox.account(cred).notifyUrl).toBe('https://example.com/wechatpay/notify');
		expect(sandbox.account(cred).updateTime).toBe(set.json.update_time);
	});

	test('platform-certificate mode: answers verify with the certificate, serial matches', async () => {
		const set = await post(spCert, 'https://example.com/cert');
		expect(set.status).toBe(200);
		const cert = new crypto.X509Certificate(spCert.platformCertificates);
		expect(set.headers['wechatpay-serial']).toBe(cert.serialNumber);
		expect(responseProblems(set, spCert, 'certificate')).toEqual([]);
	});

	test('both mode: signed with the public key; Wechatpay-Serial may name either key; switchable signer', async () => {
		const cert = new crypto.X509Certificate(spBoth.platformCertificates);
		const a = await post(spBoth, 'https://example.com/both', { headers: { 'wechatpay-serial': spBoth.wechatPayPublicKeyId } });
		expect(a.status).toBe(200);
		expect(a.headers['wechatpay-serial']).toBe(spBoth.wechatPayPublicKeyId);
		expect(responseProblems(a, spBoth)).toEqual([]);
		const b = await call(base(), spBoth, { headers: { 'wechatpay-serial': cert.serialNumber } });
		expect(b.status).toBe(200);
		sandbox.account(spBoth).signWith = 'platformCertificate';
		const c = await call(base(), spBoth);
		sandbox.account(spBoth).signWith = 'publicKey';
		expect(c.headers['wechatpay-serial']).toBe(cert.serialNumber);
		expect(responseProblems(c, spBoth, 'certificate')).toEqual([]);
	});

	test('notify_url is stored exactly as sent (with a port, percent-encoding, IPv6 public host)', async () => {
		for (const url of ['https://example.com:8443/a/b', 'https://example.com/%E5%9B%9E%E8%B0%83', 'https://[2001:db8::1]/n', 'https://a.b/' + 'x'.repeat(256 - 13)]) {
			const r = await post(sp, url);
			expect([url.length, r.status, r.json.notify_url]).toEqual([url.length, 200, url]);
		}
	});
});

// ---------------------------------------------------------------- refusals

describe('refusals', () => {
	const now = () => Math.floor(Date.now() / 1000);
	/** @type {Array<[string, () => Promise<Reply>, number, string]>} */
	const cases = [
		['missing Accept', () => call(base(), sp, { headers: { accept: undefined } }), 400, 'INVALID_REQUEST'],
		['missing User-Agent', () => call(base(), sp, { headers: { 'user-agent': undefined } }), 400, 'INVALID_REQUEST'],
		['missing Authorization', () => call(base(), sp, { headers: { authorization: undefined } }), 401, 'SIGN_ERROR'],
		['brand scheme on the partner path', () => call(base(), sp, { scheme: BRAND_SCHEME }), 401, 'SIGN_ERROR'],
		['partner scheme on the brand path', () => call(base(), brand, { scheme: SP_SCHEME }), 401, 'SIGN_ERROR'],
		['lower-case scheme word', () => call(base(), sp, { scheme: SP_SCHEME.toLowerCase() }), 401, 'SIGN_ERROR'],
		['signature by another key', () => call(base(), sp, { signWith: spUrls.privateKey }), 401, 'SIGN_ERROR'],
		['signature not base64', () => call(base(), sp, { authFields: { signature: 'not*base64' } }), 401, 'SIGN_ERROR'],
		['unknown serial_no', () => call(base(), sp, { authFields: { serial_no: 'A'.repeat(40) } }), 401, 'SIGN_ERROR'],
		['serial_no of another account', () => call(base(), sp, { authFields: { serial_no: spUrls.certificateSerialNumber } }), 401, 'SIGN_ERROR'],
		['lower-case serial_no', () => call(base(), sp, { authFields: { serial_no: sp.certificateSerialNumber.toLowerCase() } }), 401, 'SIGN_ERROR'],
		['unknown mchid', () => call(base(), sp, { authFields: { mchid: '1999999999' } }), 401, 'SIGN_ERROR'],
		['brand id used as mchid', () => call(base(), sp, { authFields: { mchid: String(brand.brandId) } }), 401, 'SIGN_ERROR'],
		['clock 6 minutes behind', () => call(base(), sp, { timestamp: String(now() - 360) }), 401, 'SIGN_ERROR'],
		['clock 6 minutes ahead', () => call(base(), sp, { timestamp: String(now() + 360) }), 401, 'SIGN_ERROR'],
		['timestamp in milliseconds', () => call(base(), sp, { timestamp: String(Date.now()) }), 401, 'SIGN_ERROR'],
		['missing nonce_str', () => call(base(), sp, { authorization: `${SP_SCHEME} mchid="${sp.merchantId}",signature="x",timestamp="${now()}",serial_no="${sp.certificateSerialNumber}"` }), 401, 'SIGN_ERROR'],
		['duplicated mchid', () => call(base(), sp, { authFields: { 'mchid="1",mchid': String(sp.merchantId) } }), 401, 'SIGN_ERROR'],
		['extra field', () => call(base(), sp, { authFields: { extra: '1' } }), 401, 'SIGN_ERROR'],
		['unquoted value', () => call(base(), sp, { authorization: `${SP_SCHEME} mchid=${sp.merchantId}` }), 401, 'SIGN_ERROR'],
		['garbage Authorization', () => call(base(), sp, { authorization: '\u00ff\u00fe"",,,=' }), 401, 'SIGN_ERROR'],
		['body bytes changed after signing', () => post(sp, 'https://example.com/x', { signedBody: JSON.stringify({ notify_url: 'https://example.com/y' }) }), 401, 'SIGN_ERROR'],
		['body re-serialised after signing (whitespace)', () => post(sp, 'https://example.com/x', { signedBody: JSON.stringify({ notify_url: 'https://example.com/x' }, null, 1) }), 401, 'SIGN_ERROR'],
		['path signed without the query string', () => rawSignedWithPath(sp, `${SP_PATH}?a=1`, SP_PATH), 401, 'SIGN_ERROR'],
		['path signed with the host', () => rawSignedWithPath(sp, SP_PATH, `https://api.mch.weixin.qq.com${SP_PATH}`), 401, 'SIGN_ERROR'],
		['brand without Wechatpay-Serial', () => call(base(), brand, { headers: { 'wechatpay-serial': undefined } }), 400, 'INVALID_REQUEST'],
		['brand with a wrong Wechatpay-Serial', () => call(base(), brand, { headers: { 'wechatpay-serial': 'PUB_KEY_ID_0000' } }), 400, 'INVALID_REQUEST'],
		['service provider with a wrong Wechatpay-Serial', () => call(base(), sp, { headers: { 'wechatpay-serial': brand.wechatPayPublicKeyId } }), 400, 'INVALID_REQUEST'],
		['POST without Content-Type', () => post(sp, 'https://example.com/x', { headers: { 'content-type': undefined } }), 400, 'INVALID_REQUEST'],
		['POST as form data', () => post(sp, 'https://example.com/x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'INVALID_REQUEST'],
		['POST without body', () => call(base(), sp, { method: 'POST' }), 400, 'INVALID_REQUEST'],
		['GET with a body', () => call(base(), sp, { body: '{}' }), 400, 'INVALID_REQUEST'],
		['POST invalid JSON', () => call(base(), sp, { method: 'POST', body: '{"notify_url":' }), 400, 'PARAM_ERROR'],
		['POST JSON array', () => call(base(), sp, { method: 'POST', body: '["https://example.com"]' }), 400, 'PARAM_ERROR'],
		['POST without notify_url', () => call(base(), sp, { method: 'POST', body: '{}' }), 400, 'PARAM_ERROR'],
		['POST with an extra field', () => call(base(), sp, { method: 'POST', body: '{"notify_url":"https://example.com/x","mchid":"1"}' }), 400, 'PARAM_ERROR'],
		['POST notify_url not a string', () => call(base(), sp, { method: 'POST', body: '{"notify_url":123}' }), 400, 'PARAM_ERROR'],
		['POST invalid UTF-8', () => call(base(), sp, { method: 'POST', body: Buffer.from([0x7b, 0xff, 0x7d]) }), 400, 'PARAM_ERROR'],
		['unknown path', () => call(base(), sp, { path: '/v3/marketing/partner/product-coupon/notify-config' }), 404, 'NOT_FOUND'],
		['direct-merchant path does not exist', () => call(base(), sp, { path: '/v3/marketing/product-coupon/notify-configs' }), 404, 'NOT_FOUND'],
		['wrong method', () => call(base(), sp, { method: 'PUT', body: '{}' }), 405, 'METHOD_NOT_ALLOWED'],
	];

	/** Sign for `signedPath` but send to `sentPath`. @param {Credential} cred @param {string} sentPath @param {string} signedPath */
	function rawSignedWithPath(cred, sentPath, signedPath) {
		const ts = String(now());
		const nonce = nonceOf(32);
		const signature = crypto.sign('sha256', Buffer.from(`GET\n${signedPath}\n${ts}\n${nonce}\n\n`), cred.privateKey).toString('base64');
		const authorization = `${SP_SCHEME} mchid="${cred.merchantId}",nonce_str="${nonce}",signature="${signature}",timestamp="${ts}",serial_no="${cred.certificateSerialNumber}"`;
		return rawRequest(base(), 'GET', sentPath, { accept: '*/*', 'user-agent': 't', authorization }, Buffer.alloc(0));
	}

	test.each(cases)('%s → %i %s', async (_name, run, status, code) => {
		const r = await run();
		expect([r.status, r.json && r.json.code]).toEqual([status, code]);
		expect(typeof r.json.message).toBe('string');
		expect(r.headers['request-id']).toMatch(/^[0-9A-F]+$/);
		expect(r.headers['wechatpay-signature']).toBeUndefined();
	});

	test('a query string that was signed is accepted', async () => {
		const r = await call(base(), sp, { path: `${SP_PATH}?x=1` });
		expect(r.status).toBe(200);
	});

	test('Accept/User-Agent is checked before the signature', async () => {
		const r = await call(base(), sp, { headers: { accept: undefined, authorization: 'nonsense' } });
		expect([r.status, r.json.code, r.json.message]).toEqual([400, 'INVALID_REQUEST', 'Http头缺少Accept或User-Agent']);
	});

	const badUrls = [
		['http scheme', 'http://example.com/notify'],
		['upper-case scheme', 'HTTPS://example.com/notify'],
		['query string', 'https://example.com/notify?a=1'],
		['empty query', 'https://example.com/notify?'],
		['fragment', 'https://example.com/notify#x'],
		['userinfo', 'https://user:pw@example.com/notify'],
		['too long', 'https://example.com/' + 'x'.repeat(237)],
		['empty', ''],
		['localhost', 'https://localhost/notify'],
		['127.0.0.1', 'https://127.0.0.1/notify'],
		['127.x decimal form', 'https://2130706433/notify'],
		['10.x', 'https://10.0.0.5/notify'],
		['172.16.x', 'https://172.16.0.1/notify'],
		['172.31.x', 'https://172.31.255.255/notify'],
		['192.168.x', 'https://192.168.1.10/notify'],
		['169.254.x', 'https://169.254.169.254/latest'],
		['0.0.0.0', 'https://0.0.0.0/notify'],
		['::1', 'https://[::1]/notify'],
		['fc00::/7', 'https://[fd12:3456::1]/notify'],
		['fe80::/10', 'https://[fe80::1]/notify'],
		['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/notify'],
		['whitespace', 'https://example.com/no tify'],
		['trailing newline', 'https://example.com/notify\n'],
		['no host', 'https:///notify'],
		['not a URL', 'https://exa mple.com'],
	];
	test.each(badUrls)('notify_url refused: %s', async (_name, url) => {
		const before = sandbox.account(spUrls).notifyUrl;
		const r = await post(spUrls, url);
		expect([r.status, r.json.code]).toEqual([400, 'PARAM_ERROR']);
		expect(r.json.detail.issue).toMatch(/notify_url/);
		expect(sandbox.account(spUrls).notifyUrl).toBe(before);
	});
	test('172.32.x is public and accepted', async () => {
		expect((await post(spUrls, 'https://172.32.0.1/notify')).status).toBe(200);
	});
});

// ---------------------------------------------------------------- transport hygiene

describe('transport', () => {
	test('rate limit (default 20/s): 25 quick requests → 20 pass, 5 get 429; the window slides', async () => {
		const limited = await startSandbox();
		const cred = limited.createAccount({ accountType: 'serviceProvider' });
		const replies = await Promise.all(Array.from({ length: 25 }, () => call(limited.baseUrl, cred)));
		const statuses = replies.map((r) => r.status);
		expect(statuses.filter((s) => s === 429).length).toBe(5);
		expect(statuses.filter((s) => s === 404).length).toBe(20);
		expect(replies.find((r) => r.status === 429)?.json.code).toBe('RATELIMIT_EXCEEDED');
		expect(limited.stats.codes.RATELIMIT_EXCEEDED).toBe(5);
		await new Promise((r) => setTimeout(r, 1050));
		expect((await call(limited.baseUrl, cred)).status).toBe(404);
		await limited.close();
	});

	test('the injected clock decides what "now" is (auth window, response timestamps, update_time)', async () => {
		const offsetMs = 3600 * 1000;
		const shifted = await startSandbox({ now: () => Date.now() + offsetMs });
		const cred = shifted.createAccount({ accountType: 'serviceProvider' });
		const realTime = await call(shifted.baseUrl, cred);
		expect([realTime.status, realTime.json.code]).toEqual([401, 'SIGN_ERROR']);
		const ts = String(Math.floor((Date.now() + offsetMs) / 1000));
		const r = await call(shifted.baseUrl, cred, { method: 'POST', timestamp: ts, body: '{"notify_url":"https://example.com/n"}' });
		expect(r.status).toBe(200);
		expect(Math.abs(Number(r.headers['wechatpay-timestamp']) - Number(ts))).toBeLessThan(5);
		const beijing = new Date(Date.now() + offsetMs + 8 * 3600 * 1000).toISOString().slice(0, 13);
		expect(r.json.update_time.slice(0, 13)).toBe(beijing);
		await shifted.close();
	});

	test('oversized body → 413 with Request-ID, server survives', async () => {
		const r = await post(sp, 'https://example.com/' + 'x'.repeat(70 * 1024));
		expect(r.status).toBe(413);
		expect(r.headers['request-id']).toBeTruthy();
		expect((await call(base(), sp)).status).toBe(200);
	});

	test('garbage on the wire → 400 with Request-ID, server survives', async () => {
		const text = await new Promise((resolve, reject) => {
			const s = net.connect(Number(new URL(base()).port), '127.0.0.1');
			let out = '';
			s.on('data', (d) => (out += d));
			s.on('end', () => resolve(out));
			s.on('error', reject);
			s.write('\x00\x01 GARBAGE / HTTP/9.9\r\nfoo\r\n\r\n');
		});
		expect(text).toMatch(/^HTTP\/1\.1 400/);
		expect(text).toMatch(/Request-ID: [0-9A-F]+/);
		expect((await call(base(), sp)).status).toBe(200);
	});
});

// ---------------------------------------------------------------- faults

describe('faults', () => {
	let n = 0;
	const fresh = () => `https://example.com/fault/${++n}`;
	/** @type {Record<string, (r: Reply) => void>} */
	const responseFaults = {
		tamperBody: (r) => expect(responseProblems(r, spFaults)).toEqual(['signature']),
		wrongSignature: (r) => expect(responseProblems(r, spFaults)).toEqual(['signature']),
		otherKeySignature: (r) => expect(responseProblems(r, spFaults)).toEqual(['signature']),
		unknownSerial: (r) => expect(responseProblems(r, spFaults)).toEqual(['serial']),
		missingTimestamp: (r) => expect(responseProblems(r, spFaults)).toEqual(['missing:wechatpay-timestamp']),
		missingNonce: (r) => expect(responseProblems(r, spFaults)).toEqual(['missing:wechatpay-nonce']),
		missingSignature: (r) => expect(responseProblems(r, spFaults)).toEqual(['missing:wechatpay-signature']),
		missingSerial: (r) => expect(responseProblems(r, spFaults)).toEqual(['missing:wechatpay-serial']),
		staleTimestamp: (r) => expect(responseProblems(r, spFaults)).toEqual(['timestamp']),
		futureTimestamp: (r) => expect(responseProblems(r, spFaults)).toEqual(['timestamp']),
		signtest: (r) => expect(responseProblems(r, spFaults)).toEqual(['signtest']),
		empty204Signed: (r) => {
			expect([r.status, r.raw.length]).toEqual([204, 0]);
			expect(responseProblems(r, spFaults)).toEqual([]);
		},
		empty204Unsigned: (r) => {
			expect([r.status, r.raw.length]).toEqual([204, 0]);
			expect(Object.keys(r.headers).filter((h) => h.startsWith('wechatpay-'))).toEqual([]);
		},
	};
	test.each(Object.keys(responseFaults))('response fault %s: processed, answer altered in exactly that way', async (fault) => {
		const url = fresh();
		sandbox.misbehave(spFaults, fault);
		const r = await post(spFaults, url);
		if (fault !== 'empty204Signed' && fault !== 'empty204Unsigned') expect(r.status).toBe(200);
		responseFaults[fault](r);
		expect(r.headers['request-id']).toBeTruthy();
		expect(sandbox.account(spFaults).notifyUrl).toBe(url);
		const next = await call(base(), spFaults);
		expect(responseProblems(next, spFaults)).toEqual([]);
	});
	test('tamperBody keeps valid JSON but changes the content', async () => {
		sandbox.misbehave(spFaults, 'tamperBody');
		const r = await post(spFaults, 'https://example.com/tamper');
		expect(r.json.notify_url).not.toBe('https://example.com/tamper');
	});

	test.each([
		['http429', 429, 'RATELIMIT_EXCEEDED'],
		['http500', 500, 'SYSTEM_ERROR'],
		['http502', 502, null],
		['http503', 503, 'SERVICE_UNAVAILABLE'],
		['http504', 504, null],
	])('transport fault %s: not processed, answered %i %s', async (fault, status, code) => {
		const before = sandbox.account(spFaults).notifyUrl;
		sandbox.misbehave(spFaults, fault);
		const r = await post(spFaults, fresh());
		expect(r.status).toBe(status);
		expect(r.json ? r.json.code : null).toBe(code);
		expect(r.headers['request-id']).toBeTruthy();
		expect(sandbox.account(spFaults).notifyUrl).toBe(before);
	});

	test('reset: the socket is destroyed without an answer, nothing stored', async () => {
		const before = sandbox.account(spFaults).notifyUrl;
		sandbox.misbehave(spFaults, 'reset');
		await expect(post(spFaults, fresh())).rejects.toThrow(/ECONNRESET|socket hang up/);
		expect(sandbox.account(spFaults).notifyUrl).toBe(before);
	});

	test('slow: answered correctly after slowMs', async () => {
		sandbox.misbehave(spFaults, 'slow', { slowMs: 300 });
		const t = Date.now();
		const r = await call(base(), spFaults);
		expect(Date.now() - t).toBeGreaterThanOrEqual(290);
		expect(r.status).toBe(200);
		expect(responseProblems(r, spFaults)).toEqual([]);
	});

	test('faults only hit authenticated requests; times counts requests', async () => {
		sandbox.misbehave(spFaults, 'http500', { times: 2 });
		expect((await call(base(), spFaults, { signWith: sp.privateKey })).status).toBe(401);
		expect((await call(base(), spFaults)).status).toBe(500);
		expect((await call(base(), spFaults)).status).toBe(500);
		expect((await call(base(), spFaults)).status).toBe(200);
	});

	test('setFaultRate is reproducible with a seed and turns off with 0', async () => {
		const run = async () => {
			const out = [];
			for (let i = 0; i < 12; i++) out.push((await call(base(), spFaults)).status);
			return out;
		};
		sandbox.setFaultRate(spFaults, 0.5, ['http500', 'http503'], 42);
		const first = await run();
		sandbox.setFaultRate(spFaults, 0.5, ['http500', 'http503'], 42);
		const second = await run();
		expect(second).toEqual(first);
		expect(first.some((s) => s !== 200)).toBe(true);
		expect(first.some((s) => s === 200)).toBe(true);
		sandbox.setFaultRate(spFaults, 0);
		expect(await run()).toEqual(Array(12).fill(200));
		expect(() => sandbox.setFaultRate(spFaults, 0.1, ['nope'])).toThrow();
		expect(() => sandbox.misbehave(spFaults, 'nope')).toThrow();
	});

	test('stats and request log', async () => {
		sandbox.resetStats();
		sandbox.misbehave(spFaults, 'http503');
		await call(base(), spFaults);
		await call(base(), spFaults);
		await call(base(), spFaults, { signWith: sp.privateKey });
		await call(base(), spFaults, { headers: { 'user-agent': undefined } });
		const s = sandbox.stats;
		expect(s.requests).toBe(4);
		expect(s.byAccount[String(spFaults.merchantId)]).toBe(3);
		expect(s.responses).toEqual({ '200': 1, '503': 1, '401': 1, '400': 1 });
		expect(s.codes).toEqual({ SERVICE_UNAVAILABLE: 1, SIGN_ERROR: 1, INVALID_REQUEST: 1 });
		expect(s.faultsInjected).toBe(1);
		expect(sandbox.requests.map((e) => [e.method, e.path, e.status, e.code, e.accountId])).toEqual([
			['GET', SP_PATH, 503, 'SERVICE_UNAVAILABLE', spFaults.merchantId],
			['GET', SP_PATH, 200, null, spFaults.merchantId],
			['GET', SP_PATH, 401, 'SIGN_ERROR', spFaults.merchantId],
			['GET', SP_PATH, 400, 'INVALID_REQUEST', null],
		]);
		expect(sandbox.requests[0].headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
		expect(sandbox.requests[0].requestId).toMatch(/^[0-9A-F]+$/);
	});

	test('setDown: connections are reset until the host is back', async () => {
		sandbox.setDown(true);
		await expect(call(base(), spFaults)).rejects.toThrow(/ECONNRESET|socket hang up|ECONNREFUSED/);
		sandbox.setDown(false);
		expect((await call(base(), spFaults)).status).toBe(200);
	});

	test('close() ends a pending slow answer at once', async () => {
		const other = await startSandbox();
		const cred = other.createAccount({ accountType: 'serviceProvider' });
		other.misbehave(cred, 'slow');
		const pending = call(other.baseUrl, cred);
		const failed = expect(pending).rejects.toThrow();
		await new Promise((r) => setTimeout(r, 100));
		const t = Date.now();
		await other.close();
		await failed;
		expect(Date.now() - t).toBeLessThan(1000);
	});
});

// ---------------------------------------------------------------- callbacks

describe('callbacks', () => {
	test('valid: verifies with the WeChat Pay public key and decrypts with the APIv3 key', () => {
		for (const cred of [sp, brand]) {
			const cb = sandbox.buildCallback(cred);
			expect(callbackProblems(cb, cred)).toEqual([]);
			const env = JSON.parse(cb.body.toString('utf8'));
			expect(env).toEqual(cb.envelope);
			expect(env.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			expect(env.create_time).toMatch(/\+08:00$/);
			expect(env.resource_type).toBe('encrypt-resource');
			expect(env.event_type).toBe(cred === brand ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND');
			expect(env.resource.original_type).toBe('coupon');
			expect(env.resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
			expect(cb.headers['wechatpay-signature-type']).toBe(cred === brand ? BRAND_SCHEME : SP_SCHEME);
			expect(cb.headers['content-type']).toBe('application/json');
			const data = Buffer.from(env.resource.ciphertext, 'base64');
			const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(cred.apiV3Key), Buffer.from(env.resource.nonce));
			d.setAAD(Buffer.from(env.resource.associated_data));
			d.setAuthTag(data.subarray(-16));
			const plain = JSON.parse(Buffer.concat([d.update(data.subarray(0, -16)), d.final()]).toString('utf8'));
			expect(plain).toEqual(cb.payload);
			expect(plain).toEqual(expect.objectContaining({ coupon_code: expect.any(String), openid: expect.any(String), stock_id: expect.any(String) }));
		}
	});

	test('platform-certificate account: callback serial is the certificate serial and verifies with it', () => {
		const cb = sandbox.buildCallback(spCert);
		expect(cb.headers['wechatpay-serial']).toBe(new crypto.X509Certificate(spCert.platformCertificates).serialNumber);
		expect(responseProblems({ headers: cb.headers, raw: cb.body }, spCert, 'certificate')).toEqual([]);
	});

	test('custom payload, event type, id and create time', () => {
		const cb = sandbox.buildCallback(sp, { eventType: 'PRODUCT_COUPON_SP.SOMETHING_NEW', payload: { any: ['json', 1] }, id: 'fixed-id', createTime: '2025-01-01T00:00+08:00' });
		expect(callbackProblems(cb, sp)).toEqual([]);
		expect(cb.envelope).toEqual(expect.objectContaining({ id: 'fixed-id', create_time: '2025-01-01T00:00+08:00', event_type: 'PRODUCT_COUPON_SP.SOMETHING_NEW' }));
		expect(cb.payload).toEqual({ any: ['json', 1] });
	});

	/** variant → [problems found by the independent inspector, envelope fields that differ from the valid envelope] */
	/** @type {Record<string, [string[], string[] | null]>} */
	const expectations = {
		valid: [[], []],
		badSignature: [['signature'], []],
		bodyChangedAfterSigning: [['signature'], ['summary']],
		staleTimestamp: [['timestamp'], []],
		futureTimestamp: [['timestamp'], []],
		unknownSerial: [['serial'], []],
		missingTimestamp: [['missing:wechatpay-timestamp'], []],
		missingNonce: [['missing:wechatpay-nonce'], []],
		missingSignature: [['missing:wechatpay-signature'], []],
		missingSerial: [['missing:wechatpay-serial'], []],
		signtest: [['signtest'], []],
		otherKeySignature: [['signature'], []],
		wrongApiV3Key: [['decrypt'], ['resource.ciphertext']],
		flippedTagByte: [['decrypt'], ['resource.ciphertext']],
		flippedCiphertextByte: [['decrypt'], ['resource.ciphertext']],
		changedAssociatedData: [['associatedData', 'decrypt'], ['resource.associated_data']],
		changedNonce: [['decrypt'], ['resource.nonce']],
		wrongAlgorithm: [['algorithm'], ['resource.algorithm']],
		missingResource: [['resource'], ['resource']],
		missingCiphertext: [['missing:ciphertext'], ['resource.ciphertext']],
		missingNonceField: [['missing:nonce'], ['resource.nonce']],
		missingAlgorithm: [['missing:algorithm'], ['resource.algorithm']],
		truncatedCiphertext: [['short'], ['resource.ciphertext']],
		ciphertextNotBase64: [['base64'], ['resource.ciphertext']],
		plaintextNotJson: [['plaintext'], ['resource.ciphertext']],
		nonJsonBody: [['json'], null],
		emptyBody: [['empty'], null],
		largeBody: [['size'], ['summary']],
		brandSignatureTypeMismatch: [['signatureType'], []],
	};

	test('the variant list is complete', () => {
		expect([...sandbox.callbackVariants].sort()).toEqual(Object.keys(expectations).sort());
	});

	test.each(Object.keys(expectations))('variant %s differs from valid only in the intended way', (variant) => {
		const [problems, diff] = expectations[variant];
		for (const cred of variant === 'brandSignatureTypeMismatch' || variant === 'changedAssociatedData' ? [sp, brand] : [sp]) {
			const cb = sandbox.buildCallback(cred, { variant });
			expect(callbackProblems(cb, cred)).toEqual(problems);
			if (diff) expect(diffPaths(JSON.parse(cb.body.toString('utf8')), cb.envelope)).toEqual(diff);
			expect(cb.headers['content-type']).toBe('application/json');
		}
	});

	test('largeBody is 2 MiB', () => {
		expect(sandbox.buildCallback(sp, { variant: 'largeBody' }).body.length).toBe(2 * 1024 * 1024);
	});

	test('deliverCallback POSTs exactly the built bytes and headers and returns the reply', async () => {
		/** @type {{ headers: http.IncomingHttpHeaders, body: Buffer }[]} */
		const seen = [];
		const receiver = http.createServer((req, res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end('{"code":"FAIL","message":"nope"}');
			});
		});
		await new Promise((r) => receiver.listen(0, '127.0.0.1', () => r(undefined)));
		try {
			const url = `http://127.0.0.1:${/** @type {net.AddressInfo} */ (receiver.address()).port}/webhook`;
			const reply = await sandbox.deliverCallback(url, brand, { variant: 'valid' });
			expect([reply.status, JSON.parse(reply.body).code]).toEqual([500, 'FAIL']);
			expect(seen).toHaveLength(1);
			expect(callbackProblems({ headers: seen[0].headers, body: seen[0].body }, brand)).toEqual([]);
			expect(seen[0].body.equals(reply.callback.body)).toBe(true);
		} finally {
			await new Promise((r) => receiver.close(() => r(undefined)));
		}
	});
});
