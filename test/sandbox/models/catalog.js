// @ts-check
'use strict';
/**
 * What a merchant sets up before it can send coupons (digest §6 prerequisites): brands and the service providers
 * they authorised, AppIDs bound to a brand, product coupons and their stocks / stock bundles. Until the sandbox
 * serves the management endpoints (#6–#24) these are created by `seed()`; the objects answered (PC, ST) follow
 * the digest §1 shapes.
 */
const crypto = require('crypto');
const { beijingTime } = require('../signing');
const { parseRfc3339 } = require('../fields');

const DAY_MS = 24 * 3600 * 1000;
const CODE_MODES = ['WECHATPAY', 'UPLOAD', 'API_ASSIGN'];

/**
 * @typedef {{ brand_id: string, providers: Set<string>, appids: Set<string> }} Brand
 * @typedef {{ product_coupon_id: string, ownerId: string, brand_id: string, state: string, usage_mode: 'SINGLE' | 'PROGRESSIVE_BUNDLE',
 *   bundleCount: number }} ProductCoupon
 * @typedef {{ stock_id: string, product_coupon_id: string, ownerId: string, brand_id: string, stock_bundle_id?: string,
 *   stock_bundle_index?: number, state: string, coupon_code_mode: string, maxCount: number, maxCountPerDay?: number,
 *   maxCountPerUser: number, beginMs: number, endMs: number, availableDays?: number, waitDays?: number,
 *   notifyAppid: string, discountAmount: number, sentTotal: number, sentByDay: Map<string, number>,
 *   uploadedCodes: string[], uploadedTotal: number }} Stock
 * @typedef {{ stock_bundle_id: string, product_coupon_id: string, ownerId: string, brand_id: string, stockIds: string[] }} StockBundle
 * @typedef {{ brandId?: string, appid?: string, couponCodeMode?: string, maxCount?: number, maxCountPerUser?: number,
 *   maxCountPerDay?: number, validDays?: number, availableBeginTime?: string | number, availableEndTime?: string | number,
 *   waitDaysAfterReceive?: number, usageMode?: 'SINGLE' | 'PROGRESSIVE_BUNDLE', count?: number, uploadedCodes?: string[] }} SeedOptions
 * @typedef {{ brand_id: string, product_coupon_id: string, stock_id?: string, stock_bundle_id?: string, stock_ids: string[], appid: string }} SeedResult
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
			brand = { brand_id: brandId, providers: new Set(), appids: new Set() };
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

	/**
	 * An EFFECTIVE product coupon with one SENDING stock, or with a stock bundle of `count` rounds.
	 * @param {import('../accounts').Account} account @param {SeedOptions} o @param {number} nowMs
	 * @param {() => string} freshBrandId @returns {SeedResult}
	 */
	seed(account, o, nowMs, freshBrandId) {
		const isBrand = account.accountType === 'brand';
		if (isBrand && o.brandId !== undefined && o.brandId !== account.id) throw new Error('seedProductCoupon: a brand account seeds its own brand only');
		const brandId = isBrand ? account.id : o.brandId !== undefined ? String(o.brandId) : freshBrandId();
		if (!/^\d{1,64}$/.test(brandId)) throw new Error('seedProductCoupon: brandId must be digits');
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
		const appid = o.appid !== undefined ? o.appid : `wx${crypto.randomBytes(8).toString('hex')}`;
		if (!/^[0-9A-Za-z_-]{1,32}$/.test(appid)) throw new Error('seedProductCoupon: appid must be 1–32 of [0-9A-Za-z_-]');
		if (o.uploadedCodes !== undefined && (codeMode !== 'UPLOAD' || !o.uploadedCodes.every((c) => /^[0-9A-Za-z_-]{1,40}$/.test(c)))) {
			throw new Error('seedProductCoupon: uploadedCodes go with couponCodeMode UPLOAD, each 1–40 of [0-9A-Za-z_-]');
		}

		const beginMs = Math.floor((toMs(o.availableBeginTime, 'availableBeginTime') ?? nowMs) / 1000) * 1000;
		const spanDays = Math.min(365, Math.max(30, (o.validDays || 0) + (o.waitDaysAfterReceive || 0)));
		const endMs = toMs(o.availableEndTime, 'availableEndTime') ?? beginMs + spanDays * DAY_MS - 1000;
		if (!(endMs > beginMs)) throw new Error('seedProductCoupon: availableEndTime must be after availableBeginTime');

		const brand = this.brand(brandId);
		if (!isBrand) brand.providers.add(account.id);
		brand.appids.add(appid);

		const count = usageMode === 'PROGRESSIVE_BUNDLE' ? o.count || 3 : 1;
		/** @type {ProductCoupon} */
		const pc = { product_coupon_id: this.newId('10'), ownerId: account.id, brand_id: brandId, state: 'EFFECTIVE', usage_mode: usageMode, bundleCount: count };
		this.productCoupons.set(pc.product_coupon_id, pc);
		const bundleId = usageMode === 'PROGRESSIVE_BUNDLE' ? this.newId('13') : undefined;
		const maxCount = o.maxCount || 1000;
		/** @type {string[]} */
		const stockIds = [];
		for (let index = 0; index < count; index++) {
			const stockId = this.newId('12');
			const uploaded = codeMode === 'UPLOAD' ? (o.uploadedCodes ? [...o.uploadedCodes] : Array.from({ length: Math.min(maxCount, 50) }, () => `U${crypto.randomBytes(9).toString('hex').toUpperCase()}`)) : [];
			/** @type {Stock} */
			const stock = {
				stock_id: stockId,
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
				// each round at least as generous as the one before (digest §4.3)
				discountAmount: 1000 + index * 500,
				sentTotal: 0,
				sentByDay: new Map(),
				uploadedCodes: uploaded,
				uploadedTotal: uploaded.length,
			};
			this.stocks.set(stockId, stock);
			stockIds.push(stockId);
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

	/** SENDING turns STOPPED once the stock's end time has passed. @param {Stock} stock @param {number} nowMs */
	stockState(stock, nowMs) {
		return stock.state === 'SENDING' && nowMs > stock.endMs ? 'STOPPED' : stock.state;
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

	/** PC object. @param {ProductCoupon} pc @param {boolean} partner */
	productCouponView(pc, partner) {
		const bundle = pc.usage_mode === 'PROGRESSIVE_BUNDLE';
		return {
			product_coupon_id: pc.product_coupon_id,
			state: pc.state,
			scope: 'ALL',
			type: 'NORMAL',
			usage_mode: pc.usage_mode,
			...(bundle
				? { progressive_bundle_usage_info: { count: pc.bundleCount, interval_days: 0 } }
				: { single_usage_info: { normal_coupon: { threshold: 10000, discount_amount: 1000 } } }),
			display_info: {
				name: bundle ? '沙箱多次优惠券' : '沙箱满100减10',
				image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/sandbox/coupon-image.png',
				background_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/sandbox/coupon-background.png',
			},
			...(partner ? { brand_id: pc.brand_id } : {}),
		};
	}

	/** ST object. @param {Stock} stock @param {boolean} partner @param {number} nowMs */
	stockView(stock, partner, nowMs) {
		const period = {
			available_begin_time: beijingTime(stock.beginMs),
			available_end_time: beijingTime(stock.endMs),
			...(stock.availableDays !== undefined ? { available_days: stock.availableDays } : {}),
			...(stock.waitDays !== undefined ? { wait_days_after_receive: stock.waitDays } : {}),
		};
		return {
			product_coupon_id: stock.product_coupon_id,
			stock_id: stock.stock_id,
			remark: '沙箱批次',
			coupon_code_mode: stock.coupon_code_mode,
			...(stock.coupon_code_mode === 'UPLOAD' ? { coupon_code_count_info: { total_count: stock.uploadedTotal, available_count: stock.uploadedCodes.length } } : {}),
			stock_send_rule: {
				max_count: stock.maxCount,
				...(stock.maxCountPerDay !== undefined ? { max_count_per_day: stock.maxCountPerDay } : {}),
				max_count_per_user: stock.maxCountPerUser,
			},
			...(stock.stock_bundle_id
				? {
						progressive_bundle_usage_rule: { coupon_available_period: period, normal_coupon: { threshold: 10000, discount_amount: stock.discountAmount } },
						stock_bundle_info: { stock_bundle_id: stock.stock_bundle_id, stock_bundle_index: stock.stock_bundle_index },
					}
				: { single_usage_rule: { coupon_available_period: period } }),
			usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], mini_program_appid: stock.notifyAppid, mini_program_path: '/pages/coupon/index', usage_description: '沙箱券，仅供测试' },
			coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color020' },
			notify_config: { notify_appid: stock.notifyAppid },
			store_scope: 'NONE',
			sent_count_info: { total_count: stock.sentTotal, today_count: this.sentToday(stock, nowMs) },
			state: this.stockState(stock, nowMs),
			...(partner ? { brand_id: stock.brand_id } : {}),
		};
	}
}

module.exports = { Catalog, DAY_MS };
