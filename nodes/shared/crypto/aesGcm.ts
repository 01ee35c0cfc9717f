import { createDecipheriv } from 'crypto';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt } from '../attempt';

export const CALLBACK_ALGORITHM = 'AEAD_AES_256_GCM';
const TAG_LENGTH = 16;

/** The `resource` of a callback envelope, as WeChat Pay sends it. */
export interface EncryptedResource {
	algorithm?: unknown;
	ciphertext?: unknown;
	associated_data?: unknown;
	nonce?: unknown;
	original_type?: unknown;
}

/** A callback whose resource cannot be decrypted; the message says why, without any key material. */
export class DecryptionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DecryptionError';
	}
}

const WHERE_API_V3_KEY = 'copy it from Account Center → API Security → APIv3 key, or set a new one there';

/** The APIv3 key (brands: the brand API key) as the 32-byte AES-256 key. */
export function apiV3KeyBytes(apiV3Key: string): Buffer {
	if (!apiV3Key) {
		throw new CredentialConfigError(`The APIv3 Key is empty, so WeChat Pay's events cannot be decrypted: ${WHERE_API_V3_KEY}`);
	}
	const key = Buffer.from(apiV3Key, 'utf8');
	if (key.length !== 32) {
		throw new CredentialConfigError(
			`The APIv3 Key must be exactly 32 characters (it has ${apiV3Key.length}${key.length === apiV3Key.length ? '' : `, ${key.length} bytes: only letters and digits belong in it`}): ${WHERE_API_V3_KEY}`,
		);
	}
	return key;
}

/** The account's APIv3 key bytes, checked once. */
export function apiV3KeyOf(account: WeChatPayAccount): Buffer {
	return (account.keys.apiV3 ??= apiV3KeyBytes(account.apiV3Key));
}

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it: IV = the nonce string, AAD = associated_data, the last 16 bytes of the
 * base64 ciphertext are the tag, and the tag is always checked (final() throws when it does not match).
 */
export function decryptText(key: Buffer, resource: EncryptedResource): string {
	if (!resource || typeof resource !== 'object') throw new DecryptionError('the encrypted resource is missing');
	if (resource.algorithm !== CALLBACK_ALGORITHM) {
		throw new DecryptionError(`resource.algorithm is ${JSON.stringify(resource.algorithm)}, only ${CALLBACK_ALGORITHM} is supported`);
	}
	const { ciphertext, nonce } = resource;
	const associatedData = resource.associated_data ?? '';
	// Buffer.from skips what is not base64; only text that decodes and encodes back to itself is accepted.
	const bytes = typeof ciphertext === 'string' ? Buffer.from(ciphertext, 'base64') : undefined;
	if (!bytes || bytes.toString('base64') !== ciphertext) {
		throw new DecryptionError('resource.ciphertext is missing or not base64');
	}
	if (typeof nonce !== 'string' || nonce.length === 0) throw new DecryptionError('resource.nonce is missing');
	if (typeof associatedData !== 'string') throw new DecryptionError('resource.associated_data is not a string');
	if (bytes.length <= TAG_LENGTH) throw new DecryptionError('resource.ciphertext is too short to hold the 16-byte tag');

	const plaintext = attempt(() => {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_LENGTH });
		decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
		decipher.setAAD(Buffer.from(associatedData, 'utf8'));
		// final() is where the tag is checked: it throws when the tag does not match.
		return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_LENGTH)), decipher.final()]).toString('utf8');
	});
	if (!plaintext.ok) {
		throw new DecryptionError(
			'the authentication tag does not match: the APIv3 Key in the credential is not the one WeChat Pay used, or the data was changed',
		);
	}
	return plaintext.value;
}

/** A callback's resource, decrypted as above, as the JSON object it holds. */
export function decryptResource(key: Buffer, resource: EncryptedResource): Record<string, unknown> {
	const text = decryptText(key, resource);
	const json = attempt(() => JSON.parse(text) as unknown);
	if (!json.ok) throw new DecryptionError('the decrypted resource is not JSON');
	const parsed = json.value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new DecryptionError('the decrypted resource is not a JSON object');
	}
	return parsed as Record<string, unknown>;
}
