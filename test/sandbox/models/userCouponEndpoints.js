// @ts-check
'use strict';
/**
 * The user-coupon writes #25–#28 and #31–#35 of the digest (the reads #29/#30 are in userCouponReads.js) and
 * their routes. Each write checks, in this order: path parameters → query (none) → body fields → brand (partner:
 * brand_id must have authorised this service provider) → appid bound to the brand → request-number replay → the
 * objects named (userCouponAccess.js) → state rules → apply → answer. Nothing is applied before every check passed.
 */
const { NUMERIC, invalidRequest, notFound, paramError } = require('../errors');
const { APPID, SAFE, SAFE_CHARS, checkPathParams, numericId, parseRfc3339, readJsonBody, readQuery, requestNo, text } = require('../fields');
const { requireState } = require('./userCoupons');
const { json, isPartner, withBrand, brandOf, requireAppid, productCoupon, stockOf, userCouponNotFound, locateCoupon, view, couponStateOf } = require('./userCouponAccess');
const { get, list } = require('./userCouponReads');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('../fields').Schema} Schema
 * @typedef {import('./userCoupons').UserCoupon} UserCoupon
 * @typedef {import('./catalog').Stock} Stock
 * @typedef {import('./catalog').ProductCoupon} ProductCoupon
 */

const ORDER_NO = /^[0-9A-Za-z_\-|*]+$/; // out_trade_no / out_order_no characters (payment APIs)
/** @type {import('../fields').Rule} */
const MCHID = { type: 'string', max: 32, pattern: /^\d+$/, chars: 'digits' };
/** @type {import('../fields').Rule} */
const COUPON_CODE = { type: 'string', max: 40, pattern: SAFE, chars: SAFE_CHARS };
/** @type {import('../fields').Rule} */
const COUPON_TAG_INFO = {
	type: 'object',
	fields: {
		coupon_tag_list: { type: 'array', required: true, minItems: 1, maxItems: 1, items: { type: 'string', enum: ['MEMBER'] } },
		member_tag_info: { type: 'object', fields: { member_card_id: { type: 'string', required: true, max: 64, pattern: SAFE, chars: SAFE_CHARS } } },
	},
};
const UC = { product_coupon_id: numericId(), stock_id: numericId(), appid: APPID };
const OUT_REQUEST_NO = requestNo(6, 40);

/** Body schemas, without brand_id (added for service providers). */
const BODIES = /** @type {Record<string, Schema>} */ ({
	send: { product_coupon_id: numericId(), stock_id: numericId(), appid: APPID, send_request_no: requestNo(6, 128), coupon_code: COUPON_CODE, attach: text(150, false), coupon_tag_info: COUPON_TAG_INFO },
	preSend: { product_coupon_id: numericId(), stock_id: numericId(), appid: APPID, send_request_no: requestNo(6, 40), coupon_code: COUPON_CODE, attach: text(150, false) },
	sendBundle: { product_coupon_id: numericId(), stock_bundle_id: numericId(), appid: APPID, send_request_no: requestNo(6, 128), attach: text(150, false), coupon_tag_info: COUPON_TAG_INFO },
	preSendBundle: { product_coupon_id: numericId(), stock_bundle_id: numericId(), appid: APPID, send_request_no: requestNo(6, 40), attach: text(150, false) },
	confirm: { ...UC, out_request_no: OUT_REQUEST_NO },
	use: {
		...UC,
		use_time: { type: 'string', required: true, max: 32, time: true },
		out_request_no: OUT_REQUEST_NO,
		store_id: { type: 'string', max: 32, pattern: SAFE, chars: SAFE_CHARS },
		associated_order_info: {
			type: 'object',
			fields: { transaction_id: { type: 'string', max: 32, pattern: /^\d+$/, chars: 'digits' }, out_trade_no: { type: 'string', min: 6, max: 32, pattern: ORDER_NO, chars: 'digits, letters, _ - | *' }, mchid: MCHID, sub_mchid: MCHID },
		},
		associated_pay_score_order_info: {
			type: 'object',
			fields: { order_id: { type: 'string', max: 64, pattern: SAFE, chars: SAFE_CHARS }, out_order_no: { type: 'string', min: 6, max: 32, pattern: ORDER_NO, chars: 'digits, letters, _ - | *' }, mchid: MCHID, sub_mchid: MCHID },
		},
	},
	return: { ...UC, out_request_no: OUT_REQUEST_NO },
	deactivate: { ...UC, out_request_no: OUT_REQUEST_NO, deactivate_reason: text(150) },
	deactivateBundle: { product_coupon_id: numericId(), stock_bundle_id: numericId(), appid: APPID, out_request_no: OUT_REQUEST_NO, deactivate_reason: text(150) },
});

