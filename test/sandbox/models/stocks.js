// @ts-check
'use strict';
/**
 * Stocks (批次) of a SINGLE-mode product coupon: #10 add (EFFECTIVE product coupon, ≤ 200 live stocks), #11 list
 * (state / stock_bundle_id filters, page_size 1–50), #12 get, #13 update (PATCH; SENDING or PAUSED; not a bundle's
 * stock), #14 update the budget (one dimension per call; current_* must be the current value; target ≥ what was
 * sent; a per-day limit cannot be switched on or off), #15 deactivate (SENDING or PAUSED), #19 upload coupon codes
 * (coupon_code_mode UPLOAD; not STOPPED or DEACTIVATED; ≤ 200 per call; a stock holds at most max_count uploaded
 * codes, the rest go to failed_code_list — as 商家券 code uploads are capped by the stock's total; the digest is silent). A new stock is AUDITING, then SENDING
 * (catalog.js: audits); only a SENDING stock issues (#25).
 */
const { NUMERIC, invalidRequest, paramError } = require('../errors');
const { numericId } = require('../fields');
const { isPartner } = require('./userCouponAccess');
const { pageTokens } = require('./userCouponReads');
const { BODIES, checkStock, checkUsageDisplay, notifyAppidOf } = require('./productCouponRules');
const { write, read, pathCoupon, pathStock, requireCouponState, requireStockState } = require('./management');
const { queueAudits } = require('./productCoupons');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {import('./catalog').Stock} Stock
 * @typedef {import('./catalog').ProductCoupon} ProductCoupon
 */

const MAX_LIVE_STOCKS = 200;
const STOCK_STATES = ['AUDITING', 'SENDING', 'PAUSED', 'STOPPED', 'DEACTIVATED'];
const UPDATE_FIELDS = ['remark', 'usage_rule_display_info', 'coupon_display_info', 'notify_config', 'store_scope'];

/** @param {unknown} value */
const json = (value) => Buffer.from(JSON.stringify(value), 'utf8');
/** @param {HandlerContext} ctx @param {Stock} stock */
const stockAnswer = (ctx, stock) => ctx.world.catalog.stockView(stock, isPartner(ctx), ctx.nowMs);

