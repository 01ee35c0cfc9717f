import { generateKeyPairSync, type KeyObject } from 'crypto';

/** A fresh RSA 2048 key pair for a test run; test keys are never committed. */
export function generateRsaKeyPair(): { privateKeyPem: string; publicKeyPem: string; publicKey: KeyObject } {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		publicKey,
	};
}

export function pkcs1Pem(privateKeyPem: string): string {
	const { createPrivateKey } = require('crypto') as typeof import('crypto');
	return createPrivateKey(privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
}
