// @ts-check
'use strict';
/**
 * Product coupons (商品券): #6 create (with its first stock, or its first stock bundle), #7 get, #8 update the
 * display (PATCH, EFFECTIVE only, the whole display_info), #9 deactivate (EFFECTIVE only; every stock of it stops
 * too, issued user coupons stay valid). States AUDITING → EFFECTIVE (catalog.js: audits) → DEACTIVATED.
 * Creating needs the account's notify URL (#1) to be set (digest §4.1 precondition).
 */
const { invalidRequest } = require('../errors');
const { isPartner } = require('./userCouponAccess');
const { BODIES, checkCreate, checkDisplayInfo, notifyAppidOf } = require('./productCouponRules');
const { write, read, pathCoupon, requireCouponState } = require('./management');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('./catalog').ProductCoupon} ProductCoupon
 * @typedef {import('./catalog').Stock} Stock
 */

/** @param {unknown} value */
const json = (value) => Buffer.from(JSON.stringify(value), 'utf8');

/** Audit each of `targets` (see catalog.js). @param {HandlerContext} ctx @param {Array<ProductCoupon | Stock>} targets */
function queueAudits(ctx, targets) {
	for (const t of targets) ctx.world.catalog.queueAudit(t, ctx.nowMs, ctx.settings.auditDelayMs, ctx.world.seq);
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function create(ctx) {
	return write(ctx, {
		kind: 'createProductCoupon',
		schema: BODIES.createProductCoupon,
		numberField: 'out_request_no',
		check: (body) => checkCreate(body, ctx.nowMs),
		appids: (body) => [notifyAppidOf(body.stock || body.stock_bundle)],
		apply(body, brandId) {
			if (ctx.account.notifyUrl === null) {
				throw invalidRequest('请先设置商品券事件通知地址', 'set the product coupon notify URL (POST /notify-configs) before creating a product coupon');
			}
			const catalog = ctx.world.catalog;
			const partner = isPartner(ctx);
			const pc = catalog.createProductCoupon(ctx.account.id, brandId, body);
			if (body.usage_mode === 'SINGLE') {
				const stock = catalog.createStock(pc, body.stock);
				queueAudits(ctx, [pc, stock]);
				return { answer: { ...catalog.productCouponView(pc, partner), stock: catalog.stockView(stock, partner, ctx.nowMs) } };
			}
			const bundle = catalog.createBundle(pc, body.stock_bundle);
			queueAudits(ctx, [pc, ...catalog.stocksOfBundle(bundle)]);
			return { answer: { ...catalog.productCouponView(pc, partner), stock_bundle: catalog.bundleView(bundle, partner, ctx.nowMs) } };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function get(ctx) {
	const { brandId } = read(ctx, {});
	return { status: 200, body: json(ctx.world.catalog.productCouponView(pathCoupon(ctx, brandId), isPartner(ctx))) };
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function update(ctx) {
	return write(ctx, {
		kind: 'updateProductCoupon',
		schema: BODIES.updateProductCoupon,
		numberField: 'out_request_no',
		apply(body, brandId) {
			const pc = pathCoupon(ctx, brandId);
			requireCouponState(pc, ['EFFECTIVE']);
			checkDisplayInfo(body.display_info, pc.scope);
			pc.display_info = JSON.parse(JSON.stringify(body.display_info));
			return { answer: ctx.world.catalog.productCouponView(pc, isPartner(ctx)) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function deactivate(ctx) {
	return write(ctx, {
		kind: 'deactivateProductCoupon',
		schema: BODIES.deactivate,
		numberField: 'out_request_no',
		apply(body, brandId) {
			const catalog = ctx.world.catalog;
			const pc = pathCoupon(ctx, brandId);
			requireCouponState(pc, ['EFFECTIVE']);
			const deactivation = { request_no: body.out_request_no, ms: ctx.nowMs, reason: body.deactivate_reason };
			pc.state = 'DEACTIVATED';
			pc.deactivation = deactivation;
			for (const stock of catalog.stocksOf(pc)) {
				if (stock.state === 'DEACTIVATED') continue;
				stock.state = 'DEACTIVATED';
				stock.deactivation = { ...deactivation };
			}
			return { answer: catalog.productCouponView(pc, isPartner(ctx)) };
		},
	});
}

/** @type {import('../router').RouteSpec[]} */
const PRODUCT_COUPON_ROUTES = [
	{ method: 'POST', path: '/product-coupons', rateClass: 'management', handler: create },
	{ method: 'GET', path: '/product-coupons/{product_coupon_id}', rateClass: 'management', handler: get },
	{ method: 'PATCH', path: '/product-coupons/{product_coupon_id}', rateClass: 'management', handler: update },
	{ method: 'POST', path: '/product-coupons/{product_coupon_id}/deactivate', rateClass: 'management', handler: deactivate },
];

module.exports = { PRODUCT_COUPON_ROUTES, queueAudits };
