// @ts-check
'use strict';
/**
 * The tests' own minimal WeChat Pay client, written from /work/shared/docs/wechatpay-apiv3.md and sharing nothing
 * with the sandbox or the product: signs requests (any method; the image upload's multipart signed over its meta
 * part), verifies answers (public key or platform certificate), decrypts callbacks and certificates. Paths are sent exactly as
 * given (http.request with a `path` option: no URL normalisation), so `..` and `%2e` reach the server untouched.
 */
const crypto = require('crypto');
const http = require('http');

const PREFIX = { serviceProvider: '/v3/marketing/partner/product-coupon', brand: '/brand/marketing/product-coupon' };
const SCHEME = { serviceProvider: 'WECHATPAY2-SHA256-RSA2048', brand: 'WECHATPAY-BRAND-SHA256-RSA2048' };

/**
 * @typedef {{ accountType: 'serviceProvider' | 'brand', merchantId?: string, brandId?: string, certificateSerialNumber: string,
 *   privateKey: string, wechatPayPublicKeyId: string, wechatPayPublicKey: string, apiV3Key: string, baseUrl: string }} Cred
 * @typedef {{ status: number, headers: http.IncomingHttpHeaders, raw: Buffer, json: any }} Reply
 */

/** @param {number} n */
const nonce = (n) => crypto.randomBytes(n).toString('hex').slice(0, n);

/**
 * @param {Cred} cred
 * @param {{ method?: string, path: string, body?: unknown, rawBody?: string | Buffer, timestamp?: number, headers?: Record<string, string | undefined>,
 *   signedBody?: string | Buffer }} o
 *   path: relative to the account type's prefix (begins with `/`), or absolute when it begins with `//` (the `//` is dropped);
 *   signedBody: what the signature covers, when it is not the body (the image upload signs its meta part)
 * @returns {Promise<Reply>}
 */
