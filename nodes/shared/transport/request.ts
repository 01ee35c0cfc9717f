import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt, attemptAsync } from '../attempt';
import { readCheckedAccount } from '../checkedAccount';
import { SignatureVerificationError, verifyWeChatPaySignature } from '../crypto/responseVerifier';
import type { VerificationKeys } from '../crypto/verificationKeys';
import { endDeadline } from './deadline';
import { checkDownloadHash } from './downloadHash';
import { AnswerTooLargeError, headerValue, parseJsonObject, plainHeaders, readAnswerBody, type HeaderMap } from '../http';
import { answerMismatch } from './answerMismatch';
import { multipartBody, type Upload } from './multipart';
import {
	exhaustedError,
	mismatchedResponseError,
	oversizedResponseError,
	requestFailedError,
	unverifiedResponseError,
	weChatPayError,
	type AttemptRecord,
	type RequestContext,
} from './errors';
import { firstHostIndex, rememberWorkingHost } from './hostPreference';
import { slowDownAfterRateLimit, waitForRateLimit, type PacingClass } from './rateLimiter';
import { backoffMs, HOST_FAILURE_STATUSES, NEVER_SENT_NETWORK_CODES, networkErrorCode, RETRYABLE_STATUSES } from './retryPolicy';

export const CREDENTIAL_NAME = 'wechatPayApi';

/** JSON answers of the APIs this package calls are a few KiB; a page of 50 user coupons stays well under this. */
export const DEFAULT_MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** One call to WeChat Pay, as an operation describes it: the transport adds hosts, signing, retries and checks. */
export interface ApiCall {
	method: IHttpRequestMethods;
	/** The path on the account's host, path parameters already encoded; it may carry a query string. */
	path: string;
	/** Added to the path's query string and signed as sent. */
	query?: IDataObject;
	/** Serialised once: the same bytes are signed and sent on every attempt (request numbers never change). */
	body?: IDataObject;
	/** An image upload instead of a JSON body: sent as multipart, signed over its meta JSON. */
	upload?: Upload;
	/** WeChat Pay's rate limit class of the endpoint (default: management calls, 20/s). */
	pacing?: PacingClass;
	/** How the user reads the outcome back when it is unknown, e.g. 'Run "Get notify URL" to see the current value.' */
	readBack: string;
	/**
	 * Values the answer must carry (dotted paths → what was sent): WeChat Pay's signature covers only the answer,
	 * so this is what ties a signed answer to this request.
	 */
	echoes?: Record<string, string | number | boolean>;
	/** False for a write that must not be sent again unless it surely was not applied (default true). */
	idempotent?: boolean;
	maxAnswerBytes?: number;
	/** 'json' (default): a 2xx must be a JSON object; 'any': bytes of any kind (downloads) are handed back. */
	answer?: 'json' | 'any';
	/**
	 * One of WeChat Pay's documented unsigned downloads (apiv3 doc §5): its answer carries no signature and is
	 * checked by the SHA-1 its signed bill answer gave instead, when one is given.
	 */
	unsignedDownload?: { sha1?: string };
	/** The keys this answer is verified with, when not the credential's (the platform certificate bootstrap). */
	verificationKeys?: (raw: Buffer) => VerificationKeys;
}

export interface TransportOptions {
	timeoutMs: number;
	maxAttempts: number;
}

/** An item's credential, read and checked once; the same data then signs every attempt. */
export interface ItemCredential {
	account: WeChatPayAccount;
	data: ICredentialDataDecryptedObject;
}

export interface VerifiedResponse {
	status: number;
	headers: HeaderMap;
	/** The parsed JSON body, or undefined for a (verified) empty 204 or an answer that is not JSON. */
	body?: IDataObject;
	/** The answer's bytes, as verified (or, for an unsigned download, as checked by its hash). */
	raw: Buffer;
}

