import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { CredentialConfigError } from '../account';

/** What a user needs to fix for each WeChat Pay error code. */
const HINTS: Record<string, string> = {
	SIGN_ERROR:
		'WeChat Pay refused the signature: check the Merchant ID / Brand ID, the Certificate Serial Number and the Private Key in the credential, and that this machine\'s clock is right',
	INVALID_REQUEST: 'The request breaks an APIv3 rule; the message above says which',
	PARAM_ERROR: 'A parameter was refused; the message above says which',
	NO_AUTH: 'This account has not enabled product coupons (商品券), or is not allowed to call this API',
	RESOURCE_NOT_EXISTS: 'No notify URL has been set for this account yet: run "Set notify URL" first',
	RATELIMIT_EXCEEDED: 'More than 20 requests per second for this account: slow the workflow down or retry later',
	SYSTEM_ERROR: 'WeChat Pay had a server-side problem: retry later',
	SERVICE_UNAVAILABLE: 'WeChat Pay is temporarily unavailable: retry later',
};

export interface AttemptRecord {
	host: string;
	status?: number;
	code?: string;
	requestId?: string;
	network?: string;
	retryAfter?: string;
}

function requestIdText(requestId?: string): string {
	return requestId ? ` Request-ID: ${requestId}.` : '';
}

function apiError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
	details: { status?: number; code?: string; requestId?: string; attempts?: number },
): NodeApiError {
	// Built from scratch: nothing of the request (headers, signature, body) travels with the error. The code goes
	// into context, not the error response, where NodeApiError would swap our message for a generic one.
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		httpCode: details.status === undefined ? undefined : String(details.status),
		itemIndex,
	});
	// NodeApiError swaps any message that mentions a network code (ECONNRESET …) for a generic sentence.
	error.message = message;
	error.context = { ...error.context, ...details };
	return error;
}

/** WeChat Pay answered with an error status and its `{code, message}` body. */
export function weChatPayError(
	node: INode,
	itemIndex: number,
	status: number,
	body: { code?: string; message?: string },
	requestId: string | undefined,
	attempts: number,
): NodeApiError {
	const code = body.code ?? `HTTP_${status}`;
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	return apiError(
		node,
		itemIndex,
		`WeChat Pay refused the request${tries}: ${status} ${code}${body.message ? ` – ${body.message}` : ''}`,
		`${HINTS[code] ?? 'See the WeChat Pay error code list for this API.'}${requestIdText(requestId)}`,
		{ status, code, requestId, attempts },
	);
}

/** A 2xx answer whose signature does not prove it came from WeChat Pay. */
export function unverifiedResponseError(
	node: INode,
	itemIndex: number,
	reason: string,
	status: number,
	requestId: string | undefined,
	changesState: boolean,
): NodeApiError {
	const outcome = changesState
		? ' The outcome is unknown: the change may or may not have been applied. Run "Get notify URL" to see the current value.'
		: '';
	return apiError(
		node,
		itemIndex,
		`The response could not be verified as WeChat Pay's, so it was not used: ${reason}`,
		`Check the WeChat Pay public key and its ID (or the platform certificates) in the credential.${outcome}${requestIdText(requestId)}`,
		{ status, code: 'RESPONSE_NOT_VERIFIED', requestId },
	);
}

/** Every attempt failed at the network level or with a retryable status. */
export function exhaustedError(node: INode, itemIndex: number, attempts: AttemptRecord[], changesState: boolean): NodeApiError {
	const last = attempts[attempts.length - 1];
	const hosts = [...new Set(attempts.map((attempt) => attempt.host))].join(', ');
	const lastOutcome = last.network
		? `network error ${last.network}`
		: `${last.status ?? ''} ${last.code ?? ''}`.trim();
	const outcome = changesState
		? ' If a request reached WeChat Pay, the change may have been applied: run "Get notify URL" to check.'
		: '';
	return apiError(
		node,
		itemIndex,
		`WeChat Pay could not be reached successfully after ${attempts.length} attempt${attempts.length > 1 ? 's' : ''} (${hosts}): last ${lastOutcome}`,
		`Retry later, raise "Maximum Attempts", or use n8n's Retry On Fail setting.${outcome}${requestIdText(last.requestId)}`,
		{ status: last.status, code: last.code ?? last.network, requestId: last.requestId, attempts: attempts.length },
	);
}

/** The request never left: the credential could not sign it, or the execution was cancelled. */
export function requestNotSentError(node: INode, itemIndex: number, error: unknown): Error {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
		if (current instanceof CredentialConfigError) {
			return new NodeOperationError(node, `WeChat Pay credential: ${current.message}`, { itemIndex });
		}
		current = current.cause;
	}
	const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown error';
	return apiError(node, itemIndex, `The request to WeChat Pay could not be sent: ${reason}`, 'Check the Base URL in the credential.', {
		code: 'REQUEST_NOT_SENT',
	});
}
