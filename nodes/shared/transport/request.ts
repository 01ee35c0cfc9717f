import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { CredentialConfigError, readAccount, type WeChatPayAccount } from '../account';
import { attempt, attemptAsync } from '../attempt';
import { parseJsonObject } from '../json';
import { loadPrivateKey } from '../crypto/privateKey';
import { SignatureVerificationError, verifyWeChatPaySignature } from '../crypto/responseVerifier';
import { loadVerificationKeys } from '../crypto/verificationKeys';
import {
	exhaustedError,
	requestNotSentError,
	unverifiedResponseError,
	weChatPayError,
	type AttemptRecord,
} from './errors';
import { waitForRateLimit } from './rateLimiter';
import { backoffMs, networkErrorCode, RETRYABLE_STATUSES } from './retryPolicy';
import { parseBaseUrl } from './signOutgoingRequest';

export const CREDENTIAL_NAME = 'wechatPayApi';

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Path of the endpoint; the account's base URL is prepended by the signer. */
	path: string;
	body?: IDataObject;
}

export interface TransportOptions {
	timeoutMs: number;
	maxAttempts: number;
}

export interface VerifiedResponse {
	statusCode: number;
	requestId?: string;
	/** The parsed JSON body, or undefined for a (verified) empty 204. */
	body?: IDataObject;
}

type HeaderMap = Record<string, string | string[] | undefined>;

function plainHeaders(headers: unknown): HeaderMap {
	const source = headers as { toJSON?: () => HeaderMap } | undefined;
	return (typeof source?.toJSON === 'function' ? source.toJSON() : (source as HeaderMap)) ?? {};
}

function headerValue(headers: HeaderMap, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.alloc(0);
}

/** Reads the credential and fails early, with the field named, when it cannot possibly work. */
async function accountFor(ctx: IExecuteFunctions, itemIndex: number): Promise<WeChatPayAccount> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME, itemIndex);
	const checked = attempt(() => {
		const account = readAccount(credentials);
		parseBaseUrl(account.baseUrl);
		if (account.backupBaseUrl) parseBaseUrl(account.backupBaseUrl, 'Backup Base URL');
		loadPrivateKey(account.privateKey); // parsed once and cached; the signer reuses it
		loadVerificationKeys(account);
		return account;
	});
	if (checked.ok) return checked.value;
	if (checked.error instanceof CredentialConfigError) {
		throw new NodeOperationError(ctx.getNode(), `WeChat Pay credential: ${checked.error.message}`, { itemIndex });
	}
	throw checked.error;
}

/**
 * The one way this package talks to WeChat Pay: signs (through the credential), sends, retries what is
 * safe to retry (429, 5xx, network; failing over to the backup host), and verifies every 2xx answer's
 * signature over its raw bytes before anything is parsed. Throws NodeApiError with status and Request-ID.
 */
export async function weChatPayApiRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	call: ApiCall,
	options: TransportOptions,
): Promise<VerifiedResponse> {
	const account = await accountFor(this, itemIndex);
	const node = this.getNode();
	const changesState = call.method !== 'GET';
	const hosts = [account.baseUrl, account.backupBaseUrl].filter((host, index, all) => host && all.indexOf(host) === index);
	const attempts: AttemptRecord[] = [];
	let hostIndex = 0;

	while (attempts.length < Math.max(1, options.maxAttempts)) {
		if (attempts.length > 0) {
			const previous = attempts[attempts.length - 1];
			// Network failures and 5xx move to the other host; a 429 is about the account, not the host.
			if (previous.status !== 429) hostIndex = (hostIndex + 1) % hosts.length;
			await sleep(backoffMs(attempts.length, previous.status === 429 ? previous.retryAfter : undefined));
		}
		const host = hosts[hostIndex];
		await waitForRateLimit(`${account.accountType}:${account.accountId}`);

		const sent = await attemptAsync(
			async () =>
				(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
				method: call.method,
				url: call.path,
				baseURL: host,
				body: call.body,
				timeout: options.timeoutMs,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse,
		);
		if (!sent.ok) {
			const network = networkErrorCode(sent.error);
			if (!network) throw requestNotSentError(node, itemIndex, sent.error);
			attempts.push({ host, network });
			continue;
		}
		const response = sent.value;

		const headers = plainHeaders(response.headers);
		const requestId = headerValue(headers, 'request-id');
		const raw = toBuffer(response.body);
		const status = response.statusCode;

		if (status >= 200 && status < 300) {
			const verified = attempt(() => verifyWeChatPaySignature(account, headers, raw));
			if (!verified.ok) {
				if (!(verified.error instanceof SignatureVerificationError)) throw verified.error;
				throw unverifiedResponseError(node, itemIndex, verified.error.message, status, requestId, changesState);
			}
			if (raw.length === 0) return { statusCode: status, requestId };
			const body = parseJsonObject(raw);
			if (!body) {
				throw unverifiedResponseError(node, itemIndex, 'the signed body is not a JSON object', status, requestId, changesState);
			}
			return { statusCode: status, requestId, body };
		}

		const errorBody = parseJsonObject(raw) ?? {};
		const code = typeof errorBody.code === 'string' ? errorBody.code : undefined;
		if (!RETRYABLE_STATUSES.has(status)) {
			throw weChatPayError(node, itemIndex, status, errorBody as { code?: string; message?: string }, requestId, attempts.length + 1);
		}
		attempts.push({ host, status, code, requestId, retryAfter: headerValue(headers, 'retry-after') });
	}
	throw exhaustedError(node, itemIndex, attempts, changesState);
}
