import { randomBytes, sign, verify, type KeyObject } from 'crypto';

/**
 * WeChat Pay's one signature primitive: SHA256withRSA (PKCS#1 v1.5) over lines that each end in "\n".
 * Requests sign METHOD, PATH_AND_QUERY, TIMESTAMP, NONCE, BODY; responses and callbacks TIMESTAMP, NONCE, BODY.
 * Lines are joined as bytes so that a body is signed and verified exactly as it travels.
 */
export function signatureMessage(lines: Array<string | Buffer>): Buffer {
	const parts: Buffer[] = [];
	for (const line of lines) {
		parts.push(typeof line === 'string' ? Buffer.from(line, 'utf8') : line, NEWLINE);
	}
	return Buffer.concat(parts);
}

const NEWLINE = Buffer.from('\n');

export function signBase64(message: Buffer, privateKey: KeyObject): string {
	return sign('sha256', message, privateKey).toString('base64');
}

export function verifyBase64(message: Buffer, signature: string, publicKey: KeyObject): boolean {
	const bytes = Buffer.from(signature, 'base64');
	// Buffer.from ignores junk; a signature that does not round-trip is not WeChat Pay's.
	if (bytes.length === 0 || bytes.toString('base64') !== signature) return false;
	return verify('sha256', message, publicKey, bytes);
}

const NONCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 32 characters of [0-9A-Za-z] from the CSPRNG, like the official samples (rejection sampling: no bias). */
export function createNonce(length = 32): string {
	let nonce = '';
	while (nonce.length < length) {
		for (const byte of randomBytes(length)) {
			if (byte < 248 && nonce.length < length) nonce += NONCE_ALPHABET[byte % 62];
		}
	}
	return nonce;
}
