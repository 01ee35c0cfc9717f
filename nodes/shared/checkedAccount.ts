import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { readAccount, type WeChatPayAccount } from './account';
import { signingKeyOf } from './crypto/privateKey';
import { loadVerificationKeys } from './crypto/verificationKeys';
import { parseBaseUrl } from './transport/signOutgoingRequest';

/**
 * The credential read and checked before anything is sent: URLs, the private key and WeChat Pay's keys all parse
 * (parsed once and cached; the signer and verifier reuse them). Throws CredentialConfigError naming the field.
 */
export function readCheckedAccount(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	const account = readAccount(credentials);
	parseBaseUrl(account.baseUrl);
	if (account.backupBaseUrl) parseBaseUrl(account.backupBaseUrl, 'Backup Base URL');
	signingKeyOf(account);
	loadVerificationKeys(account);
	return account;
}
