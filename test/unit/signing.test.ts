import { createPublicKey, verify } from 'crypto';

import vector from '../fixtures/official-signing-vector.json';
import { readAccount } from '../../nodes/shared/account';
import { readCheckedAccount } from '../../nodes/shared/checkedAccount';
import { buildAuthorization } from '../../nodes/shared/crypto/requestSigner';
import { signatureMessage, signBase64, createNonce } from '../../nodes/shared/crypto/signature';
import { loadPrivateKey } from '../../nodes/shared/crypto/privateKey';
import { signOutgoingRequest } from '../../nodes/shared/transport/signOutgoingRequest';
import { USER_AGENT } from '../../nodes/shared/version';
import { generateRsaKeyPair } from '../helpers/keys';

function parseAuthorization(header: string): { scheme: string; fields: Record<string, string> } {
	const [scheme, rest] = [header.slice(0, header.indexOf(' ')), header.slice(header.indexOf(' ') + 1)];
	const fields: Record<string, string> = {};
	for (const pair of rest.split(',')) {
		const match = /^([a-z_]+)="([^"]*)"$/.exec(pair);
		if (!match) throw new Error(`bad pair ${pair}`);
		fields[match[1]] = match[2];
	}
	return { scheme, fields };
}

/** The Authorization header for the vector's request, signed with the vector's key, for an account of the given id. */
function authorizationFor(id: Record<string, string>): string {
	const account = readAccount({ ...id, certificateSerialNumber: vector.serial_no, privateKey: vector.private_key_pem });
	return buildAuthorization(account, {
		method: vector.method,
		pathAndQuery: vector.url,
		body: vector.body,
		timestamp: Number(vector.timestamp),
		nonce: vector.nonce_str,
	});
}

describe('the official signing vector', () => {
	it('builds the five-line message byte for byte', () => {
		const message = signatureMessage([vector.method, vector.url, vector.timestamp, vector.nonce_str, vector.body]);
		expect(message.toString('utf8')).toBe(vector.message);
	});

	it('signs it to the published signature', () => {
		const key = loadPrivateKey(vector.private_key_pem);
		expect(signBase64(Buffer.from(vector.message, 'utf8'), key)).toBe(vector.expected_signature);
	});

	it('gives the published signature through the Authorization builder (service provider scheme)', () => {
		const header = authorizationFor({ merchantId: vector.mchid });
		expect(header).toBe(
			`WECHATPAY2-SHA256-RSA2048 mchid="${vector.mchid}",nonce_str="${vector.nonce_str}",signature="${vector.expected_signature}",timestamp="${vector.timestamp}",serial_no="${vector.serial_no}"`,
		);
	});

	it('uses the brand scheme word and brand_id with the same message and signature', () => {
		const header = authorizationFor({ accountType: 'brand', brandId: '120344' });
		const { scheme, fields } = parseAuthorization(header);
		expect(scheme).toBe('WECHATPAY-BRAND-SHA256-RSA2048');
		expect(fields).toEqual({
			brand_id: '120344',
			nonce_str: vector.nonce_str,
			signature: vector.expected_signature,
			timestamp: vector.timestamp,
			serial_no: vector.serial_no,
		});
		expect(header).not.toContain(' ,');
		expect(header).not.toContain('\n');
	});
});

