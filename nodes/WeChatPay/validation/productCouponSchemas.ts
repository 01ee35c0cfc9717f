import { ID_CHARACTERS, ID_CHARACTERS_HINT } from './rules';
import { fen, imageUrl, integer, list, object, oneOf, text, time } from './schema';

/**
 * The bodies of the product coupon management APIs as the digest states them (wechatpay-product-coupons.md §2,
 * §4; the 2025.11 PROGRESSIVE_BUNDLE generation, §10). Each rule written once; the operations check a whole body
 * with schemaProblem before sending.
 */
const id = (max: number) => text(max, { pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT });
const requestNumber = text(40, { min: 6, pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT });
const appid = id(32);
const count = (max: number) => integer(1, max);
const DAY_MS = 24 * 3600 * 1000;

export const normalCoupon = object({ threshold: fen(), discount_amount: fen() }, ['threshold', 'discount_amount'], (rule) =>
	(rule.threshold as number) > 0 && (rule.discount_amount as number) >= (rule.threshold as number)
		? 'discount_amount must be less than threshold (the amount off is smaller than the amount spent)'
		: (rule.discount_amount as number) < 1
			? 'discount_amount must be at least 1 fen'
			: undefined,
);
export const discountCoupon = object({ threshold: fen(), percent_off: integer(1, 99) }, ['threshold', 'percent_off']);
export const exchangeCoupon = object({ threshold: fen(), exchange_price: fen() }, ['threshold', 'exchange_price']);

/** The offer object of each coupon type, as single_usage_info / single_usage_rule name it. */
export const OFFER_KEYS = { NORMAL: 'normal_coupon', DISCOUNT: 'discount_coupon', EXCHANGE: 'exchange_coupon' } as const;

const onlyOneOffer = (value: Record<string, unknown>) =>
	Object.values(OFFER_KEYS).filter((key) => value[key] !== undefined).length > 1 ? 'give only one of normal_coupon, discount_coupon, exchange_coupon' : undefined;

const periodOfDay = object({ begin_time: integer(0, 86_400), end_time: integer(0, 86_400) }, ['begin_time', 'end_time'], (period) =>
	(period.end_time as number) <= (period.begin_time as number) ? 'end_time must be after begin_time' : undefined,
);
const dateRange = object({ begin_time: time, end_time: time }, ['begin_time', 'end_time']);

export const availablePeriod = object(
	{
		available_begin_time: time,
		available_end_time: time,
		available_days: integer(1, 365),
		wait_days_after_receive: integer(0, 30),
		weekly_available_period: object({
			day_list: list(oneOf('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'), 7, { min: 1, unique: true }),
			day_period_list: list(periodOfDay, 10),
		}),
		irregular_available_period_list: list(dateRange, 2, { min: 1 }),
	},
	['available_begin_time', 'available_end_time'],
	(period) => {
		const begin = Date.parse(period.available_begin_time as string);
		const end = Date.parse(period.available_end_time as string);
		if (end <= begin) return 'available_end_time must be after available_begin_time';
		if (end - begin > 365 * DAY_MS) return 'the available period may span at most 365 days';
		if (period.wait_days_after_receive !== undefined && period.available_days === undefined) return 'wait_days_after_receive needs available_days';
		const irregular = period.irregular_available_period_list !== undefined;
		if (irregular && (period.available_days !== undefined || period.wait_days_after_receive !== undefined || period.weekly_available_period !== undefined)) {
			return 'irregular_available_period_list excludes available_days, wait_days_after_receive and weekly_available_period';
		}
		return undefined;
	},
);

const singleUsageRule = object(
	{ coupon_available_period: availablePeriod, normal_coupon: normalCoupon, discount_coupon: discountCoupon, exchange_coupon: exchangeCoupon },
	['coupon_available_period'],
	onlyOneOffer,
);

/** Each round of a bundle at least as generous as the one before (digest §4.3, error 268586067). */
function roundsNotLessGenerous(rule: Record<string, unknown>): string | undefined {
	const lists = ['normal_coupon_list', 'discount_coupon_list', 'exchange_coupon_list'].filter((key) => rule[key] !== undefined);
	if (lists.length !== 1) return 'give exactly one of normal_coupon_list, discount_coupon_list, exchange_coupon_list (one entry per round)';
	const rounds = rule[lists[0]] as Array<Record<string, number>>;
	const better: Record<string, (now: Record<string, number>, before: Record<string, number>) => boolean> = {
		normal_coupon_list: (now, before) => now.discount_amount >= before.discount_amount && now.threshold <= before.threshold,
		discount_coupon_list: (now, before) => now.percent_off >= before.percent_off && now.threshold <= before.threshold,
		exchange_coupon_list: (now, before) => now.exchange_price <= before.exchange_price && now.threshold <= before.threshold,
	};
	for (let round = 1; round < rounds.length; round++) {
		if (!better[lists[0]](rounds[round], rounds[round - 1])) {
			return `round ${round + 1} of ${lists[0]} is less generous than round ${round}: each round must be at least as generous as the one before`;
		}
	}
	return undefined;
}

