// @ts-check
'use strict';
/**
 * The bodies of the management writes (#6, #8, #10, #13, #20, #21) as digest §4 describes them: field schemas
 * (fields.js checks required, type, length, enum, range → 400 PARAM_ERROR 268435461–4) and the rules between
 * fields (→ 400 PARAM_ERROR 268578224 "field rule violated"; bundle rounds 268586067):
 *   - scope ALL / CATEGORY: type NORMAL or DISCOUNT; EXCHANGE only with scope SINGLE;
 *   - usage_mode SINGLE: `stock` (not stock_bundle), no progressive_bundle_usage_info; scope ALL / CATEGORY needs
 *     single_usage_info with the rule of its type; scope SINGLE takes no single_usage_info, needs
 *     display_info.original_price + combo_package_list and the rule of its type in stock.single_usage_rule;
 *   - usage_mode PROGRESSIVE_BUNDLE: `stock_bundle` (not stock), progressive_bundle_usage_info.count 3–15, one
 *     round per count in the `<type>_coupon_list`, each round at least as generous as the one before (268586067);
 *   - periods: begin < end, span ≤ 365 days, end in the future; wait_days_after_receive needs available_days;
 *     irregular periods (≤ 2) exclude available_days / wait_days / weekly and lie inside the period;
 *     day periods begin < end;
 *   - usage display: MINI_PROGRAM needs mini_program_appid + path, APP needs app_path, PASSCODE_LINK needs
 *     passcode_link; combo packages: pick_count ≤ the number of choices;
 *   - every image field must be a URL this account got from #3 (or an image task).
 * Money is whole fen (integers); counts ≤ 100 000 000; max_count_per_user 1–100 (required: SK; digest §10).
 */
const { APPID, SAFE, SAFE_CHARS, requestNo, text, parseRfc3339 } = require('../fields');
const { NUMERIC, fieldRule } = require('../errors');
const { DAY_MS } = require('./catalog');

/**
 * @typedef {import('../fields').Rule} Rule
 * @typedef {import('../fields').Schema} Schema
 * @typedef {{ scope: string, type: string, usage_mode: string, bundleCount: number }} CouponShape
 */

const MAX_COUNT = 100000000;
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const COLORS = ['Color010', 'Color020', 'Color030', 'Color040', 'Color050', 'Color060', 'Color070', 'Color080', 'Color090', 'Color100'];
/** @type {Rule} */
const IMAGE = { type: 'string', required: true, max: 256 };
/** @type {Rule} */
const TIME = { type: 'string', required: true, max: 32, time: true };
/** @param {boolean} [required] @param {number} [min] @returns {Rule} whole fen */
const fen = (required = true, min = 0) => ({ type: 'integer', required, min });
/** a mini-program / H5 path; the digest gives no length, 256 is the sandbox's bound @param {boolean} [required] @returns {Rule} */
const path = (required = false) => ({ type: 'string', required, max: 256 });
/** @param {boolean} [required] @returns {Rule} */
const appid = (required = true) => ({ ...APPID, required });

/** @type {Record<string, Rule>} */
const COUPON_RULES = {
	normal_coupon: { type: 'object', fields: { threshold: fen(), discount_amount: fen(true, 1) } },
	discount_coupon: { type: 'object', fields: { threshold: fen(), percent_off: { type: 'integer', required: true, min: 1, max: 99 } } },
	exchange_coupon: { type: 'object', fields: { threshold: fen(), exchange_price: fen() } },
};
/** which rule object goes with which coupon type */
const RULE_OF_TYPE = /** @type {Record<string, string>} */ ({ NORMAL: 'normal_coupon', DISCOUNT: 'discount_coupon', EXCHANGE: 'exchange_coupon' });

/** @type {Rule} */
const PERIOD = {
	type: 'object',
	required: true,
	fields: {
		available_begin_time: TIME,
		available_end_time: TIME,
		available_days: { type: 'integer', min: 1, max: 365 },
		wait_days_after_receive: { type: 'integer', min: 0, max: 30 },
		weekly_available_period: {
			type: 'object',
			fields: {
				day_list: { type: 'array', minItems: 1, maxItems: 7, unique: true, items: { type: 'string', enum: DAYS } },
				day_period_list: { type: 'array', minItems: 1, items: { type: 'object', fields: { begin_time: { type: 'integer', required: true, min: 0, max: 86399 }, end_time: { type: 'integer', required: true, min: 0, max: 86399 } } } },
			},
		},
		irregular_available_period_list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', fields: { begin_time: TIME, end_time: TIME } } },
	},
};

