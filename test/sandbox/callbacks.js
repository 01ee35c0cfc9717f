// @ts-check
'use strict';
/**
 * Event notifications (WeChat Pay → notify_url), doc §4: an envelope whose `resource` is AES-256-GCM encrypted
 * with the APIv3 key, POSTed with Wechatpay-* headers signed like a response. Each variant other than `valid`
 * carries exactly one defect; broken bodies are signed correctly so that nothing else is wrong.
 */
const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { wechatPayHeaders } = require('./faults');
const { SCHEME_BRAND, SCHEME_PARTNER, beijingTime, randomAlnum, randomDigits } = require('./signing');

const CALLBACK_VARIANTS = [
	'valid',
	'badSignature',
	'bodyChangedAfterSigning',
	'staleTimestamp',
	'futureTimestamp',
	'unknownSerial',
	'missingTimestamp',
	'missingNonce',
	'missingSignature',
	'missingSerial',
	'signtest',
	'otherKeySignature',
	'wrongApiV3Key',
	'flippedTagByte',
	'flippedCiphertextByte',
	'changedAssociatedData',
	'changedNonce',
	'wrongAlgorithm',
	'missingResource',
	'missingCiphertext',
	'missingNonceField',
	'missingAlgorithm',
	'truncatedCiphertext',
	'ciphertextNotBase64',
	'plaintextNotJson',
	'nonJsonBody',
	'emptyBody',
	'largeBody',
	'brandSignatureTypeMismatch',
];
/** variants that are purely a header/signature defect, mapped to the shared fault name */
const HEADER_VARIANTS = /** @type {Record<string, string>} */ ({
	badSignature: 'wrongSignature',
	staleTimestamp: 'staleTimestamp',
	futureTimestamp: 'futureTimestamp',
	unknownSerial: 'unknownSerial',
	missingTimestamp: 'missingTimestamp',
	missingNonce: 'missingNonce',
	missingSignature: 'missingSignature',
	missingSerial: 'missingSerial',
	signtest: 'signtest',
	otherKeySignature: 'otherKeySignature',
});
const LARGE_BODY_BYTES = 2 * 1024 * 1024;

/**
 * @typedef {{ id: string, create_time: string, resource_type: string, event_type: string, summary: string,
 *   resource: { original_type: string, algorithm: string, ciphertext: string, associated_data: string, nonce: string } }} Envelope
 * @typedef {{ eventType?: string, payload?: Record<string, unknown>, variant?: string, id?: string, createTime?: string,
 *   originalType?: string, associatedData?: string, summary?: string }} CallbackOptions
 *   originalType / associatedData / summary: default to the product coupon SEND ones (`coupon`,
 *   `product_coupon_sp` or `product_coupon` for brands, 商品券发放通知)
 * @typedef {{ headers: Record<string, string>, body: Buffer, envelope: Envelope, payload: Record<string, unknown>, variant: string }} BuiltCallback
 */

/** AES-256-GCM → base64(ciphertext || 16-byte tag) @param {string} key @param {string} nonce @param {string} aad @param {Buffer} plaintext */
function encrypt(key, nonce, aad, plaintext) {
	const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(key, 'ascii'), Buffer.from(nonce, 'ascii'));
	cipher.setAAD(Buffer.from(aad, 'utf8'));
	return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

/** @param {import('./accounts').Account} account @param {number} nowMs @returns {Record<string, unknown>} a realistic SEND payload */
function defaultPayload(account, nowMs) {
	const payload = {
		brand_id: account.accountType === 'brand' ? account.id : '120344',
		coupon_code: `Code_${randomDigits(18)}`,
		product_coupon_id: `10${randomDigits(8)}`,
		stock_id: `12${randomDigits(8)}`,
		appid: 'wxd678efh567hg6787',
		openid: `oUpF8u${randomAlnum(22)}`,
		unionid: `o6_bmj${randomAlnum(22)}`,
		receive_time: beijingTime(nowMs),
		valid_begin_time: beijingTime(nowMs),
		valid_end_time: beijingTime(nowMs + 30 * 24 * 3600 * 1000),
		send_request_no: `SEND${randomDigits(20)}`,
		send_channel: 'API',
	};
	return payload;
}

/**
 * @param {import('./accounts').Account} account
 * @param {number} nowMs
 * @param {CallbackOptions} [options]
 * @returns {BuiltCallback}
 */
