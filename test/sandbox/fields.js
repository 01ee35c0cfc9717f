// @ts-check
'use strict';
/**
 * Field rules for request bodies, query strings and path segments, checked as WeChat Pay checks them: required,
 * type, length (in characters), characters, enums, RFC 3339 times; unknown fields are refused. Every problem
 * throws 400 PARAM_ERROR with `detail {field, location, issue}` and the digest's numeric code
 * (268435461 illegal/missing, 268435462 too long, 268435463 too short, 268435464 out of range).
 */
const { NUMERIC, paramError } = require('./errors');

/**
 * @typedef {{ type: 'string' | 'integer' | 'object' | 'array', required?: boolean, min?: number, max?: number,
 *   pattern?: RegExp, chars?: string, enum?: string[], time?: boolean, fields?: Schema, items?: Rule,
 *   minItems?: number, maxItems?: number, unique?: boolean, decode?: boolean }} Rule
 *   unique: array items must differ; decode: a path parameter that is percent-decoded before its check
 * @typedef {Record<string, Rule>} Schema
 */

/** request numbers, openids, codes: digits, letters, `_` and `-` (digest §1) */
const SAFE = /^[0-9A-Za-z_-]+$/;
const SAFE_CHARS = 'digits, letters, _ and -';

/** @param {number} min @param {number} max @param {boolean} [required] @returns {Rule} */
const requestNo = (min, max, required = true) => ({ type: 'string', required, min, max, pattern: SAFE, chars: SAFE_CHARS });
/** a numeric WeChat Pay id (product_coupon_id, stock_id, brand_id, ...) @param {boolean} [required] @returns {Rule} */
const numericId = (required = true) => ({ type: 'string', required, max: 64, pattern: /^\d+$/, chars: 'digits' });
/** @param {number} max @param {boolean} [required] @returns {Rule} */
const text = (max, required = true) => ({ type: 'string', required, max });
/** @type {Rule} */
const APPID = { type: 'string', required: true, max: 32, pattern: SAFE, chars: SAFE_CHARS };

/** out_trade_no / out_order_no characters (payment APIs): digits, letters, `_ - | *` */
const ORDER_NO = /^[0-9A-Za-z_\-|*]+$/;
const ORDER_NO_CHARS = 'digits, letters, _ - | *';

/**
 * Path parameters, matched raw and never percent-decoded (`%2e`, `..` and friends fail the character rule), except
 * the merchant order / refund numbers, whose `|` a client percent-encodes: those are decoded, then checked.
 */
const PATH_RULES = /** @type {Schema} */ ({
	openid: { type: 'string', required: true, max: 128, pattern: SAFE, chars: SAFE_CHARS },
	coupon_code: { type: 'string', required: true, max: 40, pattern: SAFE, chars: SAFE_CHARS },
	user_coupon_bundle_id: { type: 'string', required: true, max: 40, pattern: SAFE, chars: SAFE_CHARS },
	product_coupon_id: { type: 'string', required: true, max: 64, pattern: /^\d+$/, chars: 'digits' },
	stock_id: { type: 'string', required: true, max: 64, pattern: /^\d+$/, chars: 'digits' },
	stock_bundle_id: { type: 'string', required: true, max: 64, pattern: /^\d+$/, chars: 'digits' },
	task_id: { type: 'string', required: true, min: 6, max: 40, pattern: SAFE, chars: SAFE_CHARS },
	item_id: { type: 'string', required: true, max: 64, pattern: SAFE, chars: SAFE_CHARS },
	transaction_id: { type: 'string', required: true, max: 32, pattern: /^\d+$/, chars: 'digits' },
	out_trade_no: { type: 'string', required: true, min: 6, max: 32, pattern: ORDER_NO, chars: ORDER_NO_CHARS, decode: true },
	out_refund_no: { type: 'string', required: true, max: 64, pattern: /^[0-9A-Za-z_\-|*@]+$/, chars: `${ORDER_NO_CHARS} @`, decode: true },
});

/** @param {string} s @returns {number} length in characters (code points), as WeChat Pay counts */
function charLength(s) {
	return [...s].length;
}

/**
 * RFC 3339 as WeChat Pay documents it, `yyyy-MM-DDTHH:mm:ss+TIMEZONE`: seconds, a numeric offset, no fraction, no `Z`.
 * @param {string} s @returns {number | null} epoch ms, null when not such a time
 */
