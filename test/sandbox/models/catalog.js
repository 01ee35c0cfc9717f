// @ts-check
'use strict';
/**
 * What a merchant sets up before it can send coupons (digest §6): brands and the service providers they authorised,
 * AppIDs bound to a brand, the brand's stores, product coupons and their stocks / stock bundles. Product coupons and
 * stocks are created by the management endpoints (#6, #10, #20; they start AUDITING) or by `seed()` (EFFECTIVE /
 * SENDING at once). The user-coupon endpoints (#25–#35) issue from the same stocks. The objects answered (PC, ST)
 * follow the digest §1 shapes; what the creating request said is kept as it was sent.
 *
 * Audits: an object created AUDITING becomes EFFECTIVE (product coupon) / SENDING (stock) on the first request
 * handled after the one that created it, once `auditDelayMs` has passed on the sandbox clock (0 by default: the
 * create answer says AUDITING, the next call sees it audited). An Infinity delay waits for `completeAudits()`.
 */
const crypto = require('crypto');
const { beijingTime } = require('../signing');
const { parseRfc3339 } = require('../fields');

const DAY_MS = 24 * 3600 * 1000;
const CODE_MODES = ['WECHATPAY', 'UPLOAD', 'API_ASSIGN'];
/** stock states that still count toward the 200 stocks of a product coupon */
const LIVE_STOCK_STATES = ['AUDITING', 'SENDING', 'PAUSED'];

/**
 * @typedef {{ brand_id: string, providers: Set<string>, appids: Set<string>, stores: Set<string> }} Brand
 * @typedef {{ request_no: string, ms: number, reason: string }} Deactivation
 * @typedef {{ product_coupon_id: string, ownerId: string, brand_id: string, state: 'AUDITING' | 'EFFECTIVE' | 'DEACTIVATED',
 *   usage_mode: 'SINGLE' | 'PROGRESSIVE_BUNDLE', bundleCount: number, scope: string, type: string,
 *   single_usage_info?: Record<string, any>, progressive_bundle_usage_info?: Record<string, any>,
 *   display_info: Record<string, any>, out_product_no?: string, deactivation?: Deactivation }} ProductCoupon
 * @typedef {{ remark?: string, rule?: Record<string, any>, periodExtra: Record<string, any>,
 *   usage_rule_display_info: Record<string, any>, coupon_display_info: Record<string, any>,
 *   notify_config: { notify_appid: string }, store_scope: string }} StockSpec
 *   rule: `{normal_coupon | discount_coupon | exchange_coupon}` (scope SINGLE, or the stock's round of a bundle);
 *   periodExtra: weekly_available_period / irregular_available_period_list as sent
 * @typedef {{ stock_id: string, product_coupon_id: string, ownerId: string, brand_id: string, stock_bundle_id?: string,
 *   stock_bundle_index?: number, state: string, coupon_code_mode: string, maxCount: number, maxCountPerDay?: number,
 *   maxCountPerUser: number, beginMs: number, endMs: number, availableDays?: number, waitDays?: number,
 *   notifyAppid: string, sentTotal: number, sentByDay: Map<string, number>,
 *   uploadedCodes: string[], uploadedTotal: number, uploadedEver: Set<string>, stores: string[], spec: StockSpec,
 *   deactivation?: Deactivation }} Stock
 *   uploadedCodes: UPLOAD codes not issued yet; uploadedEver: every code ever uploaded to it; stores: associated, in order
 * @typedef {{ stock_bundle_id: string, product_coupon_id: string, ownerId: string, brand_id: string, stockIds: string[] }} StockBundle
 * @typedef {{ brandId?: string, appid?: string, couponCodeMode?: string, maxCount?: number, maxCountPerUser?: number,
 *   maxCountPerDay?: number, validDays?: number, availableBeginTime?: string | number, availableEndTime?: string | number,
 *   waitDaysAfterReceive?: number, usageMode?: 'SINGLE' | 'PROGRESSIVE_BUNDLE', count?: number, uploadedCodes?: string[] }} SeedOptions
 * @typedef {{ brand_id: string, product_coupon_id: string, stock_id?: string, stock_bundle_id?: string, stock_ids: string[], appid: string }} SeedResult
 * @typedef {{ brandId?: string, appid?: string, storeIds?: string[] }} BrandSeedOptions
 * @typedef {{ brand_id: string, appid: string, store_ids: string[] }} BrandSeedResult
 * @typedef {{ target: ProductCoupon | Stock, readyMs: number, afterSeq: number }} PendingAudit
 */