/**
 * The shared shape of every POST: checks, request-number replay, apply, remember, callbacks.
 * @param {HandlerContext} ctx
 * @param {{ kind: string, numberField: string, check?: (body: Record<string, any>) => void,
 *   apply: (body: Record<string, any>, brandId: string) => { answer: unknown, sent?: UserCoupon[] } }} spec
 * @returns {HandlerAnswer}
 */
function mutation(ctx, spec) {
	checkPathParams(ctx.params);
	readQuery(ctx.query, {});
	const body = readJsonBody(ctx.body, withBrand(BODIES[spec.kind], isPartner(ctx)));
	if (spec.check) spec.check(body);
	const brandId = brandOf(ctx, body.brand_id);
	requireAppid(ctx, brandId, body.appid);
	const scope = `${ctx.account.id}|${brandId}`;
	const number = body[spec.numberField];
	const request = { params: ctx.params, body };
	const first = ctx.world.requestNumbers.replay(scope, spec.kind, number, request);
	if (first) return { status: 200, body: first };
	const { answer, sent } = spec.apply(body, brandId);
	const bytes = json(answer);
	ctx.world.requestNumbers.remember(scope, spec.kind, number, request, bytes);
	if (sent && sent.length > 0) ctx.events.couponsSent(ctx.account, sent);
	return { status: 200, body: bytes };
}

/** @param {Record<string, any>} body */
function checkCouponTag(body) {
	const tag = body.coupon_tag_info;
	if (tag === undefined) return;
	const member = tag.coupon_tag_list.includes('MEMBER');
	if (member && tag.member_tag_info === undefined) throw paramError('coupon_tag_info.member_tag_info', 'body', 'coupon_tag_info.member_tag_info is required with the MEMBER tag');
	if (!member && tag.member_tag_info !== undefined) throw paramError('coupon_tag_info.member_tag_info', 'body', 'coupon_tag_info.member_tag_info is only allowed with the MEMBER tag');
}

/** exactly one way of naming the order (digest §2 #32) @param {Record<string, any>} body */
function checkUseOrder(body) {
	const order = body.associated_order_info;
	const score = body.associated_pay_score_order_info;
	if ((order === undefined) === (score === undefined)) {
		throw paramError('associated_order_info', 'body', 'exactly one of associated_order_info and associated_pay_score_order_info is required');
	}
	if (order) oneOrderId(order, 'associated_order_info', 'transaction_id', 'out_trade_no');
	if (score) oneOrderId(score, 'associated_pay_score_order_info', 'order_id', 'out_order_no');
}

/** `{idField}` alone, or `{outField, mchid, sub_mchid?}` @param {Record<string, unknown>} o @param {string} name @param {string} idField @param {string} outField */
function oneOrderId(o, name, idField, outField) {
	if ((o[idField] === undefined) === (o[outField] === undefined)) throw paramError(name, 'body', `${name} needs exactly one of ${idField} and ${outField}`);
	if (o[outField] !== undefined && o.mchid === undefined) throw paramError(`${name}.mchid`, 'body', `${name}.mchid is required with ${outField}`);
	if (o[idField] !== undefined && (o.mchid !== undefined || o.sub_mchid !== undefined)) throw paramError(name, 'body', `${name}.${idField} stands alone: mchid / sub_mchid go with ${outField}`);
}

// ---------------------------------------------------------------- #25 send, #26 pre-send