/** ≤ 200 live stocks per product coupon (no numeric code documented). @param {HandlerContext} ctx @param {ProductCoupon} pc @param {number} adding */
function requireRoomFor(ctx, pc, adding) {
	const live = ctx.world.catalog.liveStockCount(pc, ctx.nowMs);
	if (live + adding > MAX_LIVE_STOCKS) {
		throw invalidRequest('商品券的批次数量已达上限', `product coupon ${pc.product_coupon_id} has ${live} live stock(s); at most ${MAX_LIVE_STOCKS} (adding ${adding})`);
	}
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function addStock(ctx) {
	return write(ctx, {
		kind: 'addStock',
		schema: BODIES.addStock,
		numberField: 'out_request_no',
		appids: (body) => [notifyAppidOf(body.stock)],
		apply(body, brandId) {
			const pc = pathCoupon(ctx, brandId);
			requireCouponState(pc, ['EFFECTIVE']);
			if (pc.usage_mode !== 'SINGLE') {
				throw invalidRequest('多次优惠商品券请添加批次组', `product coupon ${pc.product_coupon_id} is PROGRESSIVE_BUNDLE: add a stock bundle (POST …/stock-bundles)`, NUMERIC.fieldRuleViolated);
			}
			checkStock(body.stock, pc, ctx.nowMs);
			requireRoomFor(ctx, pc, 1);
			const stock = ctx.world.catalog.createStock(pc, body.stock);
			queueAudits(ctx, [stock]);
			return { answer: stockAnswer(ctx, stock) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function listStocks(ctx) {
	const { query, brandId } = read(ctx, {
		state: { type: 'string', enum: STOCK_STATES },
		page_size: { type: 'integer', min: 1, max: 50 },
		page_token: { type: 'string', max: 512, pattern: /^[0-9A-Za-z_.-]+$/, chars: 'the characters of a page_token this endpoint returned' },
		stock_bundle_id: numericId(false),
	});
	const pc = pathCoupon(ctx, brandId);
	const catalog = ctx.world.catalog;
	const pageSize = query.page_size !== undefined ? Number(query.page_size) : 20;
	const queryKey = `stocks|${ctx.account.id}|${pc.product_coupon_id}|${query.state || ''}|${query.stock_bundle_id || ''}`;
	const offset = query.page_token !== undefined ? pageTokens.read(ctx.world.pageSecret, query.page_token, queryKey) : 0;
	const matching = catalog
		.stocksOf(pc)
		.filter((s) => (query.state === undefined || catalog.stockState(s, ctx.nowMs) === query.state) && (query.stock_bundle_id === undefined || s.stock_bundle_id === query.stock_bundle_id));
	const next = offset + pageSize < matching.length ? { next_page_token: pageTokens.make(ctx.world.pageSecret, offset + pageSize, queryKey) } : {};
	return { status: 200, body: json({ total_count: matching.length, ...next, stock_list: matching.slice(offset, offset + pageSize).map((s) => stockAnswer(ctx, s)) }) };
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function getStock(ctx) {
	const { brandId } = read(ctx, {});
	return { status: 200, body: json(stockAnswer(ctx, pathStock(ctx, brandId))) };
}

/** #13 / #21: at least one field, usage display rules. @param {Record<string, any>} body */
function checkUpdate(body) {
	if (!UPDATE_FIELDS.some((f) => body[f] !== undefined)) throw paramError('body', 'body', `nothing to update: give at least one of ${UPDATE_FIELDS.join(', ')}`);
	if (body.usage_rule_display_info !== undefined) checkUsageDisplay(body.usage_rule_display_info, 'usage_rule_display_info');
}

/** Replace what #13 / #21 gave, on each stock. @param {Stock[]} stocks @param {Record<string, any>} body */
function applyUpdate(stocks, body) {
	for (const stock of stocks) {
		if (body.remark !== undefined) stock.spec.remark = body.remark;
		for (const f of ['usage_rule_display_info', 'coupon_display_info', 'notify_config']) {
			if (body[f] !== undefined) /** @type {any} */ (stock.spec)[f] = JSON.parse(JSON.stringify(body[f]));
		}
		if (body.notify_config !== undefined) stock.notifyAppid = body.notify_config.notify_appid;
		if (body.store_scope !== undefined) stock.spec.store_scope = body.store_scope;
	}
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function updateStock(ctx) {
	return write(ctx, {
		kind: 'updateStock',
		schema: BODIES.updateStock,
		numberField: 'out_request_no',
		check: checkUpdate,
		appids: (body) => [notifyAppidOf(body)],
		apply(body, brandId) {
			const stock = pathStock(ctx, brandId);
			if (stock.stock_bundle_id) {
				throw invalidRequest('批次组内的批次请使用修改批次组接口', `stock ${stock.stock_id} belongs to stock bundle ${stock.stock_bundle_id}; update the bundle (PATCH …/stock-bundles/{id})`, NUMERIC.fieldRuleViolated);
			}
			requireStockState(ctx, stock, ['SENDING', 'PAUSED']);
			applyUpdate([stock], body);
			return { answer: stockAnswer(ctx, stock) };
		},
	});
}

/** #14 / #22: one dimension per call, with its pair. @param {Record<string, any>} body */
function checkBudget(body) {
	const [own, other] = body.update_mode === 'MAX_COUNT' ? [['current_max_count', 'target_max_count'], ['current_max_count_per_day', 'target_max_count_per_day']] : [['current_max_count_per_day', 'target_max_count_per_day'], ['current_max_count', 'target_max_count']];
	for (const f of own) if (body[f] === undefined) throw paramError(f, 'body', `${f} is required with update_mode ${body.update_mode}`);
	for (const f of other) if (body[f] !== undefined) throw paramError(f, 'body', `${f} does not go with update_mode ${body.update_mode} (one dimension per call)`);
}

/**
 * Apply a checked budget change to stocks that share one send rule (one stock, or a bundle's).
 * @param {HandlerContext} ctx @param {Stock[]} stocks @param {Record<string, any>} body
 */
function applyBudget(ctx, stocks, body) {
	const catalog = ctx.world.catalog;
	const rule = (/** @type {string} */ issue) => invalidRequest('发放预算修改不合法', issue, NUMERIC.fieldRuleViolated);
	if (body.update_mode === 'MAX_COUNT') {
		const current = stocks[0].maxCount;
		if (body.current_max_count !== current) throw rule(`current_max_count ${body.current_max_count} is not the current max_count ${current} (read it with the get call first)`);
		const sent = Math.max(...stocks.map((s) => s.sentTotal));
		if (body.target_max_count < sent) throw rule(`target_max_count ${body.target_max_count} is below the ${sent} coupon(s) already sent`);
		for (const s of stocks) s.maxCount = body.target_max_count;
		return;
	}
	const current = stocks[0].maxCountPerDay;
	if (current === undefined) throw rule('this stock has no max_count_per_day (unlimited); a per-day limit cannot be switched on');
	if (body.current_max_count_per_day !== current) throw rule(`current_max_count_per_day ${body.current_max_count_per_day} is not the current max_count_per_day ${current}`);
	const sentToday = Math.max(...stocks.map((s) => catalog.sentToday(s, ctx.nowMs)));
	if (body.target_max_count_per_day < sentToday) throw rule(`target_max_count_per_day ${body.target_max_count_per_day} is below the ${sentToday} coupon(s) already sent today`);
	for (const s of stocks) s.maxCountPerDay = body.target_max_count_per_day;
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function updateBudget(ctx) {
	return write(ctx, {
		kind: 'updateBudget',
		schema: BODIES.updateBudget,
		numberField: 'out_request_no',
		check: checkBudget,
		apply(body, brandId) {
			const stock = pathStock(ctx, brandId);
			requireStockState(ctx, stock, ['AUDITING', 'SENDING', 'PAUSED']);
			applyBudget(ctx, [stock], body);
			return { answer: stockAnswer(ctx, stock) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function deactivateStock(ctx) {
	return write(ctx, {
		kind: 'deactivateStock',
		schema: BODIES.deactivate,
		numberField: 'out_request_no',
		apply(body, brandId) {
			const stock = pathStock(ctx, brandId);
			requireStockState(ctx, stock, ['SENDING', 'PAUSED']);
			stock.state = 'DEACTIVATED';
			stock.deactivation = { request_no: body.out_request_no, ms: ctx.nowMs, reason: body.deactivate_reason };
			return { answer: stockAnswer(ctx, stock) };
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function uploadCodes(ctx) {
	return write(ctx, {
		kind: 'uploadCodes',
		schema: BODIES.uploadCodes,
		numberField: 'out_request_no',
		apply(body, brandId) {
			const stock = pathStock(ctx, brandId);
			if (stock.coupon_code_mode !== 'UPLOAD') {
				throw invalidRequest('批次的券Code分配模式不是UPLOAD', `stock ${stock.stock_id} has coupon_code_mode ${stock.coupon_code_mode}; codes are uploaded to UPLOAD stocks only`, NUMERIC.fieldRuleViolated);
			}
			requireStockState(ctx, stock, ['AUDITING', 'SENDING', 'PAUSED']);
			/** @type {Set<string>} */
			const seen = new Set();
			/** @type {string[]} */
			const success = [];
			/** @type {string[]} */
			const already = [];
			/** @type {string[]} */
			const duplicate = [];
			/** @type {Array<{ coupon_code: string, code: string, message: string }>} */
			const failed = [];
			for (const code of /** @type {string[]} */ (body.code_list)) {
				if (seen.has(code)) {
					if (!duplicate.includes(code)) duplicate.push(code);
					continue;
				}
				seen.add(code);
				if (stock.uploadedEver.has(code)) already.push(code);
				else if (stock.uploadedTotal + success.length >= stock.maxCount) failed.push({ coupon_code: code, code: 'INVALID_REQUEST', message: '上传的券Code总数超过批次的发放总数' });
				else success.push(code);
			}
			for (const code of success) {
				stock.uploadedCodes.push(code);
				stock.uploadedEver.add(code);
			}
			stock.uploadedTotal += success.length;
			return {
				answer: {
					total_count: seen.size,
					...(success.length > 0 ? { success_code_list: success } : {}),
					...(failed.length > 0 ? { failed_code_list: failed } : {}),
					...(already.length > 0 ? { already_exist_code_list: already } : {}),
					...(duplicate.length > 0 ? { duplicate_code_list: duplicate } : {}),
				},
			};
		},
	});
}

const STOCK = '/product-coupons/{product_coupon_id}/stocks/{stock_id}';
/** @type {import('../router').RouteSpec[]} */
const STOCK_ROUTES = [
	{ method: 'POST', path: '/product-coupons/{product_coupon_id}/stocks', rateClass: 'management', handler: addStock },
	{ method: 'GET', path: '/product-coupons/{product_coupon_id}/stocks', rateClass: 'management', handler: listStocks },
	{ method: 'GET', path: STOCK, rateClass: 'management', handler: getStock },
	{ method: 'PATCH', path: STOCK, rateClass: 'management', handler: updateStock },
	{ method: 'POST', path: `${STOCK}/update-budget`, rateClass: 'management', handler: updateBudget },
	{ method: 'POST', path: `${STOCK}/deactivate`, rateClass: 'management', handler: deactivateStock },
	{ method: 'POST', path: `${STOCK}/upload-coupon-codes`, rateClass: 'management', handler: uploadCodes },
];

module.exports = { STOCK_ROUTES, checkUpdate, applyUpdate, checkBudget, applyBudget, requireRoomFor, MAX_LIVE_STOCKS };