const progressiveBundleUsageRule = object(
	{
		coupon_available_period: availablePeriod,
		normal_coupon_list: list(normalCoupon, 15, { min: 3 }),
		discount_coupon_list: list(discountCoupon, 15, { min: 3 }),
		exchange_coupon_list: list(exchangeCoupon, 15, { min: 3 }),
	},
	['coupon_available_period'],
	roundsNotLessGenerous,
);

export const stockSendRule = object(
	{ max_count: count(100_000_000), max_count_per_day: count(100_000_000), max_count_per_user: count(100) },
	['max_count', 'max_count_per_user'],
	(rule) => ((rule.max_count_per_day as number) > (rule.max_count as number) ? 'max_count_per_day may not exceed max_count' : undefined),
);

const USAGE_METHODS = ['OFFLINE', 'MINI_PROGRAM', 'APP', 'PAYMENT_CODE'];
export const usageRuleDisplayInfo = object(
	{
		coupon_usage_method_list: list(oneOf(...USAGE_METHODS), 4, { min: 1, unique: true }),
		mini_program_appid: appid,
		mini_program_path: text(128),
		app_path: text(128),
		app_jump_type: oneOf('H5', 'PASSCODE_LINK', 'USAGE_GUIDE'),
		passcode_link: text(256),
		usage_description: text(1000, { min: 1 }),
		coupon_available_store_info: object(
			{ description: text(1000, { min: 1 }), mini_program_appid: appid, mini_program_path: text(128) },
			['description'],
		),
	},
	['coupon_usage_method_list', 'usage_description'],
	(info) => {
		const methods = (info.coupon_usage_method_list as string[] | undefined) ?? [];
		if (methods.includes('MINI_PROGRAM') && (!info.mini_program_appid || !info.mini_program_path)) {
			return 'MINI_PROGRAM in coupon_usage_method_list needs mini_program_appid and mini_program_path';
		}
		if (methods.includes('APP') && !info.app_path) return 'APP in coupon_usage_method_list needs app_path';
		return undefined;
	},
);

const BACKGROUND_COLORS = Array.from({ length: 10 }, (_, index) => `Color${String((index + 1) * 10).padStart(3, '0')}`);
export const couponDisplayInfo = object({
	code_display_mode: oneOf('INVISIBLE', 'BARCODE', 'QRCODE'),
	background_color: oneOf(...BACKGROUND_COLORS),
	entrance_mini_program: object(
		{ appid, path: text(128, { min: 1 }), entrance_wording: text(5, { min: 1 }), guidance_wording: text(6) },
		['appid', 'path', 'entrance_wording'],
	),
	entrance_official_account: object({ appid }, ['appid']),
	entrance_finder: object({ finder_id: text(64), finder_video_id: text(128), finder_video_cover_image_url: imageUrl }),
});

export const notifyConfig = object({ notify_appid: appid }, ['notify_appid']);
export const storeScope = oneOf('NONE', 'ALL', 'SPECIFIC');

const stockCommon = {
	remark: text(20),
	stock_send_rule: stockSendRule,
	usage_rule_display_info: usageRuleDisplayInfo,
	coupon_display_info: couponDisplayInfo,
	notify_config: notifyConfig,
	store_scope: storeScope,
};
const STOCK_REQUIRED = ['coupon_code_mode', 'stock_send_rule', 'usage_rule_display_info', 'coupon_display_info', 'notify_config', 'store_scope'];

/** The stock object of create (#6) and add stock (#10), digest §4.2. */
export const stock = object(
	{ ...stockCommon, coupon_code_mode: oneOf('WECHATPAY', 'UPLOAD', 'API_ASSIGN'), single_usage_rule: singleUsageRule },
	[...STOCK_REQUIRED, 'single_usage_rule'],
);

