// @ts-check
'use strict';
/**
 * Fault injection. Response faults: the request is processed normally, then the signed 2xx answer is altered.
 * Transport faults: the request is not processed, except `slow` (processed, answered after a delay) and
 * `http500AfterApply` (processed and applied, then answered 500 SYSTEM_ERROR: the answer was lost).
 * Download faults: the unsigned bill file (GET /v3/billdownload/file) is altered; no effect on any other answer.
 */
const crypto = require('crypto');
const { generateRsaKeyPair } = require('./keys');
const { wechatPaySigner } = require('./accounts');
const { randomAlnum, randomDigits, responseMessage, sign } = require('./signing');

const RESPONSE_FAULTS = [
	'tamperBody',
	'wrongSignature',
	'otherKeySignature',
	'unknownSerial',
	'missingTimestamp',
	'missingNonce',
	'missingSignature',
	'missingSerial',
	'staleTimestamp',
	'futureTimestamp',
	'signtest',
	'empty204Signed',
	'empty204Unsigned',
];
const TRANSPORT_FAULTS = ['http429', 'http500', 'http502', 'http503', 'http504', 'reset', 'slow', 'http500AfterApply'];
const DOWNLOAD_FAULTS = ['tamperedBillFile'];
const ALL_FAULTS = [...RESPONSE_FAULTS, ...TRANSPORT_FAULTS, ...DOWNLOAD_FAULTS];
const DEFAULT_SLOW_MS = 15000;
const SKEW_SECONDS = 360;

/** @param {string} fault */
function assertFault(fault) {
	if (!ALL_FAULTS.includes(fault)) throw new Error(`sandbox: unknown fault ${JSON.stringify(fault)}; known: ${ALL_FAULTS.join(', ')}`);
}

/** Seeded PRNG (mulberry32). @param {number} seed @returns {() => number} in [0, 1) */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Next fault for a request of this account: queued ones first, then the random rate.
 * @param {import('./accounts').Account} account
 * @returns {{ fault: string, slowMs?: number } | null}
 */
function drawFault(account) {
	const queued = account.faultQueue.shift();
	if (queued) return queued;
	if (account.faultRate > 0 && account.rng && account.faultList.length > 0) {
		if (account.rng() < account.faultRate) return { fault: account.faultList[Math.floor(account.rng() * account.faultList.length)] };
	}
	return null;
}

/** @type {crypto.KeyObject | null} */
let strangerKey = null;
/** An RSA key unrelated to every account (lazily generated once per process). */
function unrelatedKey() {
	if (!strangerKey) strangerKey = generateRsaKeyPair().privateKey;
	return strangerKey;
}

/** a serial/id that names no key of this account, shaped like the signer's @param {string} signerSerial */
function unknownSerialFor(signerSerial) {
	return signerSerial.startsWith('PUB_KEY_ID_') ? `PUB_KEY_ID_01${randomDigits(26)}` : crypto.randomBytes(20).toString('hex').toUpperCase();
}

/**
 * Wechatpay-* headers for a body signed by this account's WeChat Pay key, optionally broken by a signature-level
 * fault (shared with callbacks). Returns lower-case header names.
 * @param {import('./accounts').Account} account
 * @param {Buffer} body the bytes that are signed
 * @param {number} nowMs
 * @param {string | null} [fault] one of the header/signature faults, or null
 * @param {boolean} [forceCertificate] sign with the active platform certificate (GET /v3/certificates)
 * @returns {Record<string, string>}
 */
