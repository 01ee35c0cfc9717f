import { randomBytes, sign, verify, type KeyObject } from 'crypto';

/**
 * WeChat Pay's one signature primitive: SHA256withRSA (PKCS#1 v1.5) over lines that each end in "\n".
 * Requests sign METHOD, PATH_AND_QUERY, TIMESTAMP, NONCE, BODY; responses and callbacks TIMESTAMP, NONCE, BODY.
 * Lines are joined as bytes so that a body is signed and verified exactly as it travels.
 */
export function signatureMessage(lines: Array<string | Buffer>): Buffer {
	const parts: Buffer[] = [];
	let text = '';
	for (const line of lines) {
		if (typeof line === 'string') {
			text += `${line}\n`;
		} else {
			parts.push(Buffer.from(text, 'utf8'), line);
			text = '\n';
		}
	}
	parts.push(Buffer.from(text, 'utf8'));
	return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

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

// CSPRNG bytes drawn in blocks: one randomBytes call serves many nonces. Each byte is used once.
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomByte(): number {
	if (poolOffset >= pool.length) {
		pool = randomBytes(4096);
		poolOffset = 0;
	}
	return pool[poolOffset++];
}

/** 32 characters of [0-9A-Za-z] from the CSPRNG, like the official samples (rejection sampling: no bias). */
export function createNonce(length = 32): string {
	let nonce = '';
	while (nonce.length < length) {
		const byte = randomByte();
		if (byte < 248) nonce += NONCE_ALPHABET[byte % 62];
	}
	return nonce;
}