export async function readItemCredential(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCredential> {
	const data = await ctx.getCredentials(CREDENTIAL_NAME, itemIndex);
	const checked = attempt(() => readCheckedAccount(data));
	if (checked.ok) return { account: checked.value, data };
	if (checked.error instanceof CredentialConfigError) {
		throw new NodeOperationError(ctx.getNode(), `WeChat Pay credential: ${checked.error.message}`, { itemIndex });
	}
	throw checked.error;
}

/**
 * The one way this package talks to WeChat Pay: signs (through the credential), sends, retries what is safe to
 * retry (429 after the rate window; 5xx and network failures on the backup host when the call is idempotent), and
 * verifies every 2xx answer's signature over its raw bytes, then that it answers this request, before anything is
 * used. Each attempt has the Timeout as a deadline and a size limit for the answer. Throws NodeApiError with
 * status, Request-ID and the attempts made.
 */
export async function weChatPayApiRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	credential: ItemCredential,
	call: ApiCall,
	options: TransportOptions,
): Promise<VerifiedResponse> {
	const { account, data } = credential;
	const getNode = () => this.getNode();
	const request: RequestContext = {
		// Only errors name the node: n8n's getNode() copies it, so it is taken when one is made, not per request.
		get node() {
			return getNode();
		},
		itemIndex,
		changesState: call.method !== 'GET',
		readBack: call.readBack,
	};
	const idempotent = call.idempotent ?? true;
	const pacing = call.pacing ?? 'management';
	const limit = call.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
	const accountKey = `${account.accountType}:${account.accountId}`;
	const hosts = [account.baseUrl, account.backupBaseUrl].filter((host, index, all) => host && all.indexOf(host) === index);
	const attempts: AttemptRecord[] = [];
	let hostIndex = firstHostIndex(accountKey, hosts);
	const cancelled = () => this.getExecutionCancelSignal?.()?.aborted === true;
	// Built once, so every attempt sends (and signs) the same bytes.
	const multipart = call.upload ? multipartBody(call.upload) : undefined;

	while (attempts.length < options.maxAttempts) {
		const previous = attempts[attempts.length - 1];
		if (previous) {
			// A 429 is about the account, not the host: only host failures move on to the other host.
			if (previous.network || HOST_FAILURE_STATUSES.has(previous.status ?? 0)) hostIndex = (hostIndex + 1) % hosts.length;
			await sleep(backoffMs(attempts.length, previous));
		}
		const host = hosts[hostIndex];
		await waitForRateLimit(accountKey, pacing);

		const sent = await attemptAsync(async () => {
			const requestOptions: IHttpRequestOptions = {
				method: call.method,
				url: call.path,
				qs: call.query,
				baseURL: host,
				body: multipart?.body ?? call.body,
				...(multipart ? { headers: { 'Content-Type': multipart.contentType } } : {}),
				// The signer turns this into a deadline for the whole exchange, answer included.
				timeout: options.timeoutMs,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			};
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_NAME,
					requestOptions,
					// Sign with this item's credential, not a fresh read per attempt.
					{ credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_NAME, data } },
				)) as IN8nHttpFullResponse;
				const headers = plainHeaders(response.headers);
				return { status: response.statusCode, headers, raw: await readAnswerBody(response.body, headers, limit) };
			} finally {
				// The exchange is over, answered or not: its deadline is let go now rather than when it passes.
				endDeadline(requestOptions);
			}
		});
		if (!sent.ok) {
			if (cancelled()) throw requestFailedError(request, new Error('the execution was cancelled'), [...attempts, { host }]);
			if (sent.error instanceof AnswerTooLargeError) throw oversizedResponseError(request, limit, [...attempts, { host }]);
			const network = networkErrorCode(sent.error);
			if (!network) throw requestFailedError(request, sent.error, [...attempts, { host }]);
			attempts.push({ host, network });
			// A write that may have reached WeChat Pay is sent again only when that is harmless.
			if (!idempotent && !NEVER_SENT_NETWORK_CODES.has(network)) break;
			continue;
		}

		const { status, headers, raw } = sent.value;
		const record: AttemptRecord = { host, status, requestId: headerValue(headers, 'request-id') };
		attempts.push(record);

		if (status >= 200 && status < 300) {
			const unsigned = call.unsignedDownload && headerValue(headers, 'wechatpay-signature') === undefined;
			const checked = attempt(() =>
				unsigned
					? checkDownloadHash(raw, call.unsignedDownload?.sha1)
					: verifyWeChatPaySignature(account, headers, raw, call.verificationKeys ? { keys: call.verificationKeys(raw) } : {}),
			);
			if (!checked.ok) {
				if (!(checked.error instanceof SignatureVerificationError)) throw checked.error;
				throw unverifiedResponseError(request, checked.error.message, attempts);
			}
			rememberWorkingHost(accountKey, host, hosts);
			if (raw.length === 0 && status === 204) return { status, headers, raw };
			const body = parseJsonObject(raw);
			if (!body) {
				if (call.answer === 'any' && raw.length > 0) return { status, headers, raw };
				const what = raw.length === 0 ? `a ${status} without a body` : 'a body that is not a JSON object';
				throw unverifiedResponseError(request, `WeChat Pay signed ${what}`, attempts);
			}
			const mismatch = answerMismatch(body, call.echoes);
			if (mismatch) throw mismatchedResponseError(request, mismatch, attempts);
			return { status, headers, body, raw };
		}

		const errorBody = parseJsonObject(raw) ?? {};
		record.code = typeof errorBody.code === 'string' ? errorBody.code.slice(0, 64) : undefined;
		record.retryAfter = headerValue(headers, 'retry-after');
		if (status === 429) slowDownAfterRateLimit(accountKey, pacing);
		// 429 was not applied; a 5xx may have been, so it is retried only when that is harmless.
		const retryable = status === 429 || (idempotent && RETRYABLE_STATUSES.has(status));
		if (!retryable) throw weChatPayError(request, errorBody, attempts);
	}
	throw exhaustedError(request, attempts);
}