function parseRfc3339(s) {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/.exec(s);
	if (!m) return null;
	const [year, month, day, hour, minute, second, offH, offM] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i]));
	const sign = m[7];
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offH > 14 || offM > 59) return null;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second);
	if (new Date(utc).getUTCDate() !== day) return null; // 2025-02-30 and friends
	const offsetMs = (sign === '+' ? 1 : -1) * (offH * 60 + offM) * 60000;
	return utc - offsetMs;
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** @param {unknown} value @param {Rule} rule @param {string} name @param {string} location */
function checkValue(value, rule, name, location) {
	switch (rule.type) {
		case 'string': {
			if (typeof value !== 'string') throw paramError(name, location, `${name} must be a string`);
			const length = charLength(value);
			const min = rule.min === undefined ? 1 : rule.min;
			if (length < min) throw paramError(name, location, length === 0 ? `${name} must not be empty` : `${name} is shorter than ${min} characters`, NUMERIC.paramTooShort);
			if (rule.max !== undefined && length > rule.max) throw paramError(name, location, `${name} is longer than ${rule.max} characters`, NUMERIC.paramTooLong);
			if (rule.pattern && !rule.pattern.test(value)) throw paramError(name, location, `${name} may only contain ${rule.chars || 'allowed characters'}`);
			if (rule.enum && !rule.enum.includes(value)) throw paramError(name, location, `${name} must be one of ${rule.enum.join(', ')}`);
			if (rule.time && parseRfc3339(value) === null) throw paramError(name, location, `${name} must be an RFC 3339 time with seconds and a numeric offset, e.g. 2025-08-01T10:00:00+08:00`);
			return;
		}
		case 'integer':
			if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw paramError(name, location, `${name} must be an integer`);
			if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
				const range = rule.max === undefined ? `at least ${rule.min}` : rule.min === undefined ? `at most ${rule.max}` : `within ${rule.min}..${rule.max}`;
				throw paramError(name, location, `${name} must be ${range}`, NUMERIC.paramOutOfRange);
			}
			return;
		case 'object':
			if (!isPlainObject(value)) throw paramError(name, location, `${name} must be a JSON object`);
			checkFields(value, rule.fields || {}, location, `${name}.`);
			return;
		case 'array':
			if (!Array.isArray(value)) throw paramError(name, location, `${name} must be an array`);
			if (value.length < (rule.minItems || 0)) throw paramError(name, location, `${name} needs at least ${rule.minItems} item(s)`, NUMERIC.paramTooShort);
			if (rule.maxItems !== undefined && value.length > rule.maxItems) throw paramError(name, location, `${name} has more than ${rule.maxItems} items`, NUMERIC.paramTooLong);
			value.forEach((item, i) => checkValue(item, /** @type {Rule} */ (rule.items), `${name}[${i}]`, location));
			if (rule.unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) throw paramError(name, location, `${name} has duplicated items`);
			return;
		default:
			throw new Error(`sandbox: unknown rule type for ${name}`);
	}
}

/**
 * Unknown fields first (so a stray `brand_id` is named as such), then each rule in order.
 * @param {Record<string, unknown>} obj @param {Schema} schema @param {string} location @param {string} [prefix]
 */
function checkFields(obj, schema, location, prefix = '') {
	for (const key of Object.keys(obj)) {
		if (!Object.prototype.hasOwnProperty.call(schema, key)) throw paramError(`${prefix}${key}`, location, `unexpected field ${prefix}${key}`);
	}
	for (const [key, rule] of Object.entries(schema)) {
		const value = obj[key];
		if (value === undefined) {
			if (rule.required) throw paramError(`${prefix}${key}`, location, `${prefix}${key} is required`);
			continue;
		}
		checkValue(value, rule, `${prefix}${key}`, location);
	}
}

/**
 * A POST body: UTF-8 JSON object, checked against `schema`.
 * @param {Buffer} body @param {Schema} schema @returns {Record<string, any>}
 */
function readJsonBody(body, schema) {
	let text;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		throw paramError('body', 'body', 'body is not valid UTF-8');
	}
	/** @type {unknown} */
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw paramError('body', 'body', 'body is not valid JSON');
	}
	if (!isPlainObject(parsed)) throw paramError('body', 'body', 'body must be a JSON object');
	checkFields(parsed, schema, 'body');
	return parsed;
}

/**
 * A query string (raw, without `?`): `name=value` pairs, percent-decoded, no duplicates, no unknown names; every
 * value is a string checked against its rule (integers are written as digits and converted by `schema`).
 * @param {string | null} raw @param {Schema} schema @returns {Record<string, string>}
 */
function readQuery(raw, schema) {
	/** @type {Record<string, string>} */
	const out = Object.create(null);
	if (raw !== null && raw !== '') {
		for (const piece of raw.split('&')) {
			const eq = piece.indexOf('=');
			if (piece === '' || eq <= 0) throw paramError('query', 'query', `malformed query parameter ${JSON.stringify(piece.slice(0, 64))}`);
			let name;
			let value;
			try {
				name = decodeURIComponent(piece.slice(0, eq).replace(/\+/g, ' '));
				value = decodeURIComponent(piece.slice(eq + 1).replace(/\+/g, ' '));
			} catch {
				throw paramError('query', 'query', `query parameter ${JSON.stringify(piece.slice(0, 64))} is not valid percent-encoding`);
			}
			if (!Object.prototype.hasOwnProperty.call(schema, name)) throw paramError(name, 'query', `unexpected query parameter ${name.slice(0, 64)}`);
			if (name in out) throw paramError(name, 'query', `query parameter ${name} given more than once`);
			out[name] = value;
		}
	}
	for (const [name, rule] of Object.entries(schema)) {
		if (!(name in out)) {
			if (rule.required) throw paramError(name, 'query', `query parameter ${name} is required`);
			continue;
		}
		if (rule.type === 'integer') {
			if (!/^\d{1,9}$/.test(out[name])) throw paramError(name, 'query', `${name} must be an integer`);
			checkValue(Number(out[name]), rule, name, 'query');
		} else checkValue(out[name], rule, name, 'query');
	}
	return out;
}

/**
 * Raw path parameters against PATH_RULES; a `decode` parameter is percent-decoded first and replaced by its decoded
 * value in `params`. @param {Record<string, string>} params
 */
function checkPathParams(params) {
	for (const [name, raw] of Object.entries(params)) {
		const rule = PATH_RULES[name];
		if (!rule) throw new Error(`sandbox: no rule for path parameter ${name}`);
		let value = raw;
		if (rule.decode) {
			try {
				value = decodeURIComponent(raw);
			} catch {
				throw paramError(name, 'path', `${name} is not valid percent-encoding`);
			}
		}
		checkValue(value, rule, name, 'path');
		params[name] = value;
	}
}

module.exports = {
	SAFE,
	SAFE_CHARS,
	ORDER_NO,
	ORDER_NO_CHARS,
	APPID,
	requestNo,
	numericId,
	text,
	charLength,
	parseRfc3339,
	isPlainObject,
	checkFields,
	readJsonBody,
	readQuery,
	checkPathParams,
};