/** @type {Rule} */
const STOCK_SEND_RULE = {
	type: 'object',
	required: true,
	fields: {
		max_count: { type: 'integer', required: true, min: 1, max: MAX_COUNT },
		max_count_per_day: { type: 'integer', min: 1, max: MAX_COUNT },
		max_count_per_user: { type: 'integer', required: true, min: 1, max: 100 },
	},
};

/** @param {boolean} required @returns {Rule} */
const usageRuleDisplayInfo = (required) => ({
	type: 'object',
	required,
	fields: {
		coupon_usage_method_list: { type: 'array', required: true, minItems: 1, maxItems: 4, unique: true, items: { type: 'string', enum: ['OFFLINE', 'MINI_PROGRAM', 'APP', 'PAYMENT_CODE'] } },
		mini_program_appid: appid(false),
		mini_program_path: path(),
		app_path: path(),
		app_jump_type: { type: 'string', enum: ['H5', 'PASSCODE_LINK', 'USAGE_GUIDE'] },
		passcode_link: path(),
		usage_description: text(1000),
		coupon_available_store_info: { type: 'object', fields: { description: text(1000), mini_program_appid: appid(false), mini_program_path: path() } },
	},
});

/** @param {boolean} required @returns {Rule} */
const couponDisplayInfo = (required) => ({
	type: 'object',
	required,
	fields: {
		code_display_mode: { type: 'string', enum: ['INVISIBLE', 'BARCODE', 'QRCODE'] },
		background_color: { type: 'string', enum: COLORS },
		entrance_mini_program: { type: 'object', fields: { appid: appid(), path: path(true), entrance_wording: text(5), guidance_wording: text(6, false) } },
		entrance_official_account: { type: 'object', fields: { appid: appid() } },
		entrance_finder: {
			type: 'object',
			fields: {
				finder_id: { type: 'string', required: true, max: 64 },
				finder_video_id: { type: 'string', required: true, max: 128 },
				finder_video_cover_image_url: IMAGE,
			},
		},
	},
});

/** @param {boolean} required @returns {Rule} */
const notifyConfig = (required) => ({ type: 'object', required, fields: { notify_appid: appid() } });
/** @param {boolean} required @returns {Rule} */
const storeScope = (required) => ({ type: 'string', required, enum: ['NONE', 'ALL', 'SPECIFIC'] });

/** `stock` of #6 / #10 (§4.2) */
const STOCK = /** @type {Schema} */ ({
	remark: text(20, false),
	coupon_code_mode: { type: 'string', required: true, enum: ['WECHATPAY', 'UPLOAD', 'API_ASSIGN'] },
	stock_send_rule: STOCK_SEND_RULE,
	single_usage_rule: { type: 'object', required: true, fields: { coupon_available_period: PERIOD, ...COUPON_RULES } },
	usage_rule_display_info: usageRuleDisplayInfo(true),
	coupon_display_info: couponDisplayInfo(true),
	notify_config: notifyConfig(true),
	store_scope: storeScope(true),
});

/** @param {string} name @returns {Rule} */
const roundList = (name) => ({ type: 'array', minItems: 1, maxItems: 15, items: COUPON_RULES[name] });

/** `stock_bundle` of #6 / #20 (§4.3) */
const STOCK_BUNDLE = /** @type {Schema} */ ({
	remark: text(20, false),
	coupon_code_mode: { type: 'string', required: true, enum: ['WECHATPAY', 'UPLOAD'] },
	stock_send_rule: STOCK_SEND_RULE,
	progressive_bundle_usage_rule: {
		type: 'object',
		required: true,
		fields: { coupon_available_period: PERIOD, normal_coupon_list: roundList('normal_coupon'), discount_coupon_list: roundList('discount_coupon'), exchange_coupon_list: roundList('exchange_coupon') },
	},
	usage_rule_display_info: usageRuleDisplayInfo(true),
	coupon_display_info: couponDisplayInfo(true),
	notify_config: notifyConfig(true),
	store_scope: storeScope(true),
});

