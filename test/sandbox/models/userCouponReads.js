// @ts-check
'use strict';
/**
 * The user-coupon reads: #30 get one coupon, #29 list a user's coupons (filters, page_size 1–50, opaque page
 * tokens). Checks: path parameters → query (brand_id REQUIRED for service providers, refused for brands) → brand →
 * AppID → objects.
 */
const crypto = require('crypto');
const { paramError } = require('../errors');
const { APPID, SAFE, SAFE_CHARS, checkPathParams, numericId, readQuery } = require('../fields');
const { canonicalJson } = require('./requestNumbers');
const { json, isPartner, withBrand, brandOf, requireAppid, locateCoupon, view, couponStateOf } = require('./userCouponAccess');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('../fields').Schema} Schema
 */

const COUPON_STATES = ['CONFIRMING', 'PENDING', 'EFFECTIVE', 'USED', 'EXPIRED', 'DELETED', 'DEACTIVATED'];

/** Query schemas of the two reads, without brand_id (added for service providers). */
const QUERIES = /** @type {Record<string, Schema>} */ ({
	list: {
		appid: APPID,
		product_coupon_id: numericId(false),
		stock_id: numericId(false),
		coupon_state: { type: 'string', enum: COUPON_STATES },
		user_coupon_bundle_id: { type: 'string', max: 40, pattern: SAFE, chars: SAFE_CHARS },
		page_size: { type: 'integer', min: 1, max: 50 },
		page_token: { type: 'string', max: 512, pattern: /^[0-9A-Za-z_.-]+$/, chars: 'the characters of a page_token this endpoint returned' },
	},
	get: { product_coupon_id: numericId(), stock_id: numericId(), appid: APPID },
});

/** @param {HandlerContext} ctx @param {Schema} schema */
function readRequest(ctx, schema) {
	checkPathParams(ctx.params);
	const query = readQuery(ctx.query, withBrand(schema, isPartner(ctx)));
	const brandId = brandOf(ctx, query.brand_id);
	requireAppid(ctx, brandId, query.appid);
	return { query, brandId };
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function get(ctx) {
	const { query, brandId } = readRequest(ctx, QUERIES.get);
	return { status: 200, body: json(view(ctx, locateCoupon(ctx, brandId, /** @type {any} */ (query)))) };
}

/** Opaque page tokens: offset + which query they belong to, MACed so that a client cannot make one up. */
const pageTokens = {
	/** @param {Buffer} secret @param {number} offset @param {string} queryKey */
	make(secret, offset, queryKey) {
		const payload = Buffer.from(JSON.stringify({ o: offset, q: queryKey }), 'utf8').toString('base64url');
		return `${payload}.${crypto.createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22)}`;
	},
	/** @param {Buffer} secret @param {string} token @param {string} queryKey @returns {number} */
	read(secret, token, queryKey) {
		const [payload, mac, extra] = token.split('.');
		const expected = payload ? crypto.createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22) : '';
		if (extra === undefined && payload && mac === expected) {
			try {
				const { o, q } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
				if (q === queryKey && Number.isInteger(o) && o > 0) return o;
			} catch {
				// falls through to the refusal
			}
		}
		throw paramError('page_token', 'query', 'page_token was not returned by this query (tokens are opaque and tied to their filters)');
	},
};

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function list(ctx) {
	const { query, brandId } = readRequest(ctx, QUERIES.list);
	const pageSize = query.page_size !== undefined ? Number(query.page_size) : 20;
	const filters = {
		openid: ctx.params.openid,
		appid: query.appid,
		brandId,
		product_coupon_id: query.product_coupon_id,
		stock_id: query.stock_id,
		coupon_state: query.coupon_state,
		user_coupon_bundle_id: query.user_coupon_bundle_id,
	};
	const queryKey = crypto.createHash('sha256').update(`${ctx.account.id}|${canonicalJson(filters)}`).digest('base64url').slice(0, 16);
	const offset = query.page_token !== undefined ? pageTokens.read(ctx.world.pageSecret, query.page_token, queryKey) : 0;
	const matching = ctx.world.coupons.coupons.filter(
		(c) =>
			c.ownerId === ctx.account.id &&
			c.brand_id === brandId &&
			c.openid === filters.openid &&
			c.appid === filters.appid &&
			(filters.product_coupon_id === undefined || c.product_coupon_id === filters.product_coupon_id) &&
			(filters.stock_id === undefined || c.stock_id === filters.stock_id) &&
			(filters.user_coupon_bundle_id === undefined || c.user_coupon_bundle_id === filters.user_coupon_bundle_id) &&
			(filters.coupon_state === undefined || couponStateOf(ctx, c) === filters.coupon_state),
	);
	const page = matching.slice(offset, offset + pageSize);
	const next = offset + pageSize < matching.length ? { next_page_token: pageTokens.make(ctx.world.pageSecret, offset + pageSize, queryKey) } : {};
	return { status: 200, body: json({ total_count: matching.length, ...next, user_coupon_list: page.map((c) => view(ctx, c)) }) };
}

module.exports = { get, list, QUERIES, pageTokens };