/** The stock bundle object of create (#6) and add stock bundle (#20), digest §4.3. */
export const stockBundle = object(
	{ ...stockCommon, coupon_code_mode: oneOf('WECHATPAY', 'UPLOAD'), progressive_bundle_usage_rule: progressiveBundleUsageRule },
	[...STOCK_REQUIRED, 'progressive_bundle_usage_rule'],
);

const choice = object(
	{ name: text(15, { min: 1 }), price: fen(), count: integer(1, 99), image_url: imageUrl, mini_program_appid: appid, mini_program_path: text(128) },
	['name', 'price', 'count'],
);
const comboPackage = object({ name: text(15, { min: 1 }), pick_count: integer(1, 99), choice_list: list(choice, 99, { min: 1 }) }, ['name', 'pick_count', 'choice_list'], (combo) =>
	(combo.pick_count as number) > (combo.choice_list as unknown[]).length ? 'pick_count may not exceed the number of choices' : undefined,
);

/** display_info of create (#6) and update (#8). */
export const displayInfo = object(
	{
		name: text(15, { min: 3 }),
		image_url: imageUrl,
		background_url: imageUrl,
		detail_image_url_list: list(imageUrl, 8),
		original_price: fen(),
		combo_package_list: list(comboPackage, 50, { min: 1 }),
	},
	['name', 'image_url', 'background_url'],
);

/** The cross-field rules of create (#6), digest §4.1. */
function createRules(body: Record<string, unknown>): string | undefined {
	const { scope, type, usage_mode: mode } = body as Record<string, string>;
	if (type === 'EXCHANGE' && scope !== 'SINGLE') return 'type EXCHANGE needs scope SINGLE';
	if (mode === 'SINGLE') {
		if (body.stock === undefined || body.stock_bundle !== undefined) return 'usage_mode SINGLE takes stock, not stock_bundle';
		if (body.progressive_bundle_usage_info !== undefined) return 'progressive_bundle_usage_info is only for usage_mode PROGRESSIVE_BUNDLE';
	} else {
		if (body.stock_bundle === undefined || body.stock !== undefined) return 'usage_mode PROGRESSIVE_BUNDLE takes stock_bundle, not stock';
		if (body.progressive_bundle_usage_info === undefined) return 'usage_mode PROGRESSIVE_BUNDLE needs progressive_bundle_usage_info';
		const rounds = (body.progressive_bundle_usage_info as Record<string, number>).count;
		const rule = (body.stock_bundle as Record<string, Record<string, unknown[]>>).progressive_bundle_usage_rule;
		const listed = Object.values(rule).find(Array.isArray)?.length;
		if (listed !== rounds) return `progressive_bundle_usage_info.count is ${rounds}, but the bundle lists ${listed ?? 0} rounds`;
	}
	const offer = OFFER_KEYS[type as keyof typeof OFFER_KEYS];
	const display = body.display_info as Record<string, unknown>;
	if (scope === 'SINGLE') {
		if (display.original_price === undefined || display.combo_package_list === undefined) {
			return 'scope SINGLE needs display_info.original_price and display_info.combo_package_list';
		}
		if (mode === 'SINGLE' && (body.stock as Record<string, Record<string, unknown>>).single_usage_rule[offer] === undefined) {
			return `scope SINGLE with type ${type} needs stock.single_usage_rule.${offer}`;
		}
	} else if (mode === 'SINGLE') {
		const info = body.single_usage_info as Record<string, unknown> | undefined;
		if (!info || info[offer] === undefined) return `scope ${scope} with type ${type} needs single_usage_info.${offer}`;
	}
	return undefined;
}

/** POST /product-coupons (#6). */
export const createProductCouponBody = object(
	{
		out_request_no: requestNumber,
		brand_id: id(64),
		scope: oneOf('ALL', 'SINGLE', 'CATEGORY'),
		type: oneOf('NORMAL', 'DISCOUNT', 'EXCHANGE'),
		usage_mode: oneOf('SINGLE', 'PROGRESSIVE_BUNDLE'),
		single_usage_info: object({ normal_coupon: normalCoupon, discount_coupon: discountCoupon }, [], onlyOneOffer),
		progressive_bundle_usage_info: object({ count: integer(3, 15), interval_days: integer(0, 7) }, ['count']),
		display_info: displayInfo,
		out_product_no: text(40),
		stock,
		stock_bundle: stockBundle,
	},
	['out_request_no', 'scope', 'type', 'usage_mode', 'display_info'],
	createRules,
);

/** PATCH /product-coupons/{id} (#8): the whole display_info. */
export const updateProductCouponBody = object({ out_request_no: requestNumber, brand_id: id(64), display_info: displayInfo }, [
	'out_request_no',
	'display_info',
]);

