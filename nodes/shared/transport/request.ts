import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt, attemptAsync } from '../attempt';
import { readCheckedAccount } from '../checkedAccount';
import { SignatureVerificationError, verifyWeChatPaySignature } from '../crypto/responseVerifier';
import { headerValue, parseJsonObject, plainHeaders, toBuffer } from '../http';
import { exhaustedError, requestFailedError, unverifiedResponseError, weChatPayError, type AttemptRecord } from './errors';
import { firstHostIndex, rememberWorkingHost } from './hostPreference';
import { waitForRateLimit } from './rateLimiter';
import { backoffMs, HOST_FAILURE_STATUSES, networkErrorCode, RETRYABLE_STATUSES } from './retryPolicy';

export const CREDENTIAL_NAME = 'wechatPayApi';

export interface ApiCall {
	method: IHttpRequestMethods;
	/** The endpoint's path for this account (service providers and brands differ); the host is added per attempt. */
	path: (account: WeChatPayAccount) => string;
	body?: IDataObject;
}

export interface TransportOptions {
	timeoutMs: number;
	maxAttempts: number;
}

export interface VerifiedResponse {
	/** The parsed JSON body, or undefined for a (verified) empty 204. */
	body?: IDataObject;
}

/** The credential of this item, read and checked once; the same data then signs every attempt. */
async function credentialFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ account: WeChatPayAccount; data: ICredentialDataDecryptedObject }> {
	const data = await ctx.getCredentials(CREDENTIAL_NAME, itemIndex);
	const checked = attempt(() => readCheckedAccount(data));
	if (checked.ok) return { account: checked.value, data };
	if (checked.error instanceof CredentialConfigError) {
		throw new NodeOperationError(ctx.getNode(), `WeChat Pay credential: ${checked.error.message}`, { itemIndex });
	}
	throw checked.error;
}

/**
 * The one way this package talks to WeChat Pay: signs (through the credential), sends, retries what is
 * safe to retry (429, 5xx, network; 5xx and network failures move to the backup host), and verifies every
 * 2xx answer's signature over its raw bytes before anything is parsed. Throws NodeApiError with status,
 * Request-ID and the attempts made.
 */
export async function weChatPayApiRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	call: ApiCall,
	options: TransportOptions,
): Promise<VerifiedResponse> {
	const { account, data } = await credentialFor(this, itemIndex);
	const node = this.getNode();
	const changesState = call.method !== 'GET';
	const accountKey = `${account.accountType}:${account.accountId}`;
	const hosts = [account.baseUrl, account.backupBaseUrl].filter((host, index, all) => host && all.indexOf(host) === index);
	const attempts: AttemptRecord[] = [];
	let hostIndex = firstHostIndex(accountKey, hosts);

	while (attempts.length < options.maxAttempts) {
		const previous = attempts[attempts.length - 1];
		if (previous) {
			// A 429 is about the account, not the host: only host failures move on to the other host.
			if (previous.network || HOST_FAILURE_STATUSES.has(previous.status ?? 0)) hostIndex = (hostIndex + 1) % hosts.length;
			await sleep(backoffMs(attempts.length, previous.retryAfter));
		}
		const host = hosts[hostIndex];
		await waitForRateLimit(accountKey);

		const sent = await attemptAsync(
			async () =>
				(await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_NAME,
					{
						method: call.method,
						url: call.path(account),
						baseURL: host,
						body: call.body,
						timeout: options.timeoutMs,
						encoding: 'arraybuffer',
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
					},
					// Sign with this item's credential, not a fresh read per attempt.
					{ credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_NAME, data } },
				)) as IN8nHttpFullResponse,
		);
		if (!sent.ok) {
			const network = networkErrorCode(sent.error);
			if (!network) throw requestFailedError(node, itemIndex, sent.error, [...attempts, { host }], changesState);
			attempts.push({ host, network });
			continue;
		}

		const headers = plainHeaders(sent.value.headers);
		const raw = toBuffer(sent.value.body);
		const status = sent.value.statusCode;
		const record: AttemptRecord = { host, status, requestId: headerValue(headers, 'request-id') };

		if (status >= 200 && status < 300) {
			attempts.push(record);
			const verified = attempt(() => verifyWeChatPaySignature(account, headers, raw));
			if (!verified.ok) {
				if (!(verified.error instanceof SignatureVerificationError)) throw verified.error;
				throw unverifiedResponseError(node, itemIndex, verified.error.message, attempts, changesState);
			}
			rememberWorkingHost(accountKey, host, hosts);
			if (raw.length === 0 && status === 204) return {};
			const body = parseJsonObject(raw);
			if (!body) {
				const what = raw.length === 0 ? `a ${status} without a body` : 'a body that is not a JSON object';
				throw unverifiedResponseError(node, itemIndex, `WeChat Pay signed ${what}`, attempts, changesState);
			}
			return { body };
		}

		const errorBody = parseJsonObject(raw) ?? {};
		record.code = typeof errorBody.code === 'string' ? errorBody.code : undefined;
		record.retryAfter = headerValue(headers, 'retry-after');
		attempts.push(record);
		if (!RETRYABLE_STATUSES.has(status)) {
			throw weChatPayError(node, itemIndex, errorBody as { code?: string; message?: string }, attempts);
		}
	}
	throw exhaustedError(node, itemIndex, attempts, changesState);
}