/** @param {HandlerContext} ctx @param {Record<string, any>} body @param {string} brandId @returns {Stock} */
function sendableStock(ctx, body, brandId) {
	const stock = stockOf(ctx, productCoupon(ctx, brandId, body.product_coupon_id), body.stock_id);
	if (stock.stock_bundle_id) {
		throw invalidRequest('批次组内的批次请使用发放批次组接口', `stock ${stock.stock_id} belongs to stock bundle ${stock.stock_bundle_id}; send the bundle instead`, NUMERIC.fieldRuleViolated);
	}
	ctx.world.coupons.checkIssue(ctx.world.catalog, stock, ctx.params.openid, ctx.nowMs, body.coupon_code);
	return stock;
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function send(ctx) {
	return mutation(ctx, {
		kind: 'send',
		numberField: 'send_request_no',
		check: checkCouponTag,
		apply(body, brandId) {
			const stock = sendableStock(ctx, body, brandId);
			const c = ctx.world.coupons.issue(ctx.world.catalog, stock, issueRequest(ctx, body, brandId, 'API'), ctx.nowMs);
			return { answer: view(ctx, c), sent: [c] };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function preSend(ctx) {
	return mutation(ctx, {
		kind: 'preSend',
		numberField: 'send_request_no',
		apply(body, brandId) {
			sendableStock(ctx, body, brandId);
			return { answer: { token: newToken(ctx, body, brandId) } };
		},
	});
}

/** @param {HandlerContext} ctx @param {Record<string, any>} body @param {string} brandId @param {string} channel @returns {import('./userCoupons').IssueRequest} */
function issueRequest(ctx, body, brandId, channel) {
	return {
		ownerId: ctx.account.id,
		brandId,
		openid: ctx.params.openid,
		appid: body.appid,
		sendRequestNo: body.send_request_no,
		channel,
		couponCode: body.coupon_code,
		attach: body.attach,
		couponTagInfo: body.coupon_tag_info,
	};
}

/** @param {HandlerContext} ctx @param {Record<string, any>} body @param {string} brandId */
function newToken(ctx, body, brandId) {
	return ctx.world.coupons.newToken({
		accountId: ctx.account.id,
		brand_id: brandId,
		openid: ctx.params.openid,
		appid: body.appid,
		product_coupon_id: body.product_coupon_id,
		...(body.stock_id !== undefined ? { stock_id: body.stock_id } : { stock_bundle_id: body.stock_bundle_id }),
		send_request_no: body.send_request_no,
		...(body.coupon_code !== undefined ? { coupon_code: body.coupon_code } : {}),
		...(body.attach !== undefined ? { attach: body.attach } : {}),
	});
}

// ---------------------------------------------------------------- #27 send bundle, #28 pre-send bundle

/** @param {HandlerContext} ctx @param {Record<string, any>} body @param {string} brandId @returns {Stock[]} the rounds, in order */
function sendableBundle(ctx, body, brandId) {
	const pc = productCoupon(ctx, brandId, body.product_coupon_id);
	const bundle = ctx.world.catalog.bundleOf(pc, body.stock_bundle_id);
	if (!bundle) throw notFound('批次组不存在', `stock bundle ${body.stock_bundle_id} does not exist in product coupon ${pc.product_coupon_id}`, NUMERIC.objectNotFound);
	const stocks = bundle.stockIds.map((id) => /** @type {Stock} */ (ctx.world.catalog.stocks.get(id)));
	for (const stock of stocks) ctx.world.coupons.checkIssue(ctx.world.catalog, stock, ctx.params.openid, ctx.nowMs, undefined);
	return stocks;
}

/** @param {HandlerContext} ctx @param {import('./userCoupons').UserBundle} bundle */
const bundleAnswer = (ctx, bundle) => ({ user_coupon_bundle_id: bundle.user_coupon_bundle_id, user_product_coupon_list: bundle.coupons.map((c) => view(ctx, c)) });

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function sendBundle(ctx) {
	return mutation(ctx, {
		kind: 'sendBundle',
		numberField: 'send_request_no',
		check: checkCouponTag,
		apply(body, brandId) {
			const stocks = sendableBundle(ctx, body, brandId);
			const bundle = ctx.world.coupons.issueBundle(ctx.world.catalog, stocks, issueRequest(ctx, body, brandId, 'API'), ctx.nowMs);
			return { answer: bundleAnswer(ctx, bundle), sent: bundle.coupons };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function preSendBundle(ctx) {
	return mutation(ctx, {
		kind: 'preSendBundle',
		numberField: 'send_request_no',
		apply(body, brandId) {
			sendableBundle(ctx, body, brandId);
			return { answer: { token: newToken(ctx, body, brandId) } };
		},
	});
}

// ---------------------------------------------------------------- #31 confirm, #32 use, #33 return, #34 deactivate

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function confirm(ctx) {
	return mutation(ctx, {
		kind: 'confirm',
		numberField: 'out_request_no',
		apply(body, brandId) {
			const c = locateCoupon(ctx, brandId, /** @type {any} */ (body));
			requireState(c, ctx.nowMs, ['CONFIRMING'], 'confirm');
			c.status = 'CONFIRMED';
			c.confirm_request_no = body.out_request_no;
			c.confirmMs = ctx.nowMs;
			return { answer: view(ctx, c) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function use(ctx) {
	return mutation(ctx, {
		kind: 'use',
		numberField: 'out_request_no',
		check: checkUseOrder,
		apply(body, brandId) {
			const c = locateCoupon(ctx, brandId, /** @type {any} */ (body));
			requireState(c, ctx.nowMs, ['EFFECTIVE'], 'use');
			const bundle = ctx.world.coupons.bundleOf(c);
			const earlier = bundle ? bundle.coupons.find((x) => /** @type {number} */ (x.bundle_index) < /** @type {number} */ (c.bundle_index) && x.status !== 'USED') : undefined;
			if (earlier) {
				throw invalidRequest('用户商品券状态不正确', `round ${c.bundle_index} of the bundle becomes usable after round ${earlier.bundle_index} is used`, NUMERIC.stateIllegal);
			}
			const useMs = /** @type {number} */ (parseRfc3339(body.use_time));
			if (useMs < c.beginMs || useMs > c.endMs) throw invalidRequest('核销时间不在用户商品券的有效期内', `use_time ${body.use_time} is outside the coupon's validity`, NUMERIC.outsideValidity);
			c.status = 'USED';
			c.usage = {
				use_request_no: body.out_request_no,
				use_time: body.use_time,
				...(body.associated_order_info ? { associated_order_info: body.associated_order_info } : {}),
				...(body.associated_pay_score_order_info ? { associated_pay_score_order_info: body.associated_pay_score_order_info } : {}),
				...(body.store_id !== undefined ? { store_id: body.store_id } : {}),
			};
			return { answer: view(ctx, c) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function returnCoupon(ctx) {
	return mutation(ctx, {
		kind: 'return',
		numberField: 'out_request_no',
		apply(body, brandId) {
			const c = locateCoupon(ctx, brandId, /** @type {any} */ (body));
			requireState(c, ctx.nowMs, ['USED'], 'return');
			const bundle = ctx.world.coupons.bundleOf(c);
			if (bundle && bundle.coupons.some((x) => /** @type {number} */ (x.bundle_index) > /** @type {number} */ (c.bundle_index) && x.status === 'USED')) {
				throw invalidRequest('用户商品券状态不正确', 'only the most recently used coupon of a bundle can be returned', NUMERIC.stateIllegal);
			}
			c.status = 'CONFIRMED';
			const usage = /** @type {import('./userCoupons').Usage} */ (c.usage);
			usage.return_request_no = body.out_request_no;
			usage.returnMs = ctx.nowMs;
			return { answer: view(ctx, c) };
		},
	});
}

/** @param {UserCoupon} c @param {Record<string, any>} body @param {number} nowMs */
function deactivateOne(c, body, nowMs) {
	c.status = 'DEACTIVATED';
	c.deactivate_request_no = body.out_request_no;
	c.deactivateMs = nowMs;
	c.deactivate_reason = body.deactivate_reason;
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function deactivate(ctx) {
	return mutation(ctx, {
		kind: 'deactivate',
		numberField: 'out_request_no',
		apply(body, brandId) {
			const c = locateCoupon(ctx, brandId, /** @type {any} */ (body));
			requireState(c, ctx.nowMs, ['CONFIRMING', 'PENDING', 'EFFECTIVE'], 'deactivate');
			deactivateOne(c, body, ctx.nowMs);
			return { answer: view(ctx, c) };
		},
	});
}

// ---------------------------------------------------------------- #35 deactivate a user's bundle

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function deactivateBundle(ctx) {
	return mutation(ctx, {
		kind: 'deactivateBundle',
		numberField: 'out_request_no',
		apply(body, brandId) {
			const pc = productCoupon(ctx, brandId, body.product_coupon_id);
			if (!ctx.world.catalog.bundleOf(pc, body.stock_bundle_id)) {
				throw notFound('批次组不存在', `stock bundle ${body.stock_bundle_id} does not exist in product coupon ${pc.product_coupon_id}`, NUMERIC.objectNotFound);
			}
			const bundle = ctx.world.coupons.bundles.get(ctx.params.user_coupon_bundle_id);
			if (!bundle || bundle.ownerId !== ctx.account.id || bundle.brand_id !== brandId || bundle.openid !== ctx.params.openid || bundle.appid !== body.appid || bundle.stock_bundle_id !== body.stock_bundle_id) {
				throw userCouponNotFound(ctx, `no user coupon bundle ${ctx.params.user_coupon_bundle_id} of stock bundle ${body.stock_bundle_id} for this openid and appid`);
			}
			const open = ['CONFIRMING', 'PENDING', 'EFFECTIVE'];
			const targets = bundle.coupons.filter((c) => open.includes(couponStateOf(ctx, c)));
			if (targets.length === 0) throw invalidRequest('用户商品券状态不正确', 'no coupon of this bundle is CONFIRMING, PENDING or EFFECTIVE', NUMERIC.stateIllegal);
			for (const c of targets) deactivateOne(c, body, ctx.nowMs);
			return { answer: bundleAnswer(ctx, bundle) };
		},
	});
}

// ---------------------------------------------------------------- the user claims a pre-send token

/**
 * What the mini-program 领券组件 does with a token of #26/#28: the coupon (or bundle) is issued now, with
 * send_channel RECEIVE_COMPONENT, after the same checks as a send; a token is claimed once.
 * @param {import('./world').World} world @param {import('../accounts').AccountRegistry} accounts @param {string} token
 * @param {number} nowMs @param {import('./world').Events} events @param {import('../router').Settings} settings
 * @returns {unknown} UCPN, or `{user_coupon_bundle_id, user_product_coupon_list}`
 */
function claimToken(world, accounts, token, nowMs, events, settings) {
	const t = world.coupons.tokens.get(token);
	if (!t) throw new Error('sandbox: unknown pre-send token');
	if (t.claimed) throw new Error('sandbox: this pre-send token was already claimed');
	const account = accounts.resolve(t.accountId);
	/** @type {HandlerContext} */
	const ctx = { account, accountType: account.accountType, method: 'POST', url: '', params: { openid: t.openid }, query: null, body: Buffer.alloc(0), nowMs, world, events, settings };
	const body = /** @type {Record<string, any>} */ (t);
	const request = issueRequest(ctx, body, t.brand_id, 'RECEIVE_COMPONENT');
	if (t.stock_id !== undefined) {
		const stock = sendableStock(ctx, body, t.brand_id);
		const c = world.coupons.issue(world.catalog, stock, request, nowMs);
		t.claimed = true;
		events.couponsSent(account, [c]);
		return view(ctx, c);
	}
	const bundle = world.coupons.issueBundle(world.catalog, sendableBundle(ctx, body, t.brand_id), request, nowMs);
	t.claimed = true;
	events.couponsSent(account, bundle.coupons);
	return bundleAnswer(ctx, bundle);
}

/** Routes, relative to each account type's prefix. @type {import('../router').RouteSpec[]} */
const USER_COUPON_ROUTES = [
	{ method: 'POST', path: '/users/{openid}/coupons', rateClass: 'userCoupon', handler: send },
	{ method: 'GET', path: '/users/{openid}/coupons', rateClass: 'userCoupon', handler: list },
	{ method: 'POST', path: '/users/{openid}/pre-send-coupon', rateClass: 'userCoupon', handler: preSend },
	{ method: 'POST', path: '/users/{openid}/coupon-bundles', rateClass: 'userCoupon', handler: sendBundle },
	{ method: 'POST', path: '/users/{openid}/pre-send-coupon-bundle', rateClass: 'userCoupon', handler: preSendBundle },
	{ method: 'GET', path: '/users/{openid}/coupons/{coupon_code}', rateClass: 'userCoupon', handler: get },
	{ method: 'POST', path: '/users/{openid}/coupons/{coupon_code}/confirm', rateClass: 'userCoupon', handler: confirm },
	{ method: 'POST', path: '/users/{openid}/coupons/{coupon_code}/use', rateClass: 'userCoupon', handler: use },
	{ method: 'POST', path: '/users/{openid}/coupons/{coupon_code}/return', rateClass: 'userCoupon', handler: returnCoupon },
	{ method: 'POST', path: '/users/{openid}/coupons/{coupon_code}/deactivate', rateClass: 'userCoupon', handler: deactivate },
	{ method: 'POST', path: '/users/{openid}/coupon-bundles/{user_coupon_bundle_id}/deactivate', rateClass: 'userCoupon', handler: deactivateBundle },
];

module.exports = { USER_COUPON_ROUTES, BODIES, claimToken };