/** @param {string | number | undefined} value @param {string} name @returns {number | undefined} */
function toMs(value, name) {
	if (value === undefined) return undefined;
	if (typeof value === 'number') return value;
	const ms = parseRfc3339(value);
	if (ms === null) throw new Error(`seedProductCoupon: ${name} must be epoch ms or RFC 3339 like 2025-08-01T00:00:00+08:00`);
	return ms;
}

/** @param {unknown} value @param {string} name @param {number} min @param {number} max */
function assertInt(value, name, min, max) {
	if (value !== undefined && !(Number.isInteger(value) && /** @type {number} */ (value) >= min && /** @type {number} */ (value) <= max)) {
		throw new Error(`seedProductCoupon: ${name} must be an integer within ${min}..${max}`);
	}
}

/** @template T @param {T} value @returns {T} a deep copy of JSON data */
const clone = (value) => JSON.parse(JSON.stringify(value));

class Catalog {
	constructor() {
		/** @type {Map<string, Brand>} */
		this.brands = new Map();
		/** @type {Map<string, ProductCoupon>} */
		this.productCoupons = new Map();
		/** @type {Map<string, Stock>} */
		this.stocks = new Map();
		/** @type {Map<string, StockBundle>} */
		this.bundles = new Map();
		/** @type {PendingAudit[]} */
		this.audits = [];
		this.nextSerial = 1;
	}

	/** Ids look like WeChat Pay's (digits); a prefix per kind keeps them apart. @param {string} prefix */
	newId(prefix) {
		return `${prefix}${String(this.nextSerial++).padStart(8, '0')}`;
	}

	/** @param {string} brandId @returns {Brand} */
	brand(brandId) {
		let brand = this.brands.get(brandId);
		if (!brand) {
			brand = { brand_id: brandId, providers: new Set(), appids: new Set(), stores: new Set() };
			this.brands.set(brandId, brand);
		}
		return brand;
	}

	/** @param {string} brandId @param {string} providerId */
	isAuthorised(brandId, providerId) {
		const brand = this.brands.get(brandId);
		return Boolean(brand && brand.providers.has(providerId));
	}

	/** @param {string} brandId @param {string} appid */
	appidBound(brandId, appid) {
		const brand = this.brands.get(brandId);
		return Boolean(brand && brand.appids.has(appid));
	}

	/** @param {string} brandId @param {string} storeId */
	isStoreOf(brandId, storeId) {
		const brand = this.brands.get(brandId);
		return Boolean(brand && brand.stores.has(storeId));
	}

	/**
	 * A brand (partner: registered as having authorised this service provider), an AppID bound to it and stores.
	 * Calling it again with the same brandId adds AppIDs and stores.
	 * @param {import('../accounts').Account} account @param {BrandSeedOptions} o @param {() => string} freshBrandId
	 * @returns {BrandSeedResult}
	 */
	seedBrand(account, o, freshBrandId) {
		const isBrand = account.accountType === 'brand';
		if (isBrand && o.brandId !== undefined && o.brandId !== account.id) throw new Error('seedBrand: a brand account seeds its own brand only');
		const brandId = isBrand ? account.id : o.brandId !== undefined ? String(o.brandId) : freshBrandId();
		if (!/^\d{1,64}$/.test(brandId)) throw new Error('seedBrand: brandId must be digits');
		const appid = o.appid !== undefined ? o.appid : `wx${crypto.randomBytes(8).toString('hex')}`;
		if (!/^[0-9A-Za-z_-]{1,32}$/.test(appid)) throw new Error('seedBrand: appid must be 1–32 of [0-9A-Za-z_-]');
		const storeIds = o.storeIds !== undefined ? o.storeIds : Array.from({ length: 5 }, () => String(crypto.randomInt(100000000, 999999999)));
		if (!Array.isArray(storeIds) || !storeIds.every((id) => /^[0-9A-Za-z_-]{1,32}$/.test(id))) throw new Error('seedBrand: storeIds are 1–32 of [0-9A-Za-z_-]');
		const brand = this.brand(brandId);
		if (!isBrand) brand.providers.add(account.id);
		brand.appids.add(appid);
		for (const id of storeIds) brand.stores.add(id);
		return { brand_id: brandId, appid, store_ids: [...storeIds] };
	}

