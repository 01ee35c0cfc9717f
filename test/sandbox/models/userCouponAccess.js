// @ts-check
'use strict';
/**
 * How a user-coupon request names its objects, shared by the reads and the writes: the brand (service providers
 * name it and must be authorised by it; brands are it), the AppID bound to that brand, the product coupon and stock
 * of this account and brand, the user coupon of that stock received by that openid under that AppID.
 */
const { NUMERIC, invalidRequest, notFound, noAuth } = require('../errors');
const { numericId } = require('../fields');
const { couponState, couponView } = require('./userCoupons');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('../fields').Schema} Schema
 * @typedef {import('./userCoupons').UserCoupon} UserCoupon
 * @typedef {import('./catalog').Stock} Stock
 * @typedef {import('./catalog').ProductCoupon} ProductCoupon
 */

/** @param {unknown} value */
const json = (value) => Buffer.from(JSON.stringify(value), 'utf8');
/** @param {HandlerContext} ctx */
const isPartner = (ctx) => ctx.accountType === 'serviceProvider';
/** @param {Schema} schema @param {boolean} partner @returns {Schema} brand_id REQUIRED for service providers, refused (unknown) for brands */
const withBrand = (schema, partner) => (partner ? { brand_id: numericId(), ...schema } : schema);

/** @param {HandlerContext} ctx @param {string | undefined} given @returns {string} */
function brandOf(ctx, given) {
	if (!isPartner(ctx)) return ctx.account.id;
	const brandId = /** @type {string} */ (given);
	if (!ctx.world.catalog.isAuthorised(brandId, ctx.account.id)) throw noAuth(`brand ${brandId} has not authorised service provider ${ctx.account.id}`);
	return brandId;
}

/** @param {HandlerContext} ctx @param {string} brandId @param {string} appid */
function requireAppid(ctx, brandId, appid) {
	if (!ctx.world.catalog.appidBound(brandId, appid)) throw invalidRequest('AppID非法', `appid ${appid} is not bound to brand ${brandId}`, NUMERIC.appidIllegal);
}

/** @param {HandlerContext} ctx @param {string} brandId @param {string} id @returns {ProductCoupon} */
function productCoupon(ctx, brandId, id) {
	const pc = ctx.world.catalog.productCouponFor(ctx.account.id, brandId, id);
	if (!pc) throw notFound('商品券不存在', `product coupon ${id} does not exist for this account and brand`, NUMERIC.objectNotFound);
	return pc;
}

/** @param {HandlerContext} ctx @param {ProductCoupon} pc @param {string} id @returns {Stock} */
function stockOf(ctx, pc, id) {
	const stock = ctx.world.catalog.stockOf(pc, id);
	if (!stock) throw notFound('批次不存在', `stock ${id} does not exist in product coupon ${pc.product_coupon_id}`, NUMERIC.objectNotFound);
	return stock;
}

/** @param {HandlerContext} ctx @param {string} issue */
function userCouponNotFound(ctx, issue) {
	// brand pages document 268578851 for a missing user coupon; partners get the generic "object not found"
	return notFound('用户商品券不存在', issue, isPartner(ctx) ? NUMERIC.objectNotFound : NUMERIC.userCouponNotFound);
}

/**
 * The user coupon named by path + body/query: product coupon and stock of this account and brand, coupon of that
 * stock with that code, received by that openid under that appid.
 * @param {HandlerContext} ctx @param {string} brandId @param {{ product_coupon_id: string, stock_id: string, appid: string }} q @returns {UserCoupon}
 */
function locateCoupon(ctx, brandId, q) {
	const pc = productCoupon(ctx, brandId, q.product_coupon_id);
	const stock = stockOf(ctx, pc, q.stock_id);
	const c = ctx.world.coupons.find(ctx.account.id, brandId, stock.stock_id, ctx.params.coupon_code);
	if (!c || c.openid !== ctx.params.openid || c.appid !== q.appid) {
		throw userCouponNotFound(ctx, `no coupon ${ctx.params.coupon_code} of stock ${stock.stock_id} for this openid and appid`);
	}
	return c;
}

/** @param {HandlerContext} ctx @param {UserCoupon} c */
const view = (ctx, c) => couponView(ctx.world.catalog, ctx.world.coupons, c, isPartner(ctx), ctx.nowMs);

/** @param {HandlerContext} ctx @param {UserCoupon} c */
const couponStateOf = (ctx, c) => couponState(c, ctx.nowMs);

module.exports = { json, isPartner, withBrand, brandOf, requireAppid, productCoupon, stockOf, userCouponNotFound, locateCoupon, view, couponStateOf };
