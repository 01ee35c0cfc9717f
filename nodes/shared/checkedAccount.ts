import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { readAccount, type WeChatPayAccount } from './account';
import { apiV3KeyBytes } from './crypto/aesGcm';
import { signingKeyOf } from './crypto/privateKey';
import { loadVerificationKeys } from './crypto/verificationKeys';
import { parseBaseUrl } from './transport/signOutgoingRequest';

/** Accounts that passed: authenticate runs for every request, the checks once per account. */
const checked = new WeakSet<WeChatPayAccount>();

/**
 * The credential read and checked before anything is sent: URLs, the private key and WeChat Pay's keys all parse
 * (parsed once and cached; the signer and verifier reuse them), and an APIv3 Key, when filled in, has the length
 * AES-256 needs (no API call uses it, but every callback would fail). Throws CredentialConfigError naming the field.
 */
export function readCheckedAccount(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	const account = readAccount(credentials);
	if (checked.has(account)) return account;
	parseBaseUrl(account.baseUrl);
	if (account.backupBaseUrl) parseBaseUrl(account.backupBaseUrl, 'Backup Base URL');
	signingKeyOf(account);
	loadVerificationKeys(account);
	if (account.apiV3Key) apiV3KeyBytes(account.apiV3Key);
	checked.add(account);
	return account;
}
