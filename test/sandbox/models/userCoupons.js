// @ts-check
'use strict';
/**
 * User coupons (用户商品券) and their life cycle, digest §5/§6:
 *   send → CONFIRMING → confirm → PENDING (before valid_begin_time) / EFFECTIVE → use → USED → return → EFFECTIVE
 *   CONFIRMING / PENDING / EFFECTIVE → deactivate → DEACTIVATED;  past valid_end_time → EXPIRED (computed when read).
 * Stored status is one of CONFIRMING, CONFIRMED, USED, DEACTIVATED, DELETED; PENDING / EFFECTIVE / EXPIRED are
 * derived from the sandbox clock, so moving `now()` moves coupons through time without any timer.
 * Also: progressive bundles (a user bundle is one coupon per round, used in order) and pre-send tokens.
 */
const crypto = require('crypto');
const { beijingTime } = require('../signing');
const { NUMERIC, invalidRequest, paramError } = require('../errors');
const { DAY_MS } = require('./catalog');

/**
 * @typedef {import('./catalog').Catalog} Catalog
 * @typedef {import('./catalog').Stock} Stock
 * @typedef {{ use_request_no: string, use_time: string, associated_order_info?: Record<string, string>,
 *   associated_pay_score_order_info?: Record<string, string>, store_id?: string, return_request_no?: string, returnMs?: number }} Usage
 * @typedef {{ seq: number, ownerId: string, brand_id: string, openid: string, appid: string, product_coupon_id: string,
 *   stock_id: string, stock_bundle_id?: string, user_coupon_bundle_id?: string, bundle_index?: number, coupon_code: string,
 *   status: 'CONFIRMING' | 'CONFIRMED' | 'USED' | 'DEACTIVATED' | 'DELETED', beginMs: number, endMs: number, receiveMs: number,
 *   send_request_no: string, send_channel: string, confirm_request_no?: string, confirmMs?: number,
 *   deactivate_request_no?: string, deactivateMs?: number, deactivate_reason?: string, usage?: Usage,
 *   attach?: string, coupon_tag_info?: unknown }} UserCoupon
 * @typedef {{ user_coupon_bundle_id: string, ownerId: string, brand_id: string, openid: string, appid: string,
 *   product_coupon_id: string, stock_bundle_id: string, coupons: UserCoupon[] }} UserBundle
 * @typedef {{ token: string, accountId: string, brand_id: string, openid: string, appid: string, product_coupon_id: string,
 *   stock_id?: string, stock_bundle_id?: string, send_request_no: string, coupon_code?: string, attach?: string, claimed: boolean }} PreSendToken
 * @typedef {{ ownerId: string, brandId: string, openid: string, appid: string, sendRequestNo: string, channel: string,
 *   couponCode?: string, attach?: string, couponTagInfo?: unknown }} IssueRequest
 */

const STATE_MESSAGE = {
	stateIllegal: '用户商品券状态不正确',
	expired: '用户商品券已过期',
	alreadyUsed: '用户商品券已被其他订单核销',
	deleted: '用户已删除该商品券',
	outsideValidity: '不在用户商品券的有效期内',
};

class UserCouponStore {
	constructor() {
		/** @type {UserCoupon[]} in issue order */
		this.coupons = [];
		/** @type {Map<string, UserCoupon>} `owner|brand|stock|code` */
		this.byKey = new Map();
		/** @type {Map<string, UserBundle>} */
		this.bundles = new Map();
		/** @type {Map<string, PreSendToken>} */
		this.tokens = new Map();
		/** @type {Set<string>} codes WeChat Pay generated, kept unique */
		this.generatedCodes = new Set();
		this.serial = 1;
	}

	/** @param {string} ownerId @param {string} brandId @param {string} stockId @param {string} code */
	find(ownerId, brandId, stockId, code) {
		return this.byKey.get(`${ownerId}|${brandId}|${stockId}|${code}`);
	}

	/** coupons of this stock the user received, whatever their state (CONFIRMING ones count, digest §9.2 272756740) @param {Stock} stock @param {string} openid */
	receivedBy(stock, openid) {
		return this.coupons.filter((c) => c.stock_id === stock.stock_id && c.openid === openid).length;
	}

