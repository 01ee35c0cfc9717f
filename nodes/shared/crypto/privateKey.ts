import { createPrivateKey, type KeyObject } from 'crypto';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { KeyCache } from './keyCache';
import { bareBase64, extractPemBlocks, limitFieldSize, toPem } from './pem';

const HOW_TO_FIX =
	'Paste the whole content of apiclient_key.pem (downloaded with your API certificate from the merchant platform: Account Center → API Security), including the BEGIN and END lines';

const cache = new KeyCache<KeyObject>();

function parse(text: string): KeyObject {
	const blocks = extractPemBlocks(text);
	if (blocks.some((block) => block.label === 'ENCRYPTED PRIVATE KEY')) {
		throw new CredentialConfigError(
			'The Private Key field holds a password-protected key, which WeChat Pay never issues. ' + HOW_TO_FIX,
		);
	}
	const candidates: Array<() => KeyObject> = [];
	const pemBlock = blocks.find((block) => block.label === 'PRIVATE KEY' || block.label === 'RSA PRIVATE KEY');
	if (pemBlock) {
		candidates.push(() => createPrivateKey({ key: toPem(pemBlock), format: 'pem' }));
	} else if (blocks.length === 0) {
		// The body alone, without BEGIN/END lines: try both encodings WeChat Pay keys come in.
		const base64 = bareBase64(text);
		if (base64) {
			const der = Buffer.from(base64, 'base64');
			candidates.push(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
			candidates.push(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
		}
	}
	for (const candidate of candidates) {
		let key: KeyObject;
		try {
			key = candidate();
		} catch {
			continue; // the parser's message may quote key material, so it is never passed on
		}
		if (key.asymmetricKeyType !== 'rsa') {
			throw new CredentialConfigError(
				`The Private Key field holds a ${key.asymmetricKeyType ?? 'non-RSA'} key; WeChat Pay API keys are RSA 2048. ${HOW_TO_FIX}`,
			);
		}
		return key;
	}
	throw new CredentialConfigError(`The Private Key field does not contain a readable RSA private key. ${HOW_TO_FIX}`);
}

/** The merchant's (or brand's) API private key, normalised and parsed once per distinct text. */
export function loadPrivateKey(text: string): KeyObject {
	if (!text.trim()) {
		throw new CredentialConfigError(`The Private Key field is empty. ${HOW_TO_FIX}`);
	}
	limitFieldSize(text, 'Private Key', MAX_KEY_FIELD_CHARACTERS, 'the content of apiclient_key.pem');
	return cache.get(text, parse);
}

/** An RSA 4096 PKCS#8 PEM is about 3,300 characters; this leaves room for pasted escapes and spaces. */
const MAX_KEY_FIELD_CHARACTERS = 16 * 1024;

/** The account's signing key; after the first call a lookup, not even a hash of the key text. */
export function signingKeyOf(account: WeChatPayAccount): KeyObject {
	return (account.keys.signing ??= loadPrivateKey(account.privateKey));
}
