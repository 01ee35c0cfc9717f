import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { CredentialConfigError, readAccount } from '../../shared/account';
import { loadPrivateKey } from '../../shared/crypto/privateKey';
import { SignatureVerificationError, verifyWeChatPaySignature } from '../../shared/crypto/responseVerifier';
import { loadVerificationKeys } from '../../shared/crypto/verificationKeys';
import { networkErrorCode } from '../../shared/transport/retryPolicy';
import { signOutgoingRequest } from '../../shared/transport/signOutgoingRequest';

interface RawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

const ok = (message: string): INodeCredentialTestResult => ({ status: 'OK', message });
const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

function bodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	return Buffer.from(typeof body === 'string' ? body : '', 'utf8');
}

function errorCode(body: Buffer): { code?: string; message?: string } {
	try {
		return JSON.parse(body.toString('utf8')) as { code?: string; message?: string };
	} catch {
		return {};
	}
}

/**
 * The credential's Test button: one real signed "Get notify URL" call, and an answer that names the part to fix.
 * It runs the same signer and verifier as the nodes.
 */
export async function testWeChatPayCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let account;
	let signed;
	try {
		account = readAccount(credential.data ?? {});
		loadPrivateKey(account.privateKey);
		loadVerificationKeys(account);
		signed = signOutgoingRequest(account, { method: 'GET', url: account.scheme.notifyConfigPath });
	} catch (caught) {
		if (caught instanceof CredentialConfigError) return error(caught.message);
		throw caught;
	}

	let response: RawResponse;
	try {
		response = (await this.helpers.request({
			method: 'GET',
			uri: signed.url,
			headers: signed.headers,
			encoding: null,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			timeout: 10000,
		})) as RawResponse;
	} catch (caught) {
		const code = networkErrorCode(caught);
		return error(`cannot reach ${account.baseUrl}${code ? ` (${code})` : ''}: check the Base URL and this machine's network`);
	}

	const body = bodyBytes(response.body);
	const status = response.statusCode;
	if (status >= 200 && status < 300) {
		try {
			verifyWeChatPaySignature(account, response.headers, body);
		} catch (caught) {
			if (!(caught instanceof SignatureVerificationError)) throw caught;
			return error(`response signature does not verify: check the WeChat Pay public key and its id (${caught.message})`);
		}
		return ok('Connected: WeChat Pay accepted the signature and its answer verified');
	}
	const answer = errorCode(body);
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
