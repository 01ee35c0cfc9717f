// @ts-check
'use strict';
/**
 * Run-time key material: RSA 2048 key pairs, 40-hex serials, and a self-signed X.509
 * "WeChat Pay platform certificate" built with a tiny DER encoder (no files, no openssl).
 */
const crypto = require('crypto');

/** @returns {{ privateKey: crypto.KeyObject, publicKey: crypto.KeyObject }} */
function generateRsaKeyPair() {
	return crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
}

/** 20 random bytes, first byte in 0x10..0x7f: a positive DER INTEGER printing as exactly 40 hex digits. */
function randomSerialBytes() {
	const bytes = crypto.randomBytes(20);
	bytes[0] = 0x10 + (bytes[0] % 0x70);
	return bytes;
}

/** @returns {string} 40 upper-case hex digits */
function randomSerialHex() {
	return randomSerialBytes().toString('hex').toUpperCase();
}

/** @param {crypto.KeyObject} privateKey @returns {string} PKCS#8 PEM */
function privateKeyPem(privateKey) {
	return /** @type {string} */ (privateKey.export({ type: 'pkcs8', format: 'pem' }));
}

/** @param {crypto.KeyObject} publicKey @returns {string} SPKI PEM */
function publicKeyPem(publicKey) {
	return /** @type {string} */ (publicKey.export({ type: 'spki', format: 'pem' }));
}

// ---- minimal DER encoder -------------------------------------------------------------------

/** @param {number} tag @param {Buffer} content */
function tlv(tag, content) {
	const n = content.length;
	let len;
	if (n < 0x80) len = Buffer.from([n]);
	else {
		const bytes = [];
		for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
		len = Buffer.from([0x80 | bytes.length, ...bytes]);
	}
	return Buffer.concat([Buffer.from([tag]), len, content]);
}
/** @param {...Buffer} items */
const seq = (...items) => tlv(0x30, Buffer.concat(items));
/** @param {...Buffer} items */
const set = (...items) => tlv(0x31, Buffer.concat(items));
/** @param {string} dotted */
function oid(dotted) {
	const parts = dotted.split('.').map(Number);
	const bytes = [40 * parts[0] + parts[1]];
	for (const p of parts.slice(2)) {
		const chunk = [p & 0x7f];
		for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}
/** @param {Date} d X.509 time: UTCTime YYMMDDHHMMSSZ before 2050, GeneralizedTime YYYYMMDDHHMMSSZ after */
function x509Time(d) {
	const digits = d.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:T]/g, '');
	return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}
/** @param {Array<[string, string]>} attrs [oid, value] */
function name(attrs) {
	return seq(...attrs.map(([o, v]) => set(seq(oid(o), tlv(o === '2.5.4.6' ? 0x13 : 0x0c, Buffer.from(v, 'utf8'))))));
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

/**
 * Self-signed X.509 v3 certificate for an RSA key, looking like a Tenpay platform certificate.
 * @param {{ privateKey: crypto.KeyObject, publicKey: crypto.KeyObject, serialHex: string, notBefore: Date, notAfter: Date, commonName?: string }} o
 * @returns {string} PEM
 */
function selfSignedCertificate(o) {
	const subject = name([
		['2.5.4.6', 'CN'],
		['2.5.4.10', 'Tenpay.com'],
		['2.5.4.11', 'Tenpay.com CA Center'],
		['2.5.4.3', o.commonName || 'Tenpay.com Sandbox Platform'],
	]);
	const spki = /** @type {Buffer} */ (o.publicKey.export({ type: 'spki', format: 'der' }));
	const tbs = seq(
		tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] EXPLICIT version v3
		tlv(0x02, Buffer.from(o.serialHex, 'hex')),
		SHA256_WITH_RSA,
		subject,
		seq(x509Time(o.notBefore), x509Time(o.notAfter)),
		subject,
		spki,
	);
	const signature = crypto.sign('sha256', tbs, { key: o.privateKey, padding: crypto.constants.RSA_PKCS1_PADDING });
	const der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
	const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
	return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

module.exports = { generateRsaKeyPair, randomSerialHex, privateKeyPem, publicKeyPem, selfSignedCertificate };