function request(cred, o) {
	const method = o.method || (o.body === undefined && o.rawBody === undefined ? 'GET' : 'POST');
	const path = o.path.startsWith('//') ? o.path.slice(1) : PREFIX[cred.accountType] + o.path;
	const body = o.rawBody !== undefined ? Buffer.from(o.rawBody) : o.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(o.body));
	const signed = o.signedBody !== undefined ? Buffer.from(o.signedBody) : body;
	const timestamp = String(Math.floor((o.timestamp || Date.now()) / 1000));
	const nonceStr = nonce(32);
	const message = Buffer.concat([Buffer.from(`${method}\n${path}\n${timestamp}\n${nonceStr}\n`), signed, Buffer.from('\n')]);
	const signature = crypto.sign('sha256', message, cred.privateKey).toString('base64');
	const isBrand = cred.accountType === 'brand';
	const id = isBrand ? `brand_id="${cred.brandId}"` : `mchid="${cred.merchantId}"`;
	/** @type {Record<string, string>} */
	const headers = {
		accept: 'application/json',
		'user-agent': 'sandbox-user-coupon-test/1.0',
		authorization: `${SCHEME[cred.accountType]} ${id},nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${cred.certificateSerialNumber}"`,
		'content-length': String(body.length),
	};
	if (isBrand) headers['wechatpay-serial'] = cred.wechatPayPublicKeyId;
	if (method === 'POST' || ((method === 'PUT' || method === 'PATCH') && body.length > 0)) headers['content-type'] = 'application/json';
	for (const [k, v] of Object.entries(o.headers || {})) {
		if (v === undefined) delete headers[k];
		else headers[k] = v;
	}
	const base = new URL(cred.baseUrl);
	return new Promise((resolve, reject) => {
		const req = http.request({ hostname: base.hostname, port: base.port, method, path, headers, agent: false }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				let json = null;
				try {
					json = JSON.parse(raw.toString('utf8'));
				} catch {}
				resolve({ status: res.statusCode || 0, headers: res.headers, raw, json });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * The image upload (digest §8): multipart/form-data with a `meta` part (the JSON string that is signed) and a
 * `file` part. Every piece can be overridden to build a wrong request.
 * @param {Cred} cred
 * @param {{ file: Buffer, filename?: string, meta?: string, sha256?: string, boundary?: string, contentType?: string,
 *   metaHeaders?: string, fileHeaders?: string, rawBody?: Buffer, signedBody?: string | Buffer, path?: string,
 *   headers?: Record<string, string | undefined>, timestamp?: number }} o
 *   meta: the meta JSON text (default `{"filename","sha256"}` from the file); metaHeaders / fileHeaders: the part
 *   headers (CRLF-joined lines, no trailing CRLF); rawBody: the whole multipart body
 * @returns {Promise<Reply>}
 */
function upload(cred, o) {
	const filename = o.filename === undefined ? 'image.png' : o.filename;
	const sha256 = o.sha256 === undefined ? crypto.createHash('sha256').update(o.file).digest('hex') : o.sha256;
	const meta = o.meta === undefined ? JSON.stringify({ filename, sha256 }) : o.meta;
	const boundary = o.boundary === undefined ? `----sandboxTest${nonce(16)}` : o.boundary;
	const metaHeaders = o.metaHeaders === undefined ? 'Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json' : o.metaHeaders;
	const fileHeaders = o.fileHeaders === undefined ? `Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png` : o.fileHeaders;
	const body =
		o.rawBody !== undefined
			? o.rawBody
			: Buffer.concat([Buffer.from(`--${boundary}\r\n${metaHeaders}\r\n\r\n${meta}\r\n--${boundary}\r\n${fileHeaders}\r\n\r\n`), o.file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
	return request(cred, {
		path: o.path || '/media/upload-image',
		rawBody: body,
		signedBody: o.signedBody === undefined ? meta : o.signedBody,
		...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
		headers: { 'content-type': o.contentType === undefined ? `multipart/form-data; boundary=${boundary}` : o.contentType, ...(o.headers || {}) },
	});
}

/** Does the answer verify with the account's WeChat Pay public key (doc §3)? @param {{ headers: Record<string, any>, raw: Buffer }} r @param {Cred} cred */
function verifies(r, cred) {
	return verifiesWith(r, cred.wechatPayPublicKey, cred.wechatPayPublicKeyId);
}

/**
 * Does the answer verify with this key (SPKI PEM or an X.509 certificate PEM) and name it by `serial`?
 * @param {{ headers: Record<string, any>, raw: Buffer }} r @param {string} keyPem @param {string} serial
 */
function verifiesWith(r, keyPem, serial) {
	const h = r.headers;
	if (!h['wechatpay-timestamp'] || !h['wechatpay-nonce'] || !h['wechatpay-signature'] || h['wechatpay-serial'] !== serial) return false;
	if (Math.abs(Date.now() / 1000 - Number(h['wechatpay-timestamp'])) > 300 || String(h['wechatpay-signature']).startsWith('WECHATPAY/')) return false;
	const message = Buffer.concat([Buffer.from(`${h['wechatpay-timestamp']}\n${h['wechatpay-nonce']}\n`), r.raw, Buffer.from('\n')]);
	const key = keyPem.includes('BEGIN CERTIFICATE') ? new crypto.X509Certificate(keyPem).publicKey : crypto.createPublicKey(keyPem);
	return crypto.verify('sha256', message, key, Buffer.from(h['wechatpay-signature'], 'base64'));
}

/** The numeric business code at the end of the Request-ID, or null. @param {Reply} r */
function numericCode(r) {
	const m = /-(\d+)$/.exec(String(r.headers['request-id'] || ''));
	return m ? Number(m[1]) : null;
}

/** Decrypt a callback envelope's resource with the APIv3 key (doc §4). @param {any} envelope @param {Cred} cred @returns {any} */
function decryptResource(envelope, cred) {
	return JSON.parse(decryptText(envelope.resource, cred.apiV3Key));
}

/** AES-256-GCM `{ciphertext, nonce, associated_data}` → text (doc §4; also encrypt_certificate, doc §5). @param {any} r @param {string} apiV3Key */
function decryptText(r, apiV3Key) {
	const data = Buffer.from(r.ciphertext, 'base64');
	const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'ascii'), Buffer.from(r.nonce, 'ascii'));
	d.setAAD(Buffer.from(r.associated_data, 'utf8'));
	d.setAuthTag(data.subarray(data.length - 16));
	return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
}

module.exports = { request, upload, verifies, verifiesWith, numericCode, decryptResource, decryptText, PREFIX };