/** @type {Rule} */
const DISPLAY_INFO = {
	type: 'object',
	required: true,
	fields: {
		name: { type: 'string', required: true, min: 3, max: 15 },
		image_url: IMAGE,
		background_url: IMAGE,
		detail_image_url_list: { type: 'array', minItems: 1, maxItems: 8, items: IMAGE },
		original_price: fen(false, 1),
		combo_package_list: {
			type: 'array',
			minItems: 1,
			maxItems: 50,
			items: {
				type: 'object',
				fields: {
					name: text(15),
					pick_count: { type: 'integer', required: true, min: 1, max: 99 },
					choice_list: {
						type: 'array',
						required: true,
						minItems: 1,
						maxItems: 99,
						items: {
							type: 'object',
							fields: { name: text(15), price: fen(), count: { type: 'integer', required: true, min: 1, max: 99 }, image_url: { ...IMAGE, required: false }, mini_program_appid: appid(false), mini_program_path: path() },
						},
					},
				},
			},
		},
	},
};

const OUT_REQUEST_NO = requestNo(6, 40);

/** Body schemas without brand_id (added for service providers). */
const BODIES = /** @type {Record<string, Schema>} */ ({
	createProductCoupon: {
		out_request_no: OUT_REQUEST_NO,
		scope: { type: 'string', required: true, enum: ['ALL', 'SINGLE', 'CATEGORY'] },
		type: { type: 'string', required: true, enum: ['NORMAL', 'DISCOUNT', 'EXCHANGE'] },
		usage_mode: { type: 'string', required: true, enum: ['SINGLE', 'PROGRESSIVE_BUNDLE'] },
		single_usage_info: { type: 'object', fields: { normal_coupon: COUPON_RULES.normal_coupon, discount_coupon: COUPON_RULES.discount_coupon } },
		progressive_bundle_usage_info: { type: 'object', fields: { count: { type: 'integer', required: true }, interval_days: { type: 'integer', min: 0, max: 7 } } },
		display_info: DISPLAY_INFO,
		out_product_no: { type: 'string', max: 40, pattern: SAFE, chars: SAFE_CHARS },
		stock: { type: 'object', fields: STOCK },
		stock_bundle: { type: 'object', fields: STOCK_BUNDLE },
	},
	updateProductCoupon: { out_request_no: OUT_REQUEST_NO, display_info: DISPLAY_INFO },
	deactivate: { out_request_no: OUT_REQUEST_NO, deactivate_reason: text(150) },
	addStock: { out_request_no: OUT_REQUEST_NO, stock: { type: 'object', required: true, fields: STOCK } },
	addBundle: { out_request_no: OUT_REQUEST_NO, stock_bundle: { type: 'object', required: true, fields: STOCK_BUNDLE } },
	/** #13 / #21: each given object replaces the stored one */
	updateStock: {
		out_request_no: OUT_REQUEST_NO,
		remark: text(20, false),
		usage_rule_display_info: usageRuleDisplayInfo(false),
		coupon_display_info: couponDisplayInfo(false),
		notify_config: notifyConfig(false),
		store_scope: storeScope(false),
	},
	updateBudget: {
		out_request_no: OUT_REQUEST_NO,
		update_mode: { type: 'string', required: true, enum: ['MAX_COUNT', 'MAX_COUNT_PER_DAY'] },
		current_max_count: { type: 'integer', min: 1, max: MAX_COUNT },
		target_max_count: { type: 'integer', min: 1, max: MAX_COUNT },
		current_max_count_per_day: { type: 'integer', min: 1, max: MAX_COUNT },
		target_max_count_per_day: { type: 'integer', min: 1, max: MAX_COUNT },
	},
	stores: { store_list: { type: 'array', required: true, minItems: 1, maxItems: 200, items: { type: 'object', fields: { store_id: { type: 'string', required: true, max: 32, pattern: SAFE, chars: SAFE_CHARS } } } } },
	uploadCodes: { out_request_no: OUT_REQUEST_NO, code_list: { type: 'array', required: true, minItems: 1, maxItems: 200, items: { type: 'string', max: 40, pattern: SAFE, chars: SAFE_CHARS } } },
});

// ---------------------------------------------------------------- rules between fields

/**
 * Exactly the rule object of `type` among `keys` of `obj` (none when `required` is false and none is given).
 * @param {Record<string, any>} obj @param {string} type @param {string} field @param {string[]} keys @param {boolean} required @param {string} [suffix]
 */