function wechatPayHeaders(account, body, nowMs, fault, forceCertificate = false) {
	const signer = wechatPaySigner(account, forceCertificate);
	let ts = Math.floor(nowMs / 1000);
	if (fault === 'staleTimestamp') ts -= SKEW_SECONDS;
	if (fault === 'futureTimestamp') ts += SKEW_SECONDS;
	const timestamp = String(ts);
	const nonce = randomAlnum(32);
	const message = responseMessage(timestamp, nonce, body);
	let signature = sign(fault === 'otherKeySignature' ? unrelatedKey() : signer.privateKey, message);
	if (fault === 'wrongSignature') signature = crypto.randomBytes(256).toString('base64');
	if (fault === 'signtest') signature = `WECHATPAY/SIGNTEST/${signature}`;
	/** @type {Record<string, string>} */
	const headers = {
		'wechatpay-timestamp': timestamp,
		'wechatpay-nonce': nonce,
		'wechatpay-signature': signature,
		'wechatpay-serial': fault === 'unknownSerial' ? unknownSerialFor(signer.serial) : signer.serial,
		'wechatpay-signature-type': signer.signatureType,
	};
	if (fault === 'missingTimestamp') delete headers['wechatpay-timestamp'];
	if (fault === 'missingNonce') delete headers['wechatpay-nonce'];
	if (fault === 'missingSignature') delete headers['wechatpay-signature'];
	if (fault === 'missingSerial') delete headers['wechatpay-serial'];
	return headers;
}

/** Same JSON, different content: every notify_url (or the first string value) gets another host. @param {Buffer} body */
function tamperedBody(body) {
	const text = body.toString('utf8');
	const changed = text.replace(/"https:\/\/[^/"]+/g, '"https://attacker.example');
	if (changed !== text) return Buffer.from(changed, 'utf8');
	// No URL to redirect: change the first string value's first character (still valid JSON, different content).
	const altered = text.replace(/:"([^"\\])/, (_match, first) => `:"${first === 'X' ? 'Y' : 'X'}`);
	return Buffer.from(altered !== text ? altered : `${text} `, 'utf8');
}

/**
 * The signed 2xx answer for `body`, altered by a response fault when one is given. A 204 answer is signed over the
 * empty body and has no Content-Type; `tamperBody` on it sends a `{}` body with the 204's signature (status 200).
 * @param {import('./accounts').Account} account
 * @param {number} status
 * @param {Buffer} body
 * @param {number} nowMs
 * @param {string | null} fault
 * @param {boolean} [forceCertificate] sign with the active platform certificate
 * @returns {{ status: number, headers: Record<string, string>, body: Buffer }}
 */
function signedResponse(account, status, body, nowMs, fault, forceCertificate = false) {
	const empty = Buffer.alloc(0);
	if (fault === 'empty204Unsigned') return { status: 204, headers: {}, body: empty };
	if (fault === 'empty204Signed') return { status: 204, headers: wechatPayHeaders(account, empty, nowMs, null, forceCertificate), body: empty };
	if (status === 204) {
		if (fault === 'tamperBody') return { status: 200, headers: { 'content-type': 'application/json', ...wechatPayHeaders(account, empty, nowMs, null, forceCertificate) }, body: Buffer.from('{}') };
		return { status, headers: wechatPayHeaders(account, empty, nowMs, fault, forceCertificate), body: empty };
	}
	const headers = { 'content-type': 'application/json', ...wechatPayHeaders(account, body, nowMs, fault, forceCertificate) };
	return { status, headers, body: fault === 'tamperBody' ? tamperedBody(body) : body };
}

/** A downloaded file with one byte changed (its hash no longer matches). @param {Buffer} file */
function tamperedFile(file) {
	const out = Buffer.from(file);
	if (out.length === 0) return Buffer.from('x');
	out[Math.floor(out.length / 2)] ^= 0x01;
	return out;
}

module.exports = {
	RESPONSE_FAULTS,
	TRANSPORT_FAULTS,
	DOWNLOAD_FAULTS,
	ALL_FAULTS,
	DEFAULT_SLOW_MS,
	SKEW_SECONDS,
	assertFault,
	seededRandom,
	drawFault,
	unrelatedKey,
	unknownSerialFor,
	wechatPayHeaders,
	signedResponse,
	tamperedFile,
};
