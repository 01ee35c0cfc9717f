import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { ERROR_HINTS, hintFor, NUMERIC_HINTS } from '../errorHints';

/** One attempt of a request, as the final error reports it. */
export interface AttemptRecord {
	host: string;
	status?: number;
	code?: string;
	requestId?: string;
	/** Network error code (ECONNRESET, ETIMEDOUT …) when nothing was answered. */
	network?: string;
	retryAfter?: string;
}

/** What the errors of one request need to know about it. */
export interface RequestContext {
	node: INode;
	itemIndex: number;
	/** Whether the request may have changed something at WeChat Pay. */
	changesState: boolean;
	/** How the user reads the outcome back, e.g. 'Run "Get notify URL" to see the current value.' */
	readBack: string;
}

function describeAttempt(attempt: AttemptRecord): string {
	const outcome = attempt.network ?? `${attempt.status ?? ''} ${attempt.code ?? ''}`.trim();
	return `${attempt.host} → ${outcome}${attempt.requestId ? ` (Request-ID ${attempt.requestId})` : ''}`;
}

/** " after 3 attempts (host → 503 SYSTEM_ERROR; host → ECONNRESET; …)", or '' for a first attempt. */
function history(attempts: AttemptRecord[]): string {
	return attempts.length > 1 ? ` after ${attempts.length} attempts (${attempts.map(describeAttempt).join('; ')})` : '';
}

const outcomeUnknown = (request: RequestContext) =>
	request.changesState ? ` The outcome is unknown: the change may or may not have been applied. ${request.readBack}` : '';

function apiError(
	request: RequestContext,
	message: string,
	description: string,
	details: { status?: number; code?: string; requestId?: string; attempts: number },
): NodeApiError {
	// Built from scratch: nothing of the request (headers, signature, body) travels with the error. The code goes
	// into context, not the error response, where NodeApiError would swap our message for a generic one.
	const error = new NodeApiError(request.node, { message } as JsonObject, {
		message,
		description,
		httpCode: details.status === undefined ? undefined : String(details.status),
		itemIndex: request.itemIndex,
	});
	// NodeApiError also swaps any message that mentions a network code (ECONNRESET …) for a generic sentence.
	error.message = message;
	error.context = { ...error.context, ...details };
	return error;
}

const requestIdText = (requestId?: string) => (requestId ? ` Request-ID: ${requestId}.` : '');

/** WeChat Pay's numeric business code: the last "-" segment of the Request-ID, when it has one. */
export function numericCodeOf(requestId: string | undefined): string | undefined {
	const match = requestId === undefined ? null : /-(\d{6,12})$/.exec(requestId);
	return match ? match[1] : undefined;
}

/** Text from an unsigned error body, as it may be shown: a string, cut to a readable length. */
export function shortText(value: unknown, max: number): string | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** A code as WeChat Pay writes them (SIGN_ERROR, PARAM_ERROR …), or undefined for anything else. */
export function errorCodeOf(value: unknown): string | undefined {
	return typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(value) ? value : undefined;
}

/** WeChat Pay answered with an error status and (maybe) its unsigned `{code, message}` body. */
export function weChatPayError(request: RequestContext, body: Record<string, unknown>, attempts: AttemptRecord[]): NodeApiError {
	const last = attempts[attempts.length - 1];
	const code = errorCodeOf(body.code) ?? `HTTP_${last.status}`;
	const text = shortText(body.message, 300);
	const numeric = numericCodeOf(last.requestId);
	const hint = hintFor(NUMERIC_HINTS, numeric) ?? hintFor(ERROR_HINTS, code) ?? 'See the WeChat Pay error code list for this API';
	// A 5xx may have been applied before it failed; a 4xx was refused.
	const unknown = last.status !== undefined && last.status >= 500 ? outcomeUnknown(request) : '';
	return apiError(
		request,
		`WeChat Pay refused the request: ${last.status} ${code}${numeric ? ` (${numeric})` : ''}${text ? ` – ${text}` : ''}${history(attempts)}`,
		`${hint}.${unknown}${requestIdText(last.requestId)}`,
		{ status: last.status, code, requestId: last.requestId, attempts: attempts.length, ...(numeric ? { numericCode: numeric } : {}) },
	);
}

/** A 2xx answer that does not prove it came from WeChat Pay, or is not the answer this API gives. */
export function unverifiedResponseError(request: RequestContext, reason: string, attempts: AttemptRecord[]): NodeApiError {
	const last = attempts[attempts.length - 1];
	return apiError(
		request,
		`The response could not be verified as WeChat Pay's, so it was not used: ${reason}${history(attempts)}`,
		`Check the WeChat Pay public key and its ID (or the platform certificates) in the credential.${outcomeUnknown(request)}${requestIdText(last.requestId)}`,
		{ status: last.status, code: 'RESPONSE_NOT_VERIFIED', requestId: last.requestId, attempts: attempts.length },
	);
}

/** A verified answer that answers another request (a replay, e.g. by a proxy at the Base URL). */
export function mismatchedResponseError(request: RequestContext, reason: string, attempts: AttemptRecord[]): NodeApiError {
	const last = attempts[attempts.length - 1];
	return apiError(
		request,
		`WeChat Pay's signed answer is not the answer to this request, so it was not used: ${reason}${history(attempts)}`,
		`A signed answer to another request was replayed, for example by a proxy at the Base URL.${outcomeUnknown(request)}${requestIdText(last.requestId)}`,
		{ status: last.status, code: 'RESPONSE_MISMATCH', requestId: last.requestId, attempts: attempts.length },
	);
}

/** The answer is larger than any answer of this API: refused while it arrived, never held whole. */
export function oversizedResponseError(request: RequestContext, limit: number, attempts: AttemptRecord[]): NodeApiError {
	const last = attempts[attempts.length - 1];
	return apiError(
		request,
		`The answer is larger than ${limit} bytes, more than this API ever answers, so it was not read${history(attempts)}`,
		`Check the Base URL in the credential (a proxy or another server may be answering).${outcomeUnknown(request)}${requestIdText(last.requestId)}`,
		{ status: last.status, code: 'RESPONSE_TOO_LARGE', requestId: last.requestId, attempts: attempts.length },
	);
}

/** Every attempt failed at the network level or with a retryable status. */
export function exhaustedError(request: RequestContext, attempts: AttemptRecord[]): NodeApiError {
	const last = attempts[attempts.length - 1];
	const tries = attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`;
	const reached = request.changesState ? ` If a request reached WeChat Pay, the change may have been applied. ${request.readBack}` : '';
	return apiError(
		request,
		`WeChat Pay did not answer successfully in ${tries}: ${attempts.map(describeAttempt).join('; ')}`,
		`Retry later, raise "Maximum Attempts" or "Timeout" in the node's options, or use n8n's Retry On Fail setting.${reached}${requestIdText(last.requestId)}`,
		{ status: last.status, code: last.code ?? last.network, requestId: last.requestId, attempts: attempts.length },
	);
}

/** The request failed in a way that is neither a network error nor an answer (a corrupt reply, a cancellation). */
export function requestFailedError(request: RequestContext, error: unknown, attempts: AttemptRecord[]): NodeApiError {
	const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown error';
	return apiError(
		request,
		`The request to WeChat Pay failed: ${reason}${history(attempts)}`,
		request.changesState
			? outcomeUnknown(request).trim()
			: 'Retry the execution; if it keeps failing, check the Base URL in the credential.',
		{ code: 'REQUEST_FAILED', attempts: attempts.length },
	);
}