	/**
	 * Refuse what WeChat Pay refuses before issuing from `stock` to `openid`. Pure check: nothing is changed.
	 * @param {Catalog} catalog @param {Stock} stock @param {string} openid @param {number} nowMs @param {string | undefined} couponCode
	 */
	checkIssue(catalog, stock, openid, nowMs, couponCode) {
		// coupon_code is a parameter rule (PARAM_ERROR), so it comes before the state and budget rules
		if (stock.coupon_code_mode === 'API_ASSIGN' && couponCode === undefined) throw paramError('coupon_code', 'body', 'coupon_code is required: the stock\'s coupon_code_mode is API_ASSIGN');
		if (stock.coupon_code_mode !== 'API_ASSIGN' && couponCode !== undefined) {
			throw paramError('coupon_code', 'body', `coupon_code is only allowed when the stock's coupon_code_mode is API_ASSIGN (this one is ${stock.coupon_code_mode})`);
		}
		const state = catalog.stockState(stock, nowMs);
		if (state !== 'SENDING') throw invalidRequest('批次不在发放中', `stock ${stock.stock_id} is ${state}, only a SENDING stock issues coupons`, NUMERIC.stockNotSending);
		if (this.receivedBy(stock, openid) >= stock.maxCountPerUser) {
			throw invalidRequest('用户领取数量已达上限', `this user already received ${stock.maxCountPerUser} coupon(s) of stock ${stock.stock_id} (max_count_per_user)`, NUMERIC.perUserLimit);
		}
		// No numeric code is documented for an exhausted budget: the answer carries none.
		if (stock.sentTotal >= stock.maxCount) throw invalidRequest('批次发放数量已达上限', `stock ${stock.stock_id} has sent its max_count ${stock.maxCount}`);
		if (stock.maxCountPerDay !== undefined && catalog.sentToday(stock, nowMs) >= stock.maxCountPerDay) {
			throw invalidRequest('批次今日发放数量已达上限', `stock ${stock.stock_id} has sent its max_count_per_day ${stock.maxCountPerDay} today`);
		}
		if (couponCode !== undefined && this.find(stock.ownerId, stock.brand_id, stock.stock_id, couponCode)) {
			throw invalidRequest('券Code已存在', `coupon_code ${couponCode} was already issued from stock ${stock.stock_id}`);
		}
		if (stock.coupon_code_mode === 'UPLOAD' && stock.uploadedCodes.length === 0) throw invalidRequest('预上传的券Code已用完', `stock ${stock.stock_id} has no uploaded code left`);
		const { beginMs, endMs } = validity(stock, nowMs);
		if (beginMs > endMs) throw invalidRequest(STATE_MESSAGE.outsideValidity, 'a coupon received now would start after the stock ends', NUMERIC.outsideValidity);
	}

	/**
	 * Create one coupon (after checkIssue) and count it against the stock's budget.
	 * @param {Catalog} catalog @param {Stock} stock @param {IssueRequest} r @param {number} nowMs
	 * @param {{ bundleId: string, index: number }} [bundle] @returns {UserCoupon}
	 */
	issue(catalog, stock, r, nowMs, bundle) {
		let code = r.couponCode;
		if (stock.coupon_code_mode === 'UPLOAD') code = /** @type {string} */ (stock.uploadedCodes.shift());
		if (code === undefined) {
			do code = `${crypto.randomInt(100000, 999999)}${String(this.serial).padStart(12, '0')}`;
			while (this.generatedCodes.has(code));
			this.generatedCodes.add(code);
		}
		const receiveMs = Math.floor(nowMs / 1000) * 1000;
		/** @type {UserCoupon} */
		const coupon = {
			seq: this.serial++,
			ownerId: r.ownerId,
			brand_id: r.brandId,
			openid: r.openid,
			appid: r.appid,
			product_coupon_id: stock.product_coupon_id,
			stock_id: stock.stock_id,
			...(bundle ? { stock_bundle_id: stock.stock_bundle_id, user_coupon_bundle_id: bundle.bundleId, bundle_index: bundle.index } : {}),
			coupon_code: code,
			status: 'CONFIRMING',
			...validity(stock, receiveMs),
			receiveMs,
			send_request_no: r.sendRequestNo,
			send_channel: r.channel,
			...(r.attach !== undefined ? { attach: r.attach } : {}),
			...(r.couponTagInfo !== undefined ? { coupon_tag_info: r.couponTagInfo } : {}),
		};
		this.coupons.push(coupon);
		this.byKey.set(`${coupon.ownerId}|${coupon.brand_id}|${coupon.stock_id}|${coupon.coupon_code}`, coupon);
		catalog.recordSend(stock, nowMs);
		return coupon;
	}