function oneRuleOfType(obj, type, field, keys, required, suffix = '') {
	const given = keys.filter((k) => obj[k] !== undefined);
	const expected = `${RULE_OF_TYPE[type]}${suffix}`;
	if (given.length > 1) throw fieldRule(field, `${field} takes one of ${keys.join(', ')}, not ${given.join(' and ')}`);
	if (given.length === 0) {
		if (required) throw fieldRule(`${field}.${expected}`, `${field}.${expected} is required for a ${type} coupon`);
		return;
	}
	if (given[0] !== expected) throw fieldRule(`${field}.${given[0]}`, `a ${type} coupon takes ${field}.${expected}, not ${given[0]}`);
}

/** @param {Record<string, any>} p coupon_available_period @param {string} field @param {number} nowMs */
function checkPeriod(p, field, nowMs) {
	const begin = /** @type {number} */ (parseRfc3339(p.available_begin_time));
	const end = /** @type {number} */ (parseRfc3339(p.available_end_time));
	if (!(begin < end)) throw fieldRule(`${field}.available_end_time`, `${field}.available_end_time must be after available_begin_time`);
	if (end - begin > 365 * DAY_MS) throw fieldRule(`${field}.available_end_time`, `${field} spans more than 365 days`);
	if (end <= nowMs) throw fieldRule(`${field}.available_end_time`, `${field}.available_end_time has already passed`);
	if (p.wait_days_after_receive !== undefined && p.available_days === undefined) throw fieldRule(`${field}.wait_days_after_receive`, `${field}.wait_days_after_receive needs available_days`);
	if (p.irregular_available_period_list !== undefined) {
		if (p.available_days !== undefined || p.wait_days_after_receive !== undefined || p.weekly_available_period !== undefined) {
			throw fieldRule(`${field}.irregular_available_period_list`, `${field}.irregular_available_period_list excludes available_days, wait_days_after_receive and weekly_available_period`);
		}
		p.irregular_available_period_list.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
			const b = /** @type {number} */ (parseRfc3339(r.begin_time));
			const e = /** @type {number} */ (parseRfc3339(r.end_time));
			if (!(b < e) || b < begin || e > end) throw fieldRule(`${field}.irregular_available_period_list[${i}]`, `${field}.irregular_available_period_list[${i}] must begin before it ends and lie inside the available period`);
		});
	}
	const weekly = p.weekly_available_period;
	if (weekly && weekly.day_period_list) {
		weekly.day_period_list.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
			if (!(r.begin_time < r.end_time)) throw fieldRule(`${field}.weekly_available_period.day_period_list[${i}]`, 'a day period must begin before it ends');
		});
	}
	if (weekly && weekly.day_list === undefined && weekly.day_period_list === undefined) throw fieldRule(`${field}.weekly_available_period`, `${field}.weekly_available_period needs day_list or day_period_list`);
}

/** @param {Record<string, any>} u usage_rule_display_info @param {string} field */
function checkUsageDisplay(u, field) {
	const methods = /** @type {string[]} */ (u.coupon_usage_method_list);
	if (methods.includes('MINI_PROGRAM') && (u.mini_program_appid === undefined || u.mini_program_path === undefined)) {
		throw fieldRule(`${field}.mini_program_appid`, `${field}: MINI_PROGRAM needs mini_program_appid and mini_program_path`);
	}
	if (methods.includes('APP') && u.app_path === undefined) throw fieldRule(`${field}.app_path`, `${field}: APP needs app_path`);
	if (u.app_jump_type === 'PASSCODE_LINK' && u.passcode_link === undefined) throw fieldRule(`${field}.passcode_link`, `${field}: app_jump_type PASSCODE_LINK needs passcode_link`);
}

/** @param {Record<string, any>} d display_info @param {string} scope @param {string} field */
function checkDisplayInfo(d, scope, field = 'display_info') {
	if (scope === 'SINGLE') {
		if (d.original_price === undefined) throw fieldRule(`${field}.original_price`, `${field}.original_price is required for scope SINGLE`);
		if (d.combo_package_list === undefined) throw fieldRule(`${field}.combo_package_list`, `${field}.combo_package_list is required for scope SINGLE`);
	}
	(d.combo_package_list || []).forEach((/** @type {any} */ pkg, /** @type {number} */ i) => {
		if (pkg.pick_count > pkg.choice_list.length) throw fieldRule(`${field}.combo_package_list[${i}].pick_count`, `pick_count ${pkg.pick_count} is more than the ${pkg.choice_list.length} choice(s)`);
	});
}

