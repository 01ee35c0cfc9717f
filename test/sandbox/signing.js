// @ts-check
'use strict';
/**
 * WeChat Pay APIv3 signing primitives, written independently of the product code.
 * Request message:  METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nBODY\n
 * Response message: TIMESTAMP\nNONCE\nBODY\n   (also used for callbacks)
 * Algorithm: SHA256withRSA (RSASSA-PKCS1-v1_5), standard Base64.
 */
const crypto = require('crypto');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SCHEME_PARTNER = 'WECHATPAY2-SHA256-RSA2048';
const SCHEME_BRAND = 'WECHATPAY-BRAND-SHA256-RSA2048';

/** @param {number} length @returns {string} CSPRNG string of [A-Za-z0-9] */
function randomAlnum(length) {
	let out = '';
	for (let i = 0; i < length; i++) out += ALNUM[crypto.randomInt(ALNUM.length)];
	return out;
}

/** @param {number} length @returns {string} */
function randomDigits(length) {
	let out = '';
	for (let i = 0; i < length; i++) out += String(crypto.randomInt(10));
	return out;
}

/** @param {string | Buffer} body @returns {Buffer} */
function toBuffer(body) {
	return Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
}

/**
 * @param {string} method @param {string} pathAndQuery @param {string} timestamp @param {string} nonce
 * @param {string | Buffer} body @returns {Buffer}
 */
function requestMessage(method, pathAndQuery, timestamp, nonce, body) {
	return Buffer.concat([
		Buffer.from(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n`, 'utf8'),
		toBuffer(body),
		Buffer.from('\n'),
	]);
}

/** @param {string} timestamp @param {string} nonce @param {string | Buffer} body @returns {Buffer} */
function responseMessage(timestamp, nonce, body) {
	return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), toBuffer(body), Buffer.from('\n')]);
}

/** @param {crypto.KeyObject} privateKey @param {Buffer} message @returns {string} base64 */
function sign(privateKey, message) {
	return crypto
		.sign('sha256', message, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING })
		.toString('base64');
}

/** Strict standard Base64 (with padding, no whitespace). @param {string} s */
function isStrictBase64(s) {
	return s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s);
}

/**
 * @param {crypto.KeyObject} publicKey @param {Buffer} message @param {string} signatureB64
 * @returns {boolean} never throws
 */
function verify(publicKey, message, signatureB64) {
	if (typeof signatureB64 !== 'string' || !isStrictBase64(signatureB64)) return false;
	const signature = Buffer.from(signatureB64, 'base64');
	if (signature.length !== 256) return false;
	try {
		return crypto.verify('sha256', message, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
	} catch {
		return false;
	}
}

/** @param {number} ms @returns {string} Unix seconds */
function unixSeconds(ms) {
	return String(Math.floor(ms / 1000));
}

/** RFC 3339 in Beijing time, e.g. 2025-01-01T10:00:00+08:00. @param {number} ms */
function beijingTime(ms) {
	return new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** Looks like WeChat Pay's Request-ID (hex, upper case). */
function newRequestId() {
	return crypto.randomBytes(20).toString('hex').toUpperCase();
}

module.exports = {
	SCHEME_PARTNER,
	SCHEME_BRAND,
	randomAlnum,
	randomDigits,
	requestMessage,
	responseMessage,
	sign,
	verify,
	isStrictBase64,
	unixSeconds,
	beijingTime,
	newRequestId,
};