	/** A user bundle: one coupon per round of the stock bundle. @param {Catalog} catalog @param {Stock[]} stocks @param {IssueRequest} r @param {number} nowMs @returns {UserBundle} */
	issueBundle(catalog, stocks, r, nowMs) {
		const id = `15${String(this.serial).padStart(14, '0')}`;
		const coupons = stocks.map((stock, index) => this.issue(catalog, stock, r, nowMs, { bundleId: id, index }));
		/** @type {UserBundle} */
		const bundle = {
			user_coupon_bundle_id: id,
			ownerId: r.ownerId,
			brand_id: r.brandId,
			openid: r.openid,
			appid: r.appid,
			product_coupon_id: stocks[0].product_coupon_id,
			stock_bundle_id: /** @type {string} */ (stocks[0].stock_bundle_id),
			coupons,
		};
		this.bundles.set(id, bundle);
		return bundle;
	}

	/** @param {Omit<PreSendToken, 'token' | 'claimed'>} t @returns {string} */
	newToken(t) {
		const token = crypto.randomBytes(24).toString('base64url');
		this.tokens.set(token, { ...t, token, claimed: false });
		return token;
	}

	/** @param {UserCoupon} c */
	bundleOf(c) {
		return c.user_coupon_bundle_id ? this.bundles.get(c.user_coupon_bundle_id) : undefined;
	}
}

/** Validity of a coupon received at `receiveMs`: the stock's window, narrowed by available_days / wait_days_after_receive. @param {Stock} stock @param {number} receiveMs */
function validity(stock, receiveMs) {
	if (stock.availableDays === undefined) return { beginMs: stock.beginMs, endMs: stock.endMs };
	const beginMs = Math.max(stock.beginMs, receiveMs + (stock.waitDays || 0) * DAY_MS);
	return { beginMs, endMs: Math.min(stock.endMs, beginMs + stock.availableDays * DAY_MS - 1000) };
}

/** coupon_state as WeChat Pay answers it, computed on the sandbox clock. @param {UserCoupon} c @param {number} nowMs */
function couponState(c, nowMs) {
	if (c.status === 'USED' || c.status === 'DEACTIVATED' || c.status === 'DELETED') return c.status;
	if (nowMs > c.endMs) return 'EXPIRED';
	if (c.status === 'CONFIRMING') return 'CONFIRMING';
	return nowMs < c.beginMs ? 'PENDING' : 'EFFECTIVE';
}

/**
 * The refusal for a coupon that is not in one of `allowed`, by the state it is in.
 * @param {UserCoupon} c @param {number} nowMs @param {string[]} allowed @param {string} action
 */
function requireState(c, nowMs, allowed, action) {
	const state = couponState(c, nowMs);
	if (allowed.includes(state)) return;
	const issue = `cannot ${action} a coupon in state ${state} (allowed: ${allowed.join(', ')})`;
	if (state === 'EXPIRED') throw invalidRequest(STATE_MESSAGE.expired, issue, NUMERIC.expired);
	if (state === 'DELETED') throw invalidRequest(STATE_MESSAGE.deleted, issue, NUMERIC.deletedByUser);
	if (state === 'USED' && action === 'use') throw invalidRequest(STATE_MESSAGE.alreadyUsed, issue, NUMERIC.alreadyUsed);
	if (state === 'PENDING' && action === 'use') throw invalidRequest(STATE_MESSAGE.outsideValidity, `${issue}: valid from ${beijingTime(c.beginMs)}`, NUMERIC.outsideValidity);
	throw invalidRequest(STATE_MESSAGE.stateIllegal, issue, NUMERIC.stateIllegal);
}

