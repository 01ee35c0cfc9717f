import { X509Certificate, type KeyObject } from 'crypto';

import type { WeChatPayAccount } from '../../../shared/account';
import { attempt } from '../../../shared/attempt';
import { apiV3KeyOf, decryptText, type EncryptedResource } from '../../../shared/crypto/aesGcm';
import { SignatureVerificationError } from '../../../shared/crypto/responseVerifier';
import { normaliseSerial, verificationKeysOf, type VerificationKeys } from '../../../shared/crypto/verificationKeys';
import { parseJsonObject } from '../../../shared/http';

/** One platform certificate of a GET /v3/certificates answer, decrypted. */
export interface PlatformCertificate {
	serial_no: string;
	effective_time: unknown;
	expire_time: unknown;
	certificate: string;
	key: KeyObject;
}

/**
 * The certificates an answer of GET /v3/certificates carries, each decrypted with the APIv3 key (AES-256-GCM, tag
 * checked: only WeChat Pay and the merchant know that key) and read as X.509 whose serial must be the one listed.
 */
export function decryptCertificates(account: WeChatPayAccount, raw: Buffer): PlatformCertificate[] {
	const data = parseJsonObject(raw)?.data;
	if (!Array.isArray(data) || data.length === 0) throw new SignatureVerificationError('the answer lists no certificate (data)');
	const key = apiV3KeyOf(account);
	return (data as Array<Record<string, unknown>>).map((entry, index) => {
		const pem = attempt(() => decryptText(key, entry.encrypt_certificate as EncryptedResource));
		if (!pem.ok) throw new SignatureVerificationError(`certificate ${index + 1} cannot be decrypted with the APIv3 Key`);
		const certificate = attempt(() => new X509Certificate(pem.value));
		if (!certificate.ok) throw new SignatureVerificationError(`certificate ${index + 1} is not an X.509 certificate`);
		const serial = normaliseSerial(certificate.value.serialNumber);
		if (typeof entry.serial_no !== 'string' || normaliseSerial(entry.serial_no) !== serial) {
			throw new SignatureVerificationError(`certificate ${index + 1} has serial ${serial}, not the serial_no it is listed with`);
		}
		return {
			serial_no: entry.serial_no,
			effective_time: entry.effective_time,
			expire_time: entry.expire_time,
			certificate: pem.value,
			key: certificate.value.publicKey,
		};
	});
}

/**
 * What verifies the answer: the certificates it carries (the documented bootstrap: nothing else exists on a first
 * download), and the account's own WeChat Pay keys when it has some.
 */
export function certificateAnswerKeys(account: WeChatPayAccount, raw: Buffer): VerificationKeys {
	const keys = new Map<string, KeyObject>(decryptCertificates(account, raw).map((entry) => [normaliseSerial(entry.serial_no), entry.key]));
	const own = attempt(() => verificationKeysOf(account));
	if (own.ok) for (const [serial, key] of own.value) keys.set(serial, key);
	return keys;
}
