// @ts-check
'use strict';
/**
 * Idempotency of request numbers (send_request_no, out_request_no), digest §9.1: per account (and brand, for service
 * providers) and per endpoint kind. The same number with the same request (path parameters + body, compared as
 * canonical JSON so key order and whitespace do not matter) gets the first answer again, byte for byte, and nothing
 * is applied twice; the same number with a different request is refused with 268578927. Only successes are
 * remembered: a refused request may be retried with its number.
 */
const { NUMERIC, invalidRequest } = require('../errors');

/** @param {unknown} value @returns {string} JSON with object keys sorted */
function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const obj = /** @type {Record<string, unknown>} */ (value);
		return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

class RequestNumbers {
	constructor() {
		/** @type {Map<string, { fingerprint: string, answer: Buffer }>} */
		this.entries = new Map();
	}

	/**
	 * @param {string} scope account id + brand id @param {string} kind endpoint kind @param {string} number
	 * @param {unknown} request what must be identical on a replay
	 * @returns {Buffer | null} the first answer when this is a replay, null when the number is new
	 */
	replay(scope, kind, number, request) {
		const seen = this.entries.get(`${scope}|${kind}|${number}`);
		if (!seen) return null;
		if (seen.fingerprint !== canonicalJson(request)) {
			throw invalidRequest('请求单号重复，但请求参数与首次请求不一致', `${kind} request number ${number} was already used with different parameters`, NUMERIC.requestNoReused);
		}
		return seen.answer;
	}

	/** @param {string} scope @param {string} kind @param {string} number @param {unknown} request @param {Buffer} answer */
	remember(scope, kind, number, request, answer) {
		this.entries.set(`${scope}|${kind}|${number}`, { fingerprint: canonicalJson(request), answer });
	}
}

module.exports = { RequestNumbers, canonicalJson };
