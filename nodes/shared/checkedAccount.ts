import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CredentialConfigError, readAccount, type WeChatPayAccount } from './account';
import { checkedOrigin } from './baseUrl';
import { apiV3KeyOf } from './crypto/aesGcm';
import { signingKeyOf } from './crypto/privateKey';
import { verificationKeysOf } from './crypto/verificationKeys';

/**
 * The credential read and checked before anything is sent: the account id and certificate serial are there, the
 * URLs and every key parse (parsed once; the signer and verifier reuse them), and an APIv3 Key, when filled in,
 * has the length AES-256 needs. Throws CredentialConfigError naming the field.
 */
export function readCheckedAccount(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	const account = readAccount(credentials);
	if (account.keys.checked) return account;
	if (!account.accountId) {
		throw new CredentialConfigError(
			account.accountType === 'brand'
				? 'The credential has no Brand ID: enter the brand_id shown in the brand merchant platform (品牌经营平台)'
				: 'The credential has no Merchant ID: enter the service provider mchid shown in the merchant platform (商户平台) under Account Center',
		);
	}
	if (!account.certificateSerialNumber) {
		throw new CredentialConfigError(
			'The credential has no Certificate Serial Number: enter the serial of your own API certificate (Account Center → API Security → API certificate → View certificate)',
		);
	}
	checkedOrigin(account.baseUrl);
	if (account.backupBaseUrl) checkedOrigin(account.backupBaseUrl, 'Backup Base URL');
	signingKeyOf(account);
	verificationKeysOf(account);
	if (account.apiV3Key) apiV3KeyOf(account);
	account.keys.checked = true;
	return account;
}

/**
 * What a trigger needs to take callbacks: WeChat Pay's keys to verify them and the APIv3 Key to decrypt them.
 * Throws CredentialConfigError naming the field; an empty APIv3 Key is refused too, since no event could be read.
 */
export function checkCallbackReady(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	const account = readAccount(credentials);
	verificationKeysOf(account);
	apiV3KeyOf(account);
	return account;
}
