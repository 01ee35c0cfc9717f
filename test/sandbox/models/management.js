// @ts-check
'use strict';
/**
 * Plumbing shared by the management endpoints (#4–#24), in the order of the user-coupon writes:
 *   path parameters → query (none on writes) → body fields (brand_id REQUIRED for service providers, refused for
 *   brands) → rules between fields → images from #3 → brand (partner: authorised, else 403 NO_AUTH 268579803)
 *   → AppIDs bound to the brand (268578704) → request-number replay → the objects named (404 268578608)
 *   → state rules → apply → answer (remembered for replays) → what happens after the answer.
 */
const { NUMERIC, invalidRequest, notFound } = require('../errors');
const { checkPathParams, readJsonBody, readQuery } = require('../fields');
const { json, isPartner, withBrand, brandOf, productCoupon, stockOf } = require('./userCouponAccess');
const { checkImages } = require('./productCouponRules');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('../fields').Schema} Schema
 * @typedef {import('./catalog').ProductCoupon} ProductCoupon
 * @typedef {import('./catalog').Stock} Stock
 * @typedef {import('./catalog').StockBundle} StockBundle
 */

/**
 * @param {HandlerContext} ctx
 * @param {{ kind: string, schema: Schema, numberField?: string, check?: (body: Record<string, any>) => void,
 *   appids?: (body: Record<string, any>) => Array<string | undefined>,
 *   apply: (body: Record<string, any>, brandId: string) => { answer: unknown, after?: () => void } }} spec
 *   numberField: the request number that makes the call idempotent (out_request_no, task_id); none for the store
 *   association calls; appids: AppIDs of the body that must be bound to the brand
 * @returns {HandlerAnswer}
 */
function write(ctx, spec) {
	checkPathParams(ctx.params);
	readQuery(ctx.query, {});
	const body = readJsonBody(ctx.body, withBrand(spec.schema, isPartner(ctx)));
	if (spec.check) spec.check(body);
	checkImages(ctx, body);
	const brandId = brandOf(ctx, body.brand_id);
	for (const appid of spec.appids ? spec.appids(body) : []) if (appid !== undefined) requireBoundAppid(ctx, brandId, appid);
	const scope = `${ctx.account.id}|${brandId}`;
	const request = { params: ctx.params, body };
	if (spec.numberField) {
		const first = ctx.world.requestNumbers.replay(scope, spec.kind, body[spec.numberField], request);
		if (first) return { status: 200, body: first };
	}
	const { answer, after } = spec.apply(body, brandId);
	const bytes = json(answer);
	if (spec.numberField) ctx.world.requestNumbers.remember(scope, spec.kind, body[spec.numberField], request, bytes);
	if (after) after();
	return { status: 200, body: bytes };
}

/** A read: path parameters, query (brand_id for service providers), brand. @param {HandlerContext} ctx @param {Schema} schema */
function read(ctx, schema) {
	checkPathParams(ctx.params);
	const query = readQuery(ctx.query, withBrand(schema, isPartner(ctx)));
	return { query, brandId: brandOf(ctx, query.brand_id) };
}

/** @param {HandlerContext} ctx @param {string} brandId @param {string} appid */
function requireBoundAppid(ctx, brandId, appid) {
	if (!ctx.world.catalog.appidBound(brandId, appid)) throw invalidRequest('AppID非法', `appid ${appid} is not bound to brand ${brandId}`, NUMERIC.appidIllegal);
}

/** The path's product coupon. @param {HandlerContext} ctx @param {string} brandId @returns {ProductCoupon} */
const pathCoupon = (ctx, brandId) => productCoupon(ctx, brandId, ctx.params.product_coupon_id);

/** The path's stock of the path's product coupon. @param {HandlerContext} ctx @param {string} brandId @returns {Stock} */
const pathStock = (ctx, brandId) => stockOf(ctx, pathCoupon(ctx, brandId), ctx.params.stock_id);

/** The path's stock bundle of the path's product coupon. @param {HandlerContext} ctx @param {string} brandId @returns {StockBundle} */
function pathBundle(ctx, brandId) {
	const pc = pathCoupon(ctx, brandId);
	const bundle = ctx.world.catalog.bundleOf(pc, ctx.params.stock_bundle_id);
	if (!bundle) throw notFound('批次组不存在', `stock bundle ${ctx.params.stock_bundle_id} does not exist in product coupon ${pc.product_coupon_id}`, NUMERIC.objectNotFound);
	return bundle;
}

/** @param {string} what @param {string} state @param {string[]} allowed */
function stateError(what, state, allowed) {
	return invalidRequest(`${what}状态不正确`, `${what === '商品券' ? 'the product coupon' : what === '批次' ? 'the stock' : 'the stock bundle'} is ${state}; allowed: ${allowed.join(', ')}`, NUMERIC.stateIllegal);
}

/** @param {ProductCoupon} pc @param {string[]} allowed */
function requireCouponState(pc, allowed) {
	if (!allowed.includes(pc.state)) throw stateError('商品券', pc.state, allowed);
}

/** @param {HandlerContext} ctx @param {Stock} stock @param {string[]} allowed */
function requireStockState(ctx, stock, allowed) {
	const state = ctx.world.catalog.stockState(stock, ctx.nowMs);
	if (!allowed.includes(state)) throw stateError('批次', state, allowed);
}

module.exports = { write, read, requireBoundAppid, pathCoupon, pathStock, pathBundle, requireCouponState, requireStockState, stateError };