/** UCPN, the user-coupon object (digest §1). @param {Catalog} catalog @param {UserCouponStore} store @param {UserCoupon} c @param {boolean} partner @param {number} nowMs */
function couponView(catalog, store, c, partner, nowMs) {
	const stock = /** @type {Stock} */ (catalog.stocks.get(c.stock_id));
	const pc = /** @type {import('./catalog').ProductCoupon} */ (catalog.productCoupons.get(c.product_coupon_id));
	const bundle = store.bundleOf(c);
	const usage = c.usage && {
		use_request_no: c.usage.use_request_no,
		use_time: c.usage.use_time,
		...(c.usage.associated_order_info ? { associated_order_info: c.usage.associated_order_info } : {}),
		...(c.usage.associated_pay_score_order_info ? { associated_pay_score_order_info: c.usage.associated_pay_score_order_info } : {}),
		...(c.usage.return_request_no !== undefined ? { return_request_no: c.usage.return_request_no, return_time: beijingTime(/** @type {number} */ (c.usage.returnMs)) } : {}),
	};
	return {
		coupon_code: c.coupon_code,
		coupon_state: couponState(c, nowMs),
		valid_begin_time: beijingTime(c.beginMs),
		valid_end_time: beijingTime(c.endMs),
		receive_time: beijingTime(c.receiveMs),
		send_request_no: c.send_request_no,
		send_channel: c.send_channel,
		...(c.confirm_request_no !== undefined ? { confirm_request_no: c.confirm_request_no, confirm_time: beijingTime(/** @type {number} */ (c.confirmMs)) } : {}),
		...(c.deactivate_request_no !== undefined
			? { deactivate_request_no: c.deactivate_request_no, deactivate_time: beijingTime(/** @type {number} */ (c.deactivateMs)), deactivate_reason: c.deactivate_reason }
			: {}),
		...(usage ? (bundle ? { progressive_bundle_usage_detail: usage } : { single_usage_detail: usage }) : {}),
		...(bundle
			? {
					user_product_coupon_bundle_info: {
						user_coupon_bundle_id: bundle.user_coupon_bundle_id,
						user_coupon_bundle_index: c.bundle_index,
						total_count: bundle.coupons.length,
						used_count: bundle.coupons.filter((x) => x.status === 'USED').length,
					},
				}
			: {}),
		product_coupon: catalog.productCouponView(pc, partner),
		stock: catalog.stockView(stock, partner, nowMs),
		...(c.attach !== undefined ? { attach: c.attach } : {}),
		...(c.coupon_tag_info !== undefined ? { coupon_tag_info: c.coupon_tag_info } : {}),
		...(partner ? { brand_id: c.brand_id } : {}),
	};
}

/** Decrypted fields of the SEND callback (digest §7). @param {UserCoupon} c */
function sendPayload(c) {
	return {
		brand_id: c.brand_id,
		coupon_code: c.coupon_code,
		product_coupon_id: c.product_coupon_id,
		stock_id: c.stock_id,
		...(c.user_coupon_bundle_id ? { stock_bundle_id: c.stock_bundle_id, user_coupon_bundle_id: c.user_coupon_bundle_id } : {}),
		appid: c.appid,
		openid: c.openid,
		// a stable per-brand stand-in for the user's UnionID
		unionid: `o6_bmj${crypto.createHash('sha256').update(`${c.brand_id}|${c.openid}`).digest('base64url').slice(0, 22)}`,
		receive_time: beijingTime(c.receiveMs),
		send_request_no: c.send_request_no,
		send_channel: c.send_channel,
		valid_begin_time: beijingTime(c.beginMs),
		valid_end_time: beijingTime(c.endMs),
		...(c.attach !== undefined ? { attach: c.attach } : {}),
	};
}

module.exports = { UserCouponStore, couponState, requireState, couponView, sendPayload, validity, STATE_MESSAGE };
