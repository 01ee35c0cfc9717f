// @ts-check
'use strict';
/**
 * Stores of a stock: #16 associate / #17 disassociate (≤ 200 per call), #18 list (page_size 1–200), and for a
 * whole bundle #23 / #24 (every stock of it). Only for store_scope SPECIFIC (else 400 INVALID_REQUEST 268578813).
 * No request number. Answer SO: `total_count` (distinct store ids in the call), `success_store_list?`,
 * `failed_store_list?` (`{store_id, code, message}`: a store that is not the brand's, or, when disassociating, not
 * associated); associating an associated store again succeeds.
 */
const { NUMERIC, invalidRequest } = require('../errors');
const { pageTokens } = require('./userCouponReads');
const { BODIES } = require('./productCouponRules');
const { write, read, pathStock, pathBundle } = require('./management');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('./catalog').Stock} Stock
 */

const NOT_OF_BRAND = '门店ID非法或不属于当前品牌';
const NOT_ASSOCIATED = '门店未关联该批次';

/** @param {Stock[]} stocks */
function requireSpecific(stocks) {
	const scope = stocks[0].spec.store_scope;
	if (scope !== 'SPECIFIC') {
		throw invalidRequest('批次的可用门店范围不是指定门店', `store_scope is ${scope}; stores are associated only with store_scope SPECIFIC`, NUMERIC.storeScopeNotSpecific);
	}
}

/**
 * @param {HandlerContext} ctx @param {string} brandId @param {Stock[]} stocks @param {Record<string, any>} body @param {boolean} associate
 */
function changeStores(ctx, brandId, stocks, body, associate) {
	requireSpecific(stocks);
	const ids = [...new Set(body.store_list.map((/** @type {{ store_id: string }} */ s) => s.store_id))];
	/** @type {Array<{ store_id: string }>} */
	const success = [];
	/** @type {Array<{ store_id: string, code: string, message: string }>} */
	const failed = [];
	for (const id of /** @type {string[]} */ (ids)) {
		if (!ctx.world.catalog.isStoreOf(brandId, id)) failed.push({ store_id: id, code: 'INVALID_REQUEST', message: NOT_OF_BRAND });
		else if (!associate && !stocks.some((s) => s.stores.includes(id))) failed.push({ store_id: id, code: 'INVALID_REQUEST', message: NOT_ASSOCIATED });
		else success.push({ store_id: id });
	}
	for (const stock of stocks) {
		for (const { store_id: id } of success) {
			if (associate && !stock.stores.includes(id)) stock.stores.push(id);
			if (!associate) stock.stores = stock.stores.filter((x) => x !== id);
		}
	}
	return { total_count: ids.length, ...(success.length > 0 ? { success_store_list: success } : {}), ...(failed.length > 0 ? { failed_store_list: failed } : {}) };
}

/** @param {boolean} associate @param {boolean} bundle @returns {import('../router').Handler} */
function storeCall(associate, bundle) {
	return (ctx) =>
		write(ctx, {
			kind: 'stores',
			schema: BODIES.stores,
			apply(body, brandId) {
				const stocks = bundle ? ctx.world.catalog.stocksOfBundle(pathBundle(ctx, brandId)) : [pathStock(ctx, brandId)];
				return { answer: changeStores(ctx, brandId, stocks, body, associate) };
			},
		});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function listStores(ctx) {
	const { query, brandId } = read(ctx, {
		page_size: { type: 'integer', min: 1, max: 200 },
		page_token: { type: 'string', max: 512, pattern: /^[0-9A-Za-z_.-]+$/, chars: 'the characters of a page_token this endpoint returned' },
	});
	const stock = pathStock(ctx, brandId);
	requireSpecific([stock]);
	const pageSize = query.page_size !== undefined ? Number(query.page_size) : 20;
	const queryKey = `stores|${ctx.account.id}|${stock.stock_id}`;
	const offset = query.page_token !== undefined ? pageTokens.read(ctx.world.pageSecret, query.page_token, queryKey) : 0;
	const next = offset + pageSize < stock.stores.length ? { next_page_token: pageTokens.make(ctx.world.pageSecret, offset + pageSize, queryKey) } : {};
	const page = stock.stores.slice(offset, offset + pageSize).map((id) => ({ store_id: id }));
	return { status: 200, body: Buffer.from(JSON.stringify({ total_count: stock.stores.length, ...next, store_list: page }), 'utf8') };
}

const STOCK = '/product-coupons/{product_coupon_id}/stocks/{stock_id}';
const BUNDLE = '/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}';
/** @type {import('../router').RouteSpec[]} */
const STORE_ROUTES = [
	{ method: 'POST', path: `${STOCK}/associate-stores`, rateClass: 'management', handler: storeCall(true, false) },
	{ method: 'POST', path: `${STOCK}/disassociate-stores`, rateClass: 'management', handler: storeCall(false, false) },
	{ method: 'GET', path: `${STOCK}/associated-stores`, rateClass: 'management', handler: listStores },
	{ method: 'POST', path: `${BUNDLE}/associate-stores`, rateClass: 'management', handler: storeCall(true, true) },
	{ method: 'POST', path: `${BUNDLE}/disassociate-stores`, rateClass: 'management', handler: storeCall(false, true) },
];

module.exports = { STORE_ROUTES };
