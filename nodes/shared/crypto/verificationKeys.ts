import { createPublicKey, X509Certificate, type KeyObject } from 'crypto';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt } from '../attempt';
import { KeyCache } from './keyCache';
import { bareBase64, extractPemBlocks, limitFieldSize, toPem } from './pem';

/** WeChat Pay's keys for one credential, by the serial that Wechatpay-Serial names. */
export type VerificationKeys = ReadonlyMap<string, KeyObject>;

const WHERE_PUBLIC_KEY =
	'Merchant platform → Account Center → API Security → WeChat Pay public key (微信支付公钥): copy the public key ID (PUB_KEY_ID_…) into "WeChat Pay Public Key ID" and paste the downloaded pub_key.pem into "WeChat Pay Public Key"';

/** Serials are compared case-insensitively and without leading zeros, as certificates print them both ways. */
export function normaliseSerial(serial: string): string {
	const trimmed = serial.trim();
	return /^[0-9a-fA-F]+$/.test(trimmed) ? trimmed.toUpperCase().replace(/^0+(?=.)/, '') : trimmed;
}

function parsePublicKey(text: string): KeyObject {
	const blocks = extractPemBlocks(text);
	const block = blocks.find((b) => b.label === 'PUBLIC KEY');
	const base64 = blocks.length === 0 ? bareBase64(text) : undefined;
	const parsed = attempt(() => {
		if (block) return createPublicKey({ key: toPem(block), format: 'pem' });
		if (base64) return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
		return undefined;
	});
	if (parsed.ok && parsed.value?.asymmetricKeyType === 'rsa') return parsed.value;
	throw new CredentialConfigError(
		`The WeChat Pay Public Key field does not contain a readable RSA public key (BEGIN PUBLIC KEY). ${WHERE_PUBLIC_KEY}`,
	);
}

function parseCertificates(text: string): Array<[string, KeyObject]> {
	const blocks = extractPemBlocks(text).filter((b) => b.label === 'CERTIFICATE');
	if (blocks.length === 0) {
		throw new CredentialConfigError(
			'The Platform Certificates field contains no certificate: paste one or more WeChat Pay platform certificates (BEGIN CERTIFICATE … END CERTIFICATE), as downloaded with the certificate download API or tool',
		);
	}
	return blocks.map((block, index) => {
		const certificate = attempt(() => new X509Certificate(toPem(block)));
		if (!certificate.ok) {
			throw new CredentialConfigError(
				`Certificate ${index + 1} in the Platform Certificates field cannot be read: paste it again with its BEGIN and END lines`,
			);
		}
		if (certificate.value.publicKey.asymmetricKeyType !== 'rsa') {
			throw new CredentialConfigError(`Certificate ${index + 1} in the Platform Certificates field does not hold an RSA key`);
		}
		return [normaliseSerial(certificate.value.serialNumber), certificate.value.publicKey];
	});
}

/** A public key PEM is about 450 characters, a certificate about 1,500; a few certificates during a rotation. */
const MAX_PUBLIC_KEY_CHARACTERS = 16 * 1024;
const MAX_CERTIFICATES_CHARACTERS = 64 * 1024;

function parseAll(publicKeyId: string, publicKeyPem: string, certificates: string): VerificationKeys {
	limitFieldSize(publicKeyPem, 'WeChat Pay Public Key', MAX_PUBLIC_KEY_CHARACTERS, 'the content of pub_key.pem');
	limitFieldSize(certificates, 'Platform Certificates', MAX_CERTIFICATES_CHARACTERS, 'the platform certificates (BEGIN CERTIFICATE … END CERTIFICATE)');
	const keys = new Map<string, KeyObject>();
	if (certificates.trim()) {
		for (const [serial, key] of parseCertificates(certificates)) keys.set(serial, key);
	}
	if (publicKeyId || publicKeyPem.trim()) {
		if (!publicKeyId) {
			throw new CredentialConfigError(`The WeChat Pay Public Key ID is empty. ${WHERE_PUBLIC_KEY}`);
		}
		if (!publicKeyPem.trim()) {
			throw new CredentialConfigError(`The WeChat Pay Public Key is empty. ${WHERE_PUBLIC_KEY}`);
		}
		keys.set(normaliseSerial(publicKeyId), parsePublicKey(publicKeyPem));
	}
	if (keys.size === 0) {
		throw new CredentialConfigError(
			`The credential has no WeChat Pay public key, so WeChat Pay's signatures cannot be verified. ${WHERE_PUBLIC_KEY}. Accounts still on platform certificates may paste them into "Platform Certificates" instead`,
		);
	}
	return keys;
}

const cache = new KeyCache<VerificationKeys>();

/**
 * Public-key mode, platform-certificate mode, or both during a migration (brands: public key only, the account
 * leaves their certificates out); parsed once per distinct text, then looked up on the account.
 */
export function verificationKeysOf(account: WeChatPayAccount): VerificationKeys {
	const { wechatPayPublicKeyId: id, wechatPayPublicKey: pem, platformCertificates } = account;
	return (account.keys.verification ??= cache.get([id, pem, platformCertificates].join('\u0000'), () =>
		parseAll(id, pem, platformCertificates),
	));
}
