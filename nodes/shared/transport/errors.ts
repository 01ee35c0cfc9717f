import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { ERROR_HINTS } from '../errorHints';

const OUTCOME_UNKNOWN =
	' The outcome is unknown: the change may or may not have been applied. Run "Get notify URL" to see the current value.';

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

function describeAttempt(attempt: AttemptRecord): string {
	const outcome = attempt.network ?? `${attempt.status ?? ''} ${attempt.code ?? ''}`.trim();
	return `${attempt.host} → ${outcome}${attempt.requestId ? ` (Request-ID ${attempt.requestId})` : ''}`;
}

/** " after 3 attempts (host → 503 SYSTEM_ERROR; host → ECONNRESET; …)", or '' for a first attempt. */
function history(attempts: AttemptRecord[]): string {
	return attempts.length > 1 ? ` after ${attempts.length} attempts (${attempts.map(describeAttempt).join('; ')})` : '';
}

function apiError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
	details: { status?: number; code?: string; requestId?: string; attempts: number },
): NodeApiError {
	// Built from scratch: nothing of the request (headers, signature, body) travels with the error. The code goes
	// into context, not the error response, where NodeApiError would swap our message for a generic one.
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		httpCode: details.status === undefined ? undefined : String(details.status),
		itemIndex,
	});
	// NodeApiError also swaps any message that mentions a network code (ECONNRESET …) for a generic sentence.
	error.message = message;
	error.context = { ...error.context, ...details };
	return error;
}

const requestIdText = (requestId?: string) => (requestId ? ` Request-ID: ${requestId}.` : '');

/** WeChat Pay answered with an error status and its `{code, message}` body. */
export function weChatPayError(
	node: INode,
	itemIndex: number,
	body: { code?: string; message?: string },
	attempts: AttemptRecord[],
): NodeApiError {
	const last = attempts[attempts.length - 1];
	const code = body.code ?? `HTTP_${last.status}`;
	return apiError(
		node,
		itemIndex,
		`WeChat Pay refused the request: ${last.status} ${code}${body.message ? ` – ${body.message}` : ''}${history(attempts)}`,
		`${ERROR_HINTS[code] ?? 'See the WeChat Pay error code list for this API.'}${requestIdText(last.requestId)}`,
		{ status: last.status, code, requestId: last.requestId, attempts: attempts.length },
	);
}

/** A 2xx answer that does not prove it came from WeChat Pay, or is not the answer this API gives. */
export function unverifiedResponseError(
	node: INode,
	itemIndex: number,
	reason: string,
	attempts: AttemptRecord[],
	changesState: boolean,
): NodeApiError {
	const last = attempts[attempts.length - 1];
	return apiError(
		node,
		itemIndex,
		`The response could not be verified as WeChat Pay's, so it was not used: ${reason}${history(attempts)}`,
		`Check the WeChat Pay public key and its ID (or the platform certificates) in the credential.${changesState ? OUTCOME_UNKNOWN : ''}${requestIdText(last.requestId)}`,
		{ status: last.status, code: 'RESPONSE_NOT_VERIFIED', requestId: last.requestId, attempts: attempts.length },
	);
}

/** Every attempt failed at the network level or with a retryable status. */
export function exhaustedError(node: INode, itemIndex: number, attempts: AttemptRecord[], changesState: boolean): NodeApiError {
	const last = attempts[attempts.length - 1];
	const tries = attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`;
	return apiError(
		node,
		itemIndex,
		`WeChat Pay did not answer successfully in ${tries}: ${attempts.map(describeAttempt).join('; ')}`,
		`Retry later, raise "Maximum Attempts" in the node's options, or use n8n's Retry On Fail setting.${
			changesState ? ' If a request reached WeChat Pay, the change may have been applied: run "Get notify URL" to check.' : ''
		}${requestIdText(last.requestId)}`,
		{ status: last.status, code: last.code ?? last.network, requestId: last.requestId, attempts: attempts.length },
	);
}

/** The request failed in a way that is neither a network error nor an answer (a corrupt reply, a cancellation). */
export function requestFailedError(
	node: INode,
	itemIndex: number,
	error: unknown,
	attempts: AttemptRecord[],
	changesState: boolean,
): NodeApiError {
	const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown error';
	return apiError(
		node,
		itemIndex,
		`The request to WeChat Pay failed: ${reason}${history(attempts)}`,
		changesState ? OUTCOME_UNKNOWN.trim() : 'Retry the execution; if it keeps failing, check the Base URL in the credential.',
		{ code: 'REQUEST_FAILED', attempts: attempts.length },
	);
}
