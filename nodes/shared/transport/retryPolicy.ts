/** Which failures are worth another attempt, and how long to wait before it. */

/** Statuses that say the host, not the request or the account, is the problem: the next attempt changes host. */
export const HOST_FAILURE_STATUSES = new Set([500, 502, 503, 504]);

/** Those, and 429 (the account is over its rate: the same host, later). */
export const RETRYABLE_STATUSES = new Set([429, ...HOST_FAILURE_STATUSES]);

const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED', // axios: timeout
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_NETWORK',
	'ERR_CANCELED', // axios: the request's deadline passed (the transport tells it from a cancelled execution)
]);

/** Failures that happen before a request leaves: retrying them can never apply a write twice. */
export const NEVER_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The network error code behind an error, or undefined if it is not one. Axios puts it on `code`; n8n's
 * NodeApiError, which wraps axios errors and drops their cause, keeps it as `httpCode`.
 */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const { code, httpCode, cause } = current as { code?: unknown; httpCode?: unknown; cause?: unknown };
		for (const candidate of [code, httpCode]) {
			if (typeof candidate === 'string' && NETWORK_ERROR_CODES.has(candidate)) {
				return candidate === 'ECONNABORTED' || candidate === 'ERR_CANCELED' ? 'ETIMEDOUT' : candidate;
			}
		}
		current = cause;
	}
	return undefined;
}

const MAX_BACKOFF_MS = 5000;
/** WeChat Pay's rate window is one second: a 429 is worth another try only after it has passed. */
const RATE_WINDOW_MS = 1000;
const MAX_RATE_BACKOFF_MS = 10_000;

/**
 * How long to wait before the next attempt. After a 429: at least the rate window, growing (1 s, 2 s, 4 s …) with
 * jitter, or WeChat Pay's Retry-After (seconds) when it gives one, at most 10 s. After anything else: exponential
 * backoff with jitter, about 200 ms, 400 ms, 800 ms …, at most 5 s, so that one item cannot hold a workflow long.
 */
export function backoffMs(failedAttempts: number, previous: { status?: number; retryAfter?: string }, random = Math.random): number {
	const { status, retryAfter } = previous;
	if (status === 429) {
		const floor = Math.min(RATE_WINDOW_MS * 2 ** (failedAttempts - 1), MAX_RATE_BACKOFF_MS);
		const given = retryAfter && /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
		const jittered = Math.round(floor + random() * (floor / 2));
		return Math.min(Math.max(given, jittered), MAX_RATE_BACKOFF_MS);
	}
	if (retryAfter && /^\s*\d+\s*$/.test(retryAfter)) {
		return Math.min(Number(retryAfter) * 1000, MAX_BACKOFF_MS);
	}
	const ceiling = Math.min(200 * 2 ** (failedAttempts - 1), MAX_BACKOFF_MS);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
