// @ts-check
'use strict';
/**
 * Stock bundles (批次组) of a PROGRESSIVE_BUNDLE product coupon: #20 add (EFFECTIVE product coupon; one stock per
 * round, AUDITING then SENDING; ≤ 200 live stocks), #21 update every stock of it (PATCH; as #13; SENDING or PAUSED),
 * #22 update its budget (as #14, on the send rule its stocks share). The store calls #23/#24 are in
 * storeAssociations.js. Answers `{stock_bundle_id, stock_list}`.
 */
const { NUMERIC, invalidRequest } = require('../errors');
const { isPartner } = require('./userCouponAccess');
const { BODIES, checkBundle, notifyAppidOf } = require('./productCouponRules');
const { write, pathCoupon, pathBundle, requireCouponState, requireStockState } = require('./management');
const { queueAudits } = require('./productCoupons');
const { checkUpdate, applyUpdate, checkBudget, applyBudget, requireRoomFor } = require('./stocks');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('./catalog').StockBundle} StockBundle
 */

/** @param {HandlerContext} ctx @param {StockBundle} bundle */
const bundleAnswer = (ctx, bundle) => ctx.world.catalog.bundleView(bundle, isPartner(ctx), ctx.nowMs);

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function addBundle(ctx) {
	return write(ctx, {
		kind: 'addBundle',
		schema: BODIES.addBundle,
		numberField: 'out_request_no',
		appids: (body) => [notifyAppidOf(body.stock_bundle)],
		apply(body, brandId) {
			const pc = pathCoupon(ctx, brandId);
			requireCouponState(pc, ['EFFECTIVE']);
			if (pc.usage_mode !== 'PROGRESSIVE_BUNDLE') {
				throw invalidRequest('单券模式商品券请添加批次', `product coupon ${pc.product_coupon_id} is SINGLE: add a stock (POST …/stocks)`, NUMERIC.fieldRuleViolated);
			}
			checkBundle(body.stock_bundle, pc, ctx.nowMs);
			requireRoomFor(ctx, pc, pc.bundleCount);
			const bundle = ctx.world.catalog.createBundle(pc, body.stock_bundle);
			queueAudits(ctx, ctx.world.catalog.stocksOfBundle(bundle));
			return { answer: bundleAnswer(ctx, bundle) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function updateBundle(ctx) {
	return write(ctx, {
		kind: 'updateBundle',
		schema: BODIES.updateStock,
		numberField: 'out_request_no',
		check: checkUpdate,
		appids: (body) => [notifyAppidOf(body)],
		apply(body, brandId) {
			const bundle = pathBundle(ctx, brandId);
			const stocks = ctx.world.catalog.stocksOfBundle(bundle);
			for (const stock of stocks) requireStockState(ctx, stock, ['SENDING', 'PAUSED']);
			applyUpdate(stocks, body);
			return { answer: bundleAnswer(ctx, bundle) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function updateBundleBudget(ctx) {
	return write(ctx, {
		kind: 'updateBundleBudget',
		schema: BODIES.updateBudget,
		numberField: 'out_request_no',
		check: checkBudget,
		apply(body, brandId) {
			const bundle = pathBundle(ctx, brandId);
			const stocks = ctx.world.catalog.stocksOfBundle(bundle);
			for (const stock of stocks) requireStockState(ctx, stock, ['AUDITING', 'SENDING', 'PAUSED']);
			applyBudget(ctx, stocks, body);
			return { answer: bundleAnswer(ctx, bundle) };
		},
	});
}

const BUNDLE = '/product-coupons/{product_coupon_id}/stock-bundles/{stock_bundle_id}';
/** @type {import('../router').RouteSpec[]} */
const STOCK_BUNDLE_ROUTES = [
	{ method: 'POST', path: '/product-coupons/{product_coupon_id}/stock-bundles', rateClass: 'management', handler: addBundle },
	{ method: 'PATCH', path: BUNDLE, rateClass: 'management', handler: updateBundle },
	{ method: 'POST', path: `${BUNDLE}/update-budget`, rateClass: 'management', handler: updateBundleBudget },
];

module.exports = { STOCK_BUNDLE_ROUTES };