/** What a stock / bundle carries besides its rule: period, display. @param {Record<string, any>} s @param {Record<string, any>} period @param {string} field @param {number} nowMs */
function checkStockCommon(s, period, field, nowMs) {
	checkPeriod(period, `${field}.${s.single_usage_rule ? 'single_usage_rule' : 'progressive_bundle_usage_rule'}.coupon_available_period`, nowMs);
	checkUsageDisplay(s.usage_rule_display_info, `${field}.usage_rule_display_info`);
}

/** `stock` of #6 / #10 against its product coupon. @param {Record<string, any>} s @param {CouponShape} pc @param {number} nowMs @param {string} [field] */
function checkStock(s, pc, nowMs, field = 'stock') {
	const rule = s.single_usage_rule;
	oneRuleOfType(rule, pc.type, `${field}.single_usage_rule`, Object.keys(COUPON_RULES), pc.scope === 'SINGLE');
	if (pc.scope !== 'SINGLE') {
		const extra = Object.keys(COUPON_RULES).find((k) => rule[k] !== undefined);
		if (extra) throw fieldRule(`${field}.single_usage_rule.${extra}`, `scope ${pc.scope}: the coupon rule is single_usage_info of the product coupon, not ${field}.single_usage_rule.${extra}`);
	}
	checkStockCommon(s, rule.coupon_available_period, field, nowMs);
}

/** Each round at least as generous as the one before (268586067). @param {any[]} rounds @param {string} key @param {string} field */
function checkRounds(rounds, key, field) {
	for (let i = 1; i < rounds.length; i++) {
		const [a, b] = [rounds[i - 1], rounds[i]];
		const worse =
			b.threshold > a.threshold ||
			(key === 'normal_coupon_list' && b.discount_amount < a.discount_amount) ||
			(key === 'discount_coupon_list' && b.percent_off < a.percent_off) ||
			(key === 'exchange_coupon_list' && b.exchange_price > a.exchange_price);
		if (worse) throw fieldRule(`${field}[${i}]`, `round ${i + 1} is less generous than round ${i}`, NUMERIC.roundsNotIncreasing);
	}
}

/** `stock_bundle` of #6 / #20 against its product coupon. @param {Record<string, any>} b @param {CouponShape} pc @param {number} nowMs @param {string} [field] */
function checkBundle(b, pc, nowMs, field = 'stock_bundle') {
	const rule = b.progressive_bundle_usage_rule;
	const lists = ['normal_coupon_list', 'discount_coupon_list', 'exchange_coupon_list'];
	const ruleField = `${field}.progressive_bundle_usage_rule`;
	oneRuleOfType(rule, pc.type, ruleField, lists, true, '_list');
	const key = /** @type {string} */ (lists.find((k) => rule[k] !== undefined));
	if (rule[key].length !== pc.bundleCount) throw fieldRule(`${ruleField}.${key}`, `${ruleField}.${key} has ${rule[key].length} round(s); the product coupon's progressive_bundle_usage_info.count is ${pc.bundleCount}`);
	checkRounds(rule[key], key, `${ruleField}.${key}`);
	checkStockCommon(b, rule.coupon_available_period, field, nowMs);
}

