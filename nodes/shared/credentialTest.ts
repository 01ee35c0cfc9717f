import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { CredentialConfigError } from './account';
import { attempt, attemptAsync } from './attempt';
import { readCheckedAccount } from './checkedAccount';
import { apiV3KeyBytes } from './crypto/aesGcm';
import { SignatureVerificationError, verifyWeChatPaySignature } from './crypto/responseVerifier';
import { parseJsonObject, toBuffer, type HeaderMap } from './http';
import { networkErrorCode } from './transport/retryPolicy';
import { signOutgoingRequest } from './transport/signOutgoingRequest';

interface RawResponse {
	statusCode: number;
	headers: HeaderMap;
	body: unknown;
}

const ok = (message: string): INodeCredentialTestResult => ({ status: 'OK', message });
const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/**
 * The credential's Test button: one real signed "Get notify URL" call, and an answer that names the part to fix.
 * It runs the same checks, signer and verifier as the nodes.
 */
export async function testWeChatPayCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const prepared = attempt(() => {
		const account = readCheckedAccount(credential.data ?? {});
		// Not needed to call the API, but every callback fails without it: say so now rather than then.
		if (account.apiV3Key) apiV3KeyBytes(account.apiV3Key);
		return { account, signed: signOutgoingRequest(account, { method: 'GET', url: account.scheme.notifyConfigPath }) };
	});
	if (!prepared.ok) {
		if (prepared.error instanceof CredentialConfigError) return error(prepared.error.message);
		throw prepared.error;
	}
	const { account, signed } = prepared.value;

	const sent = await attemptAsync(
		async () =>
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- n8n gives credential tests no other HTTP helper
			(await this.helpers.request({
				method: 'GET',
				uri: signed.url,
				headers: signed.headers,
				encoding: null,
				resolveWithFullResponse: true,
				simple: false,
				followRedirect: false,
				timeout: 10000,
			})) as RawResponse,
	);
	if (!sent.ok) {
		const code = networkErrorCode(sent.error);
		return error(`cannot reach ${account.baseUrl}${code ? ` (${code})` : ''}: check the Base URL and this machine's network`);
	}

	const response = sent.value;
	const body = toBuffer(response.body);
	const status = response.statusCode;
	if (status >= 200 && status < 300) {
		const verified = attempt(() => verifyWeChatPaySignature(account, response.headers, body));
		if (verified.ok) return ok('Connected: WeChat Pay accepted the signature and its answer verified');
		if (!(verified.error instanceof SignatureVerificationError)) throw verified.error;
		return error(`response signature does not verify: check the WeChat Pay public key and its id (${verified.error.message})`);
	}
	const answer = (parseJsonObject(body) ?? {}) as { code?: string; message?: string };
	if (status === 401 && answer.code === 'SIGN_ERROR') {
		return error(
			`signature refused: check ${account.accountType === 'brand' ? 'brand id' : 'merchant id'}, certificate serial and private key`,
		);
	}
	if (status === 404 && answer.code === 'RESOURCE_NOT_EXISTS') {
		return ok('no notify URL set yet — credentials are valid');
	}
	return error(`WeChat Pay answered ${status} ${answer.code ?? ''}${answer.message ? `: ${answer.message}` : ''}`.trim());
}