/** POST …/stocks (#10) and …/stock-bundles (#20). */
export const addStockBody = object({ out_request_no: requestNumber, brand_id: id(64), stock }, ['out_request_no', 'stock']);
export const addStockBundleBody = object({ out_request_no: requestNumber, brand_id: id(64), stock_bundle: stockBundle }, ['out_request_no', 'stock_bundle']);

/** PATCH …/stocks/{id} (#13) and …/stock-bundles/{id} (#21): what may change after creation. */
export const updateStockBody = object(
	{
		out_request_no: requestNumber,
		brand_id: id(64),
		remark: text(20),
		usage_rule_display_info: usageRuleDisplayInfo,
		coupon_display_info: couponDisplayInfo,
		notify_config: notifyConfig,
		store_scope: storeScope,
	},
	['out_request_no'],
	(body) =>
		['remark', 'usage_rule_display_info', 'coupon_display_info', 'notify_config', 'store_scope'].some((key) => body[key] !== undefined)
			? undefined
			: 'nothing to change: give at least one of remark, usage_rule_display_info, coupon_display_info, notify_config, store_scope',
);

/** POST …/update-budget (#14, #22): one dimension per call. */
export const updateBudgetBody = object(
	{
		out_request_no: requestNumber,
		brand_id: id(64),
		update_mode: oneOf('MAX_COUNT', 'MAX_COUNT_PER_DAY'),
		current_max_count: count(100_000_000),
		target_max_count: count(100_000_000),
		current_max_count_per_day: count(100_000_000),
		target_max_count_per_day: count(100_000_000),
	},
	['out_request_no', 'update_mode'],
	(body) => {
		const suffix = body.update_mode === 'MAX_COUNT' ? 'max_count' : 'max_count_per_day';
		const other = body.update_mode === 'MAX_COUNT' ? 'max_count_per_day' : 'max_count';
		if (body[`current_${suffix}`] === undefined || body[`target_${suffix}`] === undefined) return `update_mode ${body.update_mode as string} needs current_${suffix} and target_${suffix}`;
		if (body[`current_${other}`] !== undefined || body[`target_${other}`] !== undefined) return `update_mode ${body.update_mode as string} changes only ${suffix}`;
		return undefined;
	},
);

export const deactivateBody = object({ out_request_no: requestNumber, brand_id: id(64), deactivate_reason: text(150, { min: 1 }) }, [
	'out_request_no',
	'deactivate_reason',
]);

/** POST …/associate-stores, …/disassociate-stores (#16, #17, #23, #24). */
export const storeListBody = object({ brand_id: id(64), store_list: list(object({ store_id: id(32) }, ['store_id']), 200, { min: 1, unique: true }) }, ['store_list']);

/** POST …/upload-coupon-codes (#19). */
export const uploadCodesBody = object({ out_request_no: requestNumber, brand_id: id(64), code_list: list(id(40), 200, { min: 1 }) }, ['out_request_no', 'code_list']);

/** POST /image-generation-tasks (#4). */
export const imageTaskBody = object(
	{
		task_id: requestNumber,
		brand_id: id(64),
		image_generation_type: oneOf('COMBINE_IMAGE', 'CUT_OUT'),
		// The header image of an ALL-scope coupon, built from the brand's elements and the offer (digest §8).
		combine_image: object(
			{
				scope: oneOf('ALL', 'SINGLE', 'CATEGORY'),
				type: oneOf('NORMAL', 'DISCOUNT', 'EXCHANGE'),
				usage_mode: oneOf('SINGLE', 'PROGRESSIVE_BUNDLE'),
				normal_coupon: normalCoupon,
				discount_coupon: discountCoupon,
				exchange_coupon: exchangeCoupon,
				background_color: text(7, { pattern: /^#[0-9A-Fa-f]{6}$/, patternHint: 'a colour as #RRGGBB' }),
			},
			['scope', 'type', 'usage_mode'],
			onlyOneOffer,
		),
		cut_out: object({ image_url: imageUrl }, ['image_url']),
	},
	['task_id', 'image_generation_type'],
	(body) =>
		body.image_generation_type === 'CUT_OUT'
			? body.cut_out === undefined || body.combine_image !== undefined
				? 'CUT_OUT takes cut_out (with the image_url of an uploaded image), not combine_image'
				: undefined
			: body.combine_image === undefined || body.cut_out !== undefined
				? 'COMBINE_IMAGE takes combine_image, not cut_out'
				: undefined,
);