	/**
	 * An EFFECTIVE product coupon with one SENDING stock, or with a stock bundle of `count` rounds.
	 * @param {import('../accounts').Account} account @param {SeedOptions} o @param {number} nowMs
	 * @param {() => string} freshBrandId @returns {SeedResult}
	 */
	seed(account, o, nowMs, freshBrandId) {
		const isBrand = account.accountType === 'brand';
		if (isBrand && o.brandId !== undefined && o.brandId !== account.id) throw new Error('seedProductCoupon: a brand account seeds its own brand only');
		const usageMode = o.usageMode || 'SINGLE';
		if (usageMode !== 'SINGLE' && usageMode !== 'PROGRESSIVE_BUNDLE') throw new Error('seedProductCoupon: usageMode is SINGLE or PROGRESSIVE_BUNDLE');
		const codeMode = o.couponCodeMode || 'WECHATPAY';
		if (!CODE_MODES.includes(codeMode)) throw new Error(`seedProductCoupon: couponCodeMode is one of ${CODE_MODES.join(', ')}`);
		if (usageMode === 'PROGRESSIVE_BUNDLE' && codeMode === 'API_ASSIGN') throw new Error('seedProductCoupon: stock bundles allow WECHATPAY or UPLOAD codes only (digest §4.3)');
		assertInt(o.count, 'count', 3, 15);
		assertInt(o.maxCount, 'maxCount', 1, 100000000);
		assertInt(o.maxCountPerDay, 'maxCountPerDay', 1, 100000000);
		assertInt(o.maxCountPerUser, 'maxCountPerUser', 1, 100);
		assertInt(o.validDays, 'validDays', 1, 365);
		assertInt(o.waitDaysAfterReceive, 'waitDaysAfterReceive', 0, 30);
		if (o.waitDaysAfterReceive !== undefined && o.validDays === undefined) throw new Error('seedProductCoupon: waitDaysAfterReceive needs validDays (available_days)');
		if (o.appid !== undefined && !/^[0-9A-Za-z_-]{1,32}$/.test(o.appid)) throw new Error('seedProductCoupon: appid must be 1–32 of [0-9A-Za-z_-]');
		if (o.brandId !== undefined && !/^\d{1,64}$/.test(String(o.brandId))) throw new Error('seedProductCoupon: brandId must be digits');
		if (o.uploadedCodes !== undefined && (codeMode !== 'UPLOAD' || !o.uploadedCodes.every((c) => /^[0-9A-Za-z_-]{1,40}$/.test(c)))) {
			throw new Error('seedProductCoupon: uploadedCodes go with couponCodeMode UPLOAD, each 1–40 of [0-9A-Za-z_-]');
		}

		const beginMs = Math.floor((toMs(o.availableBeginTime, 'availableBeginTime') ?? nowMs) / 1000) * 1000;
		const spanDays = Math.min(365, Math.max(30, (o.validDays || 0) + (o.waitDaysAfterReceive || 0)));
		const endMs = toMs(o.availableEndTime, 'availableEndTime') ?? beginMs + spanDays * DAY_MS - 1000;
		if (!(endMs > beginMs)) throw new Error('seedProductCoupon: availableEndTime must be after availableBeginTime');

		const { brand_id: brandId, appid } = this.seedBrand(account, { ...(o.brandId !== undefined ? { brandId: String(o.brandId) } : {}), ...(o.appid !== undefined ? { appid: o.appid } : {}), storeIds: [] }, freshBrandId);

		const bundled = usageMode === 'PROGRESSIVE_BUNDLE';
		const count = bundled ? o.count || 3 : 1;
		/** @type {ProductCoupon} */
		const pc = {
			product_coupon_id: this.newId('10'),
			ownerId: account.id,
			brand_id: brandId,
			state: 'EFFECTIVE',
			usage_mode: usageMode,
			bundleCount: count,
			scope: 'ALL',
			type: 'NORMAL',
			...(bundled ? { progressive_bundle_usage_info: { count, interval_days: 0 } } : { single_usage_info: { normal_coupon: { threshold: 10000, discount_amount: 1000 } } }),
			display_info: {
				name: bundled ? '沙箱多次优惠券' : '沙箱满100减10',
				image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/sandbox/coupon-image.png',
				background_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/sandbox/coupon-background.png',
			},
		};
		this.productCoupons.set(pc.product_coupon_id, pc);
		const bundleId = bundled ? this.newId('13') : undefined;
		const maxCount = o.maxCount || 1000;
		/** @type {string[]} */
		const stockIds = [];
		for (let index = 0; index < count; index++) {
			const uploaded = codeMode === 'UPLOAD' ? (o.uploadedCodes ? [...o.uploadedCodes] : Array.from({ length: Math.min(maxCount, 50) }, () => `U${crypto.randomBytes(9).toString('hex').toUpperCase()}`)) : [];
			const stock = this.putStock({
				stock_id: this.newId('12'),
				product_coupon_id: pc.product_coupon_id,
				ownerId: account.id,
				brand_id: brandId,
				...(bundleId ? { stock_bundle_id: bundleId, stock_bundle_index: index } : {}),
				state: 'SENDING',
				coupon_code_mode: codeMode,
				maxCount,
				...(o.maxCountPerDay !== undefined ? { maxCountPerDay: o.maxCountPerDay } : {}),
				maxCountPerUser: o.maxCountPerUser || 10,
				beginMs,
				endMs,
				...(o.validDays !== undefined ? { availableDays: o.validDays } : {}),
				...(o.waitDaysAfterReceive !== undefined ? { waitDays: o.waitDaysAfterReceive } : {}),
				notifyAppid: appid,
				sentTotal: 0,
				sentByDay: new Map(),
				uploadedCodes: uploaded,
				uploadedTotal: uploaded.length,
				uploadedEver: new Set(uploaded),
				stores: [],
				spec: {
					remark: '沙箱批次',
					// each round at least as generous as the one before (digest §4.3)
					...(bundleId ? { rule: { normal_coupon: { threshold: 10000, discount_amount: 1000 + index * 500 } } } : {}),
					periodExtra: {},
					usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], mini_program_appid: appid, mini_program_path: '/pages/coupon/index', usage_description: '沙箱券，仅供测试' },
					coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color020' },
					notify_config: { notify_appid: appid },
					store_scope: 'NONE',
				},
			});
			stockIds.push(stock.stock_id);
		}
		if (bundleId) this.bundles.set(bundleId, { stock_bundle_id: bundleId, product_coupon_id: pc.product_coupon_id, ownerId: account.id, brand_id: brandId, stockIds });
		return {
			brand_id: brandId,
			product_coupon_id: pc.product_coupon_id,
			...(bundleId ? { stock_bundle_id: bundleId } : { stock_id: stockIds[0] }),
			stock_ids: stockIds,
			appid,
		};
	}

	/** @param {Stock} stock @returns {Stock} */
	putStock(stock) {
		this.stocks.set(stock.stock_id, stock);
		return stock;
	}

	/**
	 * A product coupon from a checked #6 body, AUDITING.
	 * @param {string} ownerId @param {string} brandId @param {Record<string, any>} body
	 * @returns {ProductCoupon}
	 */
	createProductCoupon(ownerId, brandId, body) {
		const bundled = body.usage_mode === 'PROGRESSIVE_BUNDLE';
		/** @type {ProductCoupon} */
		const pc = {
			product_coupon_id: this.newId('10'),
			ownerId,
			brand_id: brandId,
			state: 'AUDITING',
			usage_mode: body.usage_mode,
			bundleCount: bundled ? body.progressive_bundle_usage_info.count : 1,
			scope: body.scope,
			type: body.type,
			...(body.single_usage_info !== undefined ? { single_usage_info: clone(body.single_usage_info) } : {}),
			...(body.progressive_bundle_usage_info !== undefined ? { progressive_bundle_usage_info: clone(body.progressive_bundle_usage_info) } : {}),
			display_info: clone(body.display_info),
			...(body.out_product_no !== undefined ? { out_product_no: body.out_product_no } : {}),
		};
		this.productCoupons.set(pc.product_coupon_id, pc);
		return pc;
	}

	/**
	 * A stock from a checked `stock` object (#6, #10), or one round of a checked `stock_bundle` (#6, #20), AUDITING.
	 * @param {ProductCoupon} pc @param {Record<string, any>} s the stock or stock_bundle object
	 * @param {{ id: string, index: number, rule: Record<string, any> }} [round] the bundle round this stock is
	 * @returns {Stock}
	 */
	createStock(pc, s, round) {
		const period = round ? s.progressive_bundle_usage_rule.coupon_available_period : s.single_usage_rule.coupon_available_period;
		/** @type {Record<string, any>} */
		const periodExtra = {};
		if (period.weekly_available_period !== undefined) periodExtra.weekly_available_period = clone(period.weekly_available_period);
		if (period.irregular_available_period_list !== undefined) {
			periodExtra.irregular_available_period_list = period.irregular_available_period_list.map((/** @type {any} */ r) => ({
				begin_time: beijingTime(/** @type {number} */ (parseRfc3339(r.begin_time))),
				end_time: beijingTime(/** @type {number} */ (parseRfc3339(r.end_time))),
			}));
		}
		/** @type {Record<string, any> | undefined} */
		let rule;
		if (round) rule = round.rule;
		else {
			const single = s.single_usage_rule;
			const key = ['normal_coupon', 'discount_coupon', 'exchange_coupon'].find((k) => single[k] !== undefined);
			if (key) rule = { [key]: clone(single[key]) };
		}
		const rules = s.stock_send_rule;
		return this.putStock({
			stock_id: this.newId('12'),
			product_coupon_id: pc.product_coupon_id,
			ownerId: pc.ownerId,
			brand_id: pc.brand_id,
			...(round ? { stock_bundle_id: round.id, stock_bundle_index: round.index } : {}),
			state: 'AUDITING',
			coupon_code_mode: s.coupon_code_mode,
			maxCount: rules.max_count,
			...(rules.max_count_per_day !== undefined ? { maxCountPerDay: rules.max_count_per_day } : {}),
			maxCountPerUser: rules.max_count_per_user,
			beginMs: /** @type {number} */ (parseRfc3339(period.available_begin_time)),
			endMs: /** @type {number} */ (parseRfc3339(period.available_end_time)),
			...(period.available_days !== undefined ? { availableDays: period.available_days } : {}),
			...(period.wait_days_after_receive !== undefined ? { waitDays: period.wait_days_after_receive } : {}),
			notifyAppid: s.notify_config.notify_appid,
			sentTotal: 0,
			sentByDay: new Map(),
			uploadedCodes: [],
			uploadedTotal: 0,
			uploadedEver: new Set(),
			stores: [],
			spec: {
				...(s.remark !== undefined ? { remark: s.remark } : {}),
				...(rule ? { rule } : {}),
				periodExtra,
				usage_rule_display_info: clone(s.usage_rule_display_info),
				coupon_display_info: clone(s.coupon_display_info),
				notify_config: clone(s.notify_config),
				store_scope: s.store_scope,
			},
		});
	}

	/**
	 * The stocks of a checked `stock_bundle`, one per round, AUDITING, and the bundle.
	 * @param {ProductCoupon} pc @param {Record<string, any>} b @returns {StockBundle}
	 */
	createBundle(pc, b) {
		const id = this.newId('13');
		const rule = b.progressive_bundle_usage_rule;
		const key = /** @type {string} */ (['normal_coupon_list', 'discount_coupon_list', 'exchange_coupon_list'].find((k) => rule[k] !== undefined));
		const single = key.replace(/_list$/, '');
		const stockIds = rule[key].map((/** @type {any} */ entry, /** @type {number} */ index) => this.createStock(pc, b, { id, index, rule: { [single]: clone(entry) } }).stock_id);
		/** @type {StockBundle} */
		const bundle = { stock_bundle_id: id, product_coupon_id: pc.product_coupon_id, ownerId: pc.ownerId, brand_id: pc.brand_id, stockIds };
		this.bundles.set(id, bundle);
		return bundle;
	}

	/** Audit `target` (AUDITING) after `delayMs` on the sandbox clock, on a request after `seq`. @param {ProductCoupon | Stock} target @param {number} nowMs @param {number} delayMs @param {number} seq */
	queueAudit(target, nowMs, delayMs, seq) {
		this.audits.push({ target, readyMs: nowMs + delayMs, afterSeq: seq });
	}

	/** @param {ProductCoupon | Stock} target */
	static finishAudit(target) {
		if (target.state !== 'AUDITING') return;
		target.state = 'stock_id' in target ? 'SENDING' : 'EFFECTIVE';
	}

	/** Finish the audits that are due (request `seq` at `nowMs`). @param {number} nowMs @param {number} seq */
	advanceAudits(nowMs, seq) {
		if (this.audits.length === 0) return;
		this.audits = this.audits.filter((a) => {
			if (seq <= a.afterSeq || nowMs < a.readyMs) return true;
			Catalog.finishAudit(a.target);
			return false;
		});
	}

	/** Finish every pending audit of this account now. @param {string} ownerId @returns {number} how many objects */
	completeAudits(ownerId) {
		let n = 0;
		this.audits = this.audits.filter((a) => {
			if (a.target.ownerId !== ownerId) return true;
			if (a.target.state === 'AUDITING') n += 1;
			Catalog.finishAudit(a.target);
			return false;
		});
		return n;
	}

	/** The product coupon if it exists and belongs to this account and brand. @param {string} ownerId @param {string} brandId @param {string} id */
	productCouponFor(ownerId, brandId, id) {
		const pc = this.productCoupons.get(id);
		return pc && pc.ownerId === ownerId && pc.brand_id === brandId ? pc : undefined;
	}

	/** @param {ProductCoupon} pc @param {string} stockId */
	stockOf(pc, stockId) {
		const stock = this.stocks.get(stockId);
		return stock && stock.product_coupon_id === pc.product_coupon_id ? stock : undefined;
	}

	/** @param {ProductCoupon} pc @param {string} bundleId */
	bundleOf(pc, bundleId) {
		const bundle = this.bundles.get(bundleId);
		return bundle && bundle.product_coupon_id === pc.product_coupon_id ? bundle : undefined;
	}

	/** @param {StockBundle} bundle @returns {Stock[]} its stocks, round by round */
	stocksOfBundle(bundle) {
		return bundle.stockIds.map((id) => /** @type {Stock} */ (this.stocks.get(id)));
	}

	/** @param {ProductCoupon} pc @returns {Stock[]} in creation order */
	stocksOf(pc) {
		return [...this.stocks.values()].filter((s) => s.product_coupon_id === pc.product_coupon_id);
	}

	/** Stocks that still count toward the 200 of a product coupon. @param {ProductCoupon} pc @param {number} nowMs */
	liveStockCount(pc, nowMs) {
		return this.stocksOf(pc).filter((s) => LIVE_STOCK_STATES.includes(this.stockState(s, nowMs))).length;
	}

	/** SENDING / PAUSED turn STOPPED once the stock's end time has passed. @param {Stock} stock @param {number} nowMs */
	stockState(stock, nowMs) {
		return (stock.state === 'SENDING' || stock.state === 'PAUSED') && nowMs > stock.endMs ? 'STOPPED' : stock.state;
	}

	/** @param {Stock} stock @param {number} nowMs */
	sentToday(stock, nowMs) {
		return stock.sentByDay.get(beijingTime(nowMs).slice(0, 10)) || 0;
	}

	/** @param {Stock} stock @param {number} nowMs */
	recordSend(stock, nowMs) {
		const day = beijingTime(nowMs).slice(0, 10);
		stock.sentTotal += 1;
		stock.sentByDay.set(day, (stock.sentByDay.get(day) || 0) + 1);
	}

	/** @param {Deactivation | undefined} d */
	static deactivationView(d) {
		return d ? { deactivate_request_no: d.request_no, deactivate_time: beijingTime(d.ms), deactivate_reason: d.reason } : {};
	}

	/** PC object. @param {ProductCoupon} pc @param {boolean} partner */
	productCouponView(pc, partner) {
		return {
			product_coupon_id: pc.product_coupon_id,
			state: pc.state,
			scope: pc.scope,
			type: pc.type,
			usage_mode: pc.usage_mode,
			...(pc.single_usage_info !== undefined ? { single_usage_info: clone(pc.single_usage_info) } : {}),
			...(pc.progressive_bundle_usage_info !== undefined ? { progressive_bundle_usage_info: clone(pc.progressive_bundle_usage_info) } : {}),
			display_info: clone(pc.display_info),
			...(pc.out_product_no !== undefined ? { out_product_no: pc.out_product_no } : {}),
			...Catalog.deactivationView(pc.deactivation),
			...(partner ? { brand_id: pc.brand_id } : {}),
		};
	}

	/** ST object. @param {Stock} stock @param {boolean} partner @param {number} nowMs */
	stockView(stock, partner, nowMs) {
		const spec = stock.spec;
		const period = {
			available_begin_time: beijingTime(stock.beginMs),
			available_end_time: beijingTime(stock.endMs),
			...(stock.availableDays !== undefined ? { available_days: stock.availableDays } : {}),
			...(stock.waitDays !== undefined ? { wait_days_after_receive: stock.waitDays } : {}),
			...clone(spec.periodExtra),
		};
		const rule = { coupon_available_period: period, ...(spec.rule ? clone(spec.rule) : {}) };
		return {
			product_coupon_id: stock.product_coupon_id,
			stock_id: stock.stock_id,
			...(spec.remark !== undefined ? { remark: spec.remark } : {}),
			coupon_code_mode: stock.coupon_code_mode,
			...(stock.coupon_code_mode === 'UPLOAD' ? { coupon_code_count_info: { total_count: stock.uploadedTotal, available_count: stock.uploadedCodes.length } } : {}),
			stock_send_rule: {
				max_count: stock.maxCount,
				...(stock.maxCountPerDay !== undefined ? { max_count_per_day: stock.maxCountPerDay } : {}),
				max_count_per_user: stock.maxCountPerUser,
			},
			...(stock.stock_bundle_id
				? { progressive_bundle_usage_rule: rule, stock_bundle_info: { stock_bundle_id: stock.stock_bundle_id, stock_bundle_index: stock.stock_bundle_index } }
				: { single_usage_rule: rule }),
			usage_rule_display_info: clone(spec.usage_rule_display_info),
			coupon_display_info: clone(spec.coupon_display_info),
			notify_config: clone(spec.notify_config),
			store_scope: spec.store_scope,
			sent_count_info: { total_count: stock.sentTotal, today_count: this.sentToday(stock, nowMs) },
			state: this.stockState(stock, nowMs),
			...Catalog.deactivationView(stock.deactivation),
			...(partner ? { brand_id: stock.brand_id } : {}),
		};
	}

	/** `{stock_bundle_id, stock_list}` @param {StockBundle} bundle @param {boolean} partner @param {number} nowMs */
	bundleView(bundle, partner, nowMs) {
		return { stock_bundle_id: bundle.stock_bundle_id, stock_list: this.stocksOfBundle(bundle).map((s) => this.stockView(s, partner, nowMs)) };
	}
}

module.exports = { Catalog, DAY_MS, LIVE_STOCK_STATES };