/** #6 body, all rules between fields. @param {Record<string, any>} body @param {number} nowMs */
function checkCreate(body, nowMs) {
	const { scope, type, usage_mode: mode } = body;
	if (type === 'EXCHANGE' && scope !== 'SINGLE') throw fieldRule('type', `type EXCHANGE needs scope SINGLE (scope is ${scope})`);
	const bundled = mode === 'PROGRESSIVE_BUNDLE';
	if (bundled) {
		if (body.stock !== undefined) throw fieldRule('stock', 'usage_mode PROGRESSIVE_BUNDLE takes stock_bundle, not stock');
		if (body.stock_bundle === undefined) throw fieldRule('stock_bundle', 'stock_bundle is required for usage_mode PROGRESSIVE_BUNDLE');
		if (body.single_usage_info !== undefined) throw fieldRule('single_usage_info', 'single_usage_info goes with usage_mode SINGLE');
		const info = body.progressive_bundle_usage_info;
		if (info === undefined) throw fieldRule('progressive_bundle_usage_info', 'progressive_bundle_usage_info is required for usage_mode PROGRESSIVE_BUNDLE');
		if (info.count < 3 || info.count > 15) throw fieldRule('progressive_bundle_usage_info.count', `progressive_bundle_usage_info.count must be 3–15, not ${info.count}`);
	} else {
		if (body.stock_bundle !== undefined) throw fieldRule('stock_bundle', 'usage_mode SINGLE takes stock, not stock_bundle');
		if (body.stock === undefined) throw fieldRule('stock', 'stock is required for usage_mode SINGLE');
		if (body.progressive_bundle_usage_info !== undefined) throw fieldRule('progressive_bundle_usage_info', 'progressive_bundle_usage_info goes with usage_mode PROGRESSIVE_BUNDLE');
		if (scope === 'SINGLE') {
			if (body.single_usage_info !== undefined) throw fieldRule('single_usage_info', 'scope SINGLE: the coupon rule goes in stock.single_usage_rule, not single_usage_info');
		} else {
			if (body.single_usage_info === undefined) throw fieldRule('single_usage_info', `single_usage_info is required for scope ${scope}`);
			oneRuleOfType(body.single_usage_info, type, 'single_usage_info', ['normal_coupon', 'discount_coupon'], true);
		}
	}
	checkDisplayInfo(body.display_info, scope);
	/** @type {CouponShape} */
	const shape = { scope, type, usage_mode: mode, bundleCount: bundled ? body.progressive_bundle_usage_info.count : 1 };
	if (bundled) checkBundle(body.stock_bundle, shape, nowMs);
	else checkStock(body.stock, shape, nowMs);
}

/** @param {Record<string, any>} cdi coupon_display_info @param {string[]} into */
function displayImages(cdi, into) {
	if (cdi && cdi.entrance_finder) into.push(cdi.entrance_finder.finder_video_cover_image_url);
}

/**
 * Every image URL of a body, with the field it is in: display_info's image_url, background_url,
 * detail_image_url_list, choice_list[].image_url; coupon_display_info.entrance_finder.finder_video_cover_image_url.
 * @param {Record<string, any>} body @returns {Array<[string, unknown]>}
 */
function imageFields(body) {
	/** @type {Array<[string, unknown]>} */
	const out = [];
	const d = body.display_info;
	if (d) {
		out.push(['display_info.image_url', d.image_url], ['display_info.background_url', d.background_url]);
		(d.detail_image_url_list || []).forEach((/** @type {unknown} */ u, /** @type {number} */ i) => out.push([`display_info.detail_image_url_list[${i}]`, u]));
		(d.combo_package_list || []).forEach((/** @type {any} */ pkg, /** @type {number} */ i) =>
			pkg.choice_list.forEach((/** @type {any} */ c, /** @type {number} */ j) => {
				if (c.image_url !== undefined) out.push([`display_info.combo_package_list[${i}].choice_list[${j}].image_url`, c.image_url]);
			}),
		);
	}
	for (const [key, holder] of /** @type {Array<[string, any]>} */ ([['stock', body.stock], ['stock_bundle', body.stock_bundle], ['', body]])) {
		if (!holder || !holder.coupon_display_info) continue;
		/** @type {string[]} */
		const urls = [];
		displayImages(holder.coupon_display_info, urls);
		for (const u of urls) out.push([`${key ? `${key}.` : ''}coupon_display_info.entrance_finder.finder_video_cover_image_url`, u]);
	}
	return out;
}

/** Every image field must be a URL this account uploaded (#3) or generated (#4). @param {import('../router').HandlerContext} ctx @param {Record<string, any>} body */
function checkImages(ctx, body) {
	for (const [field, url] of imageFields(body)) {
		if (!ctx.world.images.owns(ctx.account.id, url)) throw fieldRule(field, `${field} must be an image_url this account got from the image upload API (${String(url).slice(0, 80)} is not)`);
	}
}

/** notify_config.notify_appid of a stock / bundle / update must be bound to the brand (268578704). @param {Record<string, any>} holder */
function notifyAppidOf(holder) {
	return holder && holder.notify_config ? holder.notify_config.notify_appid : undefined;
}

module.exports = { BODIES, COUPON_RULES, checkCreate, checkStock, checkBundle, checkDisplayInfo, checkUsageDisplay, checkImages, notifyAppidOf, MAX_COUNT };