describe('signing the request that is actually sent', () => {
	const keys = generateRsaKeyPair();
	const base = {
		merchantId: '1900000109',
		certificateSerialNumber: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
		privateKey: keys.privateKeyPem,
		wechatPayPublicKeyId: 'PUB_KEY_ID_0119000001092025',
		baseUrl: 'https://api.mch.weixin.qq.com',
	};

	function verifySigned(signed: ReturnType<typeof signOutgoingRequest>): { fields: Record<string, string>; message: string } {
		const headers = signed.headers as Record<string, string>;
		const { fields } = parseAuthorization(headers.Authorization);
		const url = new URL(signed.url);
		const body = typeof signed.body === 'string' ? signed.body : '';
		const message = `${signed.method}\n${url.pathname}${url.search}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
		expect(verify('sha256', Buffer.from(message), keys.publicKey, Buffer.from(fields.signature, 'base64'))).toBe(true);
		return { fields, message };
	}

	it('signs a GET with an empty body line (message ends with NONCE\\n\\n) and sends no body', () => {
		const signed = signOutgoingRequest(readAccount(base), { method: 'GET', url: '/v3/marketing/partner/product-coupon/notify-configs' });
		const { fields, message } = verifySigned(signed);
		expect(message.endsWith(`${fields.nonce_str}\n\n`)).toBe(true);
		expect(signed.body).toBeUndefined();
		expect(signed.headers).toMatchObject({ Accept: 'application/json', 'User-Agent': USER_AGENT });
		expect((signed.headers as Record<string, string>)['Content-Type']).toBeUndefined();
	});

	it('serialises a JSON body once and signs exactly those bytes', () => {
		const signed = signOutgoingRequest(readAccount(base), {
			method: 'POST',
			url: '/v3/marketing/partner/product-coupon/notify-configs',
			body: { notify_url: 'https://example.com/回调' },
		});
		expect(signed.body).toBe('{"notify_url":"https://example.com/回调"}');
		verifySigned(signed);
		expect(signed.headers).toMatchObject({ 'Content-Type': 'application/json', 'Wechatpay-Serial': base.wechatPayPublicKeyId });
	});

	it('signs the path with its query string, folded from qs into the URL that is sent', () => {
		const signed = signOutgoingRequest(readAccount(base), { method: 'GET', url: '/v3/x?a=1', qs: { b: 'two words', c: 3 } });
		expect(signed.url).toBe('https://api.mch.weixin.qq.com/v3/x?a=1&b=two+words&c=3');
		expect(signed.qs).toBeUndefined();
		const { message } = verifySigned(signed);
		expect(message.split('\n')[1]).toBe('/v3/x?a=1&b=two+words&c=3');
	});

	it.each(['/v3/plain/path', '/v3/a?x=1&y=two', "/v3/a?q='quoted'", '/v3/a/../b', '/v3/./a', '/v3/回调', '/v3/a b', '/v3/%41?q=%zz', '/v3/a?'])(
		'signs %s as the path that is actually sent',
		(path) => {
			const signed = signOutgoingRequest(readAccount(base), { method: 'GET', url: path });
			const { message } = verifySigned(signed);
			const sent = new URL(signed.url); // what axios puts on the wire
			expect(message.split('\n')[1]).toBe(sent.pathname + sent.search);
		},
	);

	it('goes to the base URL the transport chose (failover host), signed the same way', () => {
		const signed = signOutgoingRequest(readAccount(base), { method: 'GET', url: '/v3/y', baseURL: 'https://api2.mch.weixin.qq.com' });
		expect(signed.url).toBe('https://api2.mch.weixin.qq.com/v3/y');
		expect(signed.baseURL).toBeUndefined();
		expect(signed.disableFollowRedirect).toBe(true);
		verifySigned(signed);
	});

	it('uses a Unix timestamp in seconds and a fresh 32-character nonce every time', () => {
		const first = verifySigned(signOutgoingRequest(readAccount(base), { method: 'GET', url: '/v3/z' })).fields;
		const second = verifySigned(signOutgoingRequest(readAccount(base), { method: 'GET', url: '/v3/z' })).fields;
		expect(first.timestamp).toMatch(/^\d{10}$/);
		expect(Math.abs(Number(first.timestamp) - Date.now() / 1000)).toBeLessThan(5);
		expect(first.nonce_str).toMatch(/^[0-9A-Za-z]{32}$/);
		expect(first.nonce_str).not.toBe(second.nonce_str);
	});

	it('refuses plain http except to this machine, and base URLs with a path', () => {
		expect(() => signOutgoingRequest(readAccount({ ...base, baseUrl: 'http://api.mch.weixin.qq.com' }), { url: '/v3/a' })).toThrow(
			/must start with https:\/\//,
		);
		expect(() => signOutgoingRequest(readAccount({ ...base, baseUrl: 'https://proxy.example.com/wx' }), { url: '/v3/a' })).toThrow(
			/without a path/,
		);
		expect(signOutgoingRequest(readAccount({ ...base, baseUrl: 'http://127.0.0.1:8080' }), { url: '/v3/a' }).url).toBe(
			'http://127.0.0.1:8080/v3/a',
		);
	});

	it('sends Wechatpay-Serial on every brand request (the account check refuses a brand without the key id first)', () => {
		const brand = { ...base, accountType: 'brand', brandId: '120344', wechatPayPublicKey: keys.publicKeyPem };
		expect(signOutgoingRequest(readAccount(brand), { url: '/brand/a' }).headers).toMatchObject({ 'Wechatpay-Serial': base.wechatPayPublicKeyId });
		expect(() => readCheckedAccount({ ...brand, wechatPayPublicKeyId: '' })).toThrow(/WeChat Pay Public Key ID is empty/);
	});

	it("signs a request shaped like n8n's HTTP Request node (uri, qs with arrays), as it is sent", () => {
		const request = { method: 'POST', uri: 'https://api.mch.weixin.qq.com/v3/c/confirm', qs: { tag: ['a', 'b'] }, body: { x: 1 } };
		const signed = signOutgoingRequest(readAccount(base), request as never);
		expect(signed.url).toBe('https://api.mch.weixin.qq.com/v3/c/confirm?tag=a&tag=b');
		expect((signed as { uri?: string }).uri).toBeUndefined();
		verifySigned(signed);
	});

	it('refuses what it cannot sign faithfully: forms, nested query values, other hosts', () => {
		const account = readAccount(base);
		expect(() => signOutgoingRequest(account, { url: '/v3/a', form: { a: 1 } } as never)).toThrow(/JSON bodies only/);
		expect(() => signOutgoingRequest(account, { url: '/v3/a', qs: { o: { k: 1 } } })).toThrow(/"o" must be text or a number/);
		expect(() => signOutgoingRequest(account, { url: 'https://evil.example.com/v3/a' })).toThrow(/only go to the credential's Base URL/);
	});

	it('creates nonces from the whole alphabet', () => {
		const seen = new Set(Array.from({ length: 200 }, () => createNonce()).join(''));
		expect(seen.size).toBe(62);
	});
});

describe('the credential authenticate()', () => {
	const wechatPayKeys = generateRsaKeyPair();
	const base = {
		merchantId: '1900000109',
		certificateSerialNumber: 'ABC',
		wechatPayPublicKeyId: 'PUB_KEY_ID_0119000001092025000000000000',
		wechatPayPublicKey: wechatPayKeys.publicKeyPem,
		baseUrl: 'https://api.mch.weixin.qq.com',
	};

	it('signs through the same code and names the package in User-Agent', async () => {
		const { WeChatPayApi } = await import('../../credentials/WeChatPayApi.credentials');
		const keys = generateRsaKeyPair();
		const signed = await new WeChatPayApi().authenticate({ ...base, privateKey: keys.privateKeyPem }, { method: 'GET', url: '/v3/q' });
		const headers = signed.headers as Record<string, string>;
		expect(headers.Authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",/);
		expect(headers['User-Agent']).toMatch(/^n8n-nodes-wechatpay\/\d+\.\d+\.\d+/);
		expect(headers['Wechatpay-Serial']).toBe(base.wechatPayPublicKeyId);
		expect(createPublicKey(keys.publicKeyPem)).toBeDefined();
	});

	it('refuses, naming the field, a credential whose answers could not be verified or whose callbacks could not be decrypted', async () => {
		const { WeChatPayApi } = await import('../../credentials/WeChatPayApi.credentials');
		const privateKey = generateRsaKeyPair().privateKeyPem;
		const sign = (changes: object) =>
			new WeChatPayApi().authenticate({ ...base, privateKey, ...changes }, { method: 'GET', url: '/v3/q' });
		await expect(sign({ wechatPayPublicKeyId: '', wechatPayPublicKey: '' })).rejects.toThrow(/no WeChat Pay public key/);
		await expect(sign({ wechatPayPublicKey: 'not a key' })).rejects.toThrow(/WeChat Pay Public Key/);
		await expect(sign({ apiV3Key: 'x'.repeat(31) })).rejects.toThrow(/APIv3 Key must be exactly 32 characters \(it has 31\)/);
		await expect(sign({ apiV3Key: `é${'x'.repeat(31)}` })).rejects.toThrow(/\(it has 32, 33 bytes: only letters and digits belong in it\)/);
		await expect(sign({ apiV3Key: 'x'.repeat(32) })).resolves.toBeDefined();
	});
});