function buildCallback(account, nowMs, options = {}) {
	const variant = options.variant || 'valid';
	if (!CALLBACK_VARIANTS.includes(variant)) throw new Error(`sandbox: unknown callback variant ${JSON.stringify(variant)}; known: ${CALLBACK_VARIANTS.join(', ')}`);
	const isBrand = account.accountType === 'brand';
	const eventType = options.eventType !== undefined ? options.eventType : isBrand ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND';
	const payload = options.payload !== undefined ? options.payload : defaultPayload(account, nowMs);
	const associatedData = options.associatedData !== undefined ? options.associatedData : isBrand ? 'product_coupon' : 'product_coupon_sp';
	const nonce = randomAlnum(12);
	const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');

	/** @type {Envelope} */
	const envelope = {
		id: options.id || crypto.randomUUID(),
		create_time: options.createTime || beijingTime(nowMs),
		resource_type: 'encrypt-resource',
		event_type: eventType,
		summary: options.summary !== undefined ? options.summary : '商品券发放通知',
		resource: {
			original_type: options.originalType !== undefined ? options.originalType : 'coupon',
			algorithm: 'AEAD_AES_256_GCM',
			ciphertext: encrypt(account.apiV3Key, nonce, associatedData, plaintext),
			associated_data: associatedData,
			nonce,
		},
	};

	/** @type {any} */
	const sent = JSON.parse(JSON.stringify(envelope));
	const r = sent.resource;
	const raw = () => Buffer.from(r.ciphertext, 'base64');
	switch (variant) {
		case 'wrongApiV3Key':
			r.ciphertext = encrypt(randomAlnum(32), nonce, associatedData, plaintext);
			break;
		case 'flippedTagByte': {
			const b = raw();
			b[b.length - 1] ^= 0x01;
			r.ciphertext = b.toString('base64');
			break;
		}
		case 'flippedCiphertextByte': {
			const b = raw();
			b[0] ^= 0x01;
			r.ciphertext = b.toString('base64');
			break;
		}
		case 'changedAssociatedData':
			r.associated_data = associatedData === 'product_coupon' ? 'product_coupon_sp' : associatedData === 'product_coupon_sp' ? 'product_coupon' : `${associatedData}_changed`;
			break;
		case 'changedNonce':
			r.nonce = nonce.slice(1) + (nonce[0] === 'A' ? 'B' : 'A');
			break;
		case 'wrongAlgorithm':
			r.algorithm = 'AEAD_AES_128_GCM';
			break;
		case 'missingResource':
			delete sent.resource;
			break;
		case 'missingCiphertext':
			delete r.ciphertext;
			break;
		case 'missingNonceField':
			delete r.nonce;
			break;
		case 'missingAlgorithm':
			delete r.algorithm;
			break;
		case 'truncatedCiphertext':
			r.ciphertext = raw().subarray(0, 10).toString('base64');
			break;
		case 'ciphertextNotBase64':
			r.ciphertext = '%%%not*base64!!!';
			break;
		case 'plaintextNotJson':
			r.ciphertext = encrypt(account.apiV3Key, nonce, associatedData, Buffer.from('coupon sent, but this is not JSON', 'utf8'));
			break;
		default:
			break;
	}

	/** @type {Buffer} */
	let body;
	if (variant === 'nonJsonBody') body = Buffer.from('<xml><return_code>SUCCESS</return_code></xml>', 'utf8');
	else if (variant === 'emptyBody') body = Buffer.alloc(0);
	else if (variant === 'largeBody') {
		const base = Buffer.byteLength(JSON.stringify(sent), 'utf8');
		sent.summary += ' '.repeat(LARGE_BODY_BYTES - base);
		body = Buffer.from(JSON.stringify(sent), 'utf8');
	} else body = Buffer.from(JSON.stringify(sent), 'utf8');

	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', ...wechatPayHeaders(account, body, nowMs, HEADER_VARIANTS[variant] || null) };
	if (variant === 'brandSignatureTypeMismatch') headers['wechatpay-signature-type'] = isBrand ? SCHEME_PARTNER : SCHEME_BRAND;
	if (variant === 'bodyChangedAfterSigning') {
		sent.summary = '商品券发放通知（已篡改）';
		body = Buffer.from(JSON.stringify(sent), 'utf8');
	}
	return { headers, body, envelope, payload, variant };
}

/**
 * POST a built callback to `url` (http or https). Resolves with the receiver's answer; rejects on network errors.
 * @param {string} url
 * @param {BuiltCallback} built
 * @param {{ timeoutMs?: number, rejectUnauthorized?: boolean, signal?: AbortSignal }} [options]
 * @returns {Promise<{ status: number, headers: import('http').IncomingHttpHeaders, body: string, durationMs: number, callback: BuiltCallback }>}
 */
function postCallback(url, built, options = {}) {
	const target = new URL(url);
	const client = target.protocol === 'https:' ? https : http;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = client.request(
			target,
			{
				method: 'POST',
				headers: { ...built.headers, 'content-length': String(built.body.length), 'user-agent': 'Mozilla/4.0', accept: '*/*' },
				timeout: options.timeoutMs || 10000,
				...(options.signal ? { signal: options.signal } : {}),
				...(target.protocol === 'https:' ? { rejectUnauthorized: options.rejectUnauthorized !== false } : {}),
			},
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('error', reject);
				res.on('end', () =>
					resolve({ status: res.statusCode || 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), durationMs: Date.now() - started, callback: built }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`callback to ${url} timed out`)));
		req.on('error', reject);
		req.end(built.body);
	});
}

module.exports = { CALLBACK_VARIANTS, buildCallback, postCallback, encrypt, LARGE_BODY_BYTES };
