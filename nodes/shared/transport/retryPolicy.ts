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
]);

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
				return candidate === 'ECONNABORTED' ? 'ETIMEDOUT' : candidate;
			}
		}
		current = cause;
	}
	return undefined;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Exponential backoff with jitter: about 200 ms, 400 ms, 800 ms …; a Retry-After in seconds is followed
 * instead. Either way at most 5 s, so that one item cannot hold a workflow for long.
 */
export function backoffMs(failedAttempts: number, retryAfterHeader?: string, random = Math.random): number {
	if (retryAfterHeader && /^\s*\d+\s*$/.test(retryAfterHeader)) {
		return Math.min(Number(retryAfterHeader) * 1000, MAX_BACKOFF_MS);
	}
	const ceiling = Math.min(200 * 2 ** (failedAttempts - 1), MAX_BACKOFF_MS);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
