import {
	createProductCouponBody,
	imageTaskBody,
	storeListBody,
	updateBudgetBody,
	updateStockBody,
} from '../../nodes/WeChatPay/validation/productCouponSchemas';
import { schemaProblem } from '../../nodes/WeChatPay/validation/schema';
import { toWeChatPayTime } from '../../nodes/WeChatPay/validation/time';

/** The digest's rules for deep bodies (wechatpay-product-coupons.md §4), as a table of bodies and their problems. */
const IMAGE = 'https://wxpaylogo.qpic.cn/wxpaylogo/abc/0';
const stock = () => ({
	coupon_code_mode: 'WECHATPAY',
	stock_send_rule: { max_count: 1000, max_count_per_user: 1 },
	single_usage_rule: { coupon_available_period: { available_begin_time: '2026-12-01T00:00:00+08:00', available_end_time: '2026-12-31T23:59:59+08:00' } },
	usage_rule_display_info: { coupon_usage_method_list: ['OFFLINE'], usage_description: 'Show at the till' },
	coupon_display_info: { code_display_mode: 'INVISIBLE' },
	notify_config: { notify_appid: 'wxd678efh567hg6787' },
	store_scope: 'NONE',
});
const createAll = () => ({
	out_request_no: 'CREATE-0001',
	scope: 'ALL',
	type: 'NORMAL',
	usage_mode: 'SINGLE',
	single_usage_info: { normal_coupon: { threshold: 5000, discount_amount: 500 } },
	display_info: { name: '5 off 50', image_url: IMAGE, background_url: IMAGE },
	stock: stock(),
});
type Body = ReturnType<typeof createAll> & Record<string, unknown>;
const change = (edit: (body: Body) => void) => {
	const body = createAll() as Body;
	edit(body);
	return body;
};
const bundleRounds = (list: Array<{ threshold: number; discount_amount: number }>) =>
	change((body) => {
		body.usage_mode = 'PROGRESSIVE_BUNDLE';
		delete (body as Partial<Body>).stock;
		delete (body as Partial<Body>).single_usage_info;
		body.progressive_bundle_usage_info = { count: list.length, interval_days: 0 };
		const { single_usage_rule, ...rest } = stock();
		body.stock_bundle = { ...rest, progressive_bundle_usage_rule: { coupon_available_period: single_usage_rule.coupon_available_period, normal_coupon_list: list } };
	});

describe('create product coupon (#6)', () => {
	it('accepts a whole-order amount-off coupon with its first stock', () => {
		expect(schemaProblem(createProductCouponBody, createAll(), '')).toBeUndefined();
	});

	it('accepts a three-round bundle whose rounds grow more generous', () => {
		expect(schemaProblem(createProductCouponBody, bundleRounds([{ threshold: 5000, discount_amount: 500 }, { threshold: 5000, discount_amount: 800 }, { threshold: 4000, discount_amount: 800 }]), '')).toBeUndefined();
	});

	it.each([
		['a missing out_request_no', change((b) => delete (b as Partial<Body>).out_request_no), 'out_request_no is required'],
		['an unknown field', change((b) => (b.colour = 'red')), 'colour is not a field WeChat Pay takes here'],
		['a name of 2 characters', change((b) => (b.display_info.name = '5%')), 'display_info.name is 2 characters long; WeChat Pay needs at least 3'],
		['a name of 16 characters', change((b) => (b.display_info.name = '满五十减五元优惠券一张仅限本店使用')), 'display_info.name is 17 characters long; WeChat Pay accepts at most 15'],
		['an image not from the upload', change((b) => (b.display_info.image_url = 'https://example.com/a.png')), "display_info.image_url is \"https://example.com/a.png\"; it must be an image URL from WeChat Pay's image upload"],
		['money with fen fractions', change((b) => (b.single_usage_info.normal_coupon.threshold = 49.5)), 'single_usage_info.normal_coupon.threshold must be a whole number (fen), got 49.5'],
		['an amount off not below the threshold', change((b) => (b.single_usage_info.normal_coupon.discount_amount = 5000)), 'single_usage_info.normal_coupon: discount_amount must be less than threshold'],
		['EXCHANGE with scope ALL', change((b) => (b.type = 'EXCHANGE')), 'type EXCHANGE needs scope SINGLE'],
		['scope ALL without single_usage_info', change((b) => delete (b as Partial<Body>).single_usage_info), 'scope ALL with type NORMAL needs single_usage_info.normal_coupon'],
		['a type whose offer is missing', change((b) => (b.type = 'DISCOUNT')), 'scope ALL with type DISCOUNT needs single_usage_info.discount_coupon'],
		['scope SINGLE without combo packages', change((b) => (b.scope = 'SINGLE')), 'scope SINGLE needs display_info.original_price and display_info.combo_package_list'],
		['a bad enum', change((b) => (b.stock.store_scope = 'SOME')), 'stock.store_scope is "SOME"; it must be one of NONE, ALL, SPECIFIC'],
		['max_count_per_user over 100', change((b) => (b.stock.stock_send_rule.max_count_per_user = 101)), 'stock.stock_send_rule.max_count_per_user is 101; WeChat Pay accepts 1 to 100'],
		['a time without an offset', change((b) => (b.stock.single_usage_rule.coupon_available_period.available_begin_time = '2026-12-01T00:00:00')), 'which has no offset'],
		['a time in UTC', change((b) => (b.stock.single_usage_rule.coupon_available_period.available_begin_time = '2026-11-30T16:00:00Z')), 'write it as 2026-12-01T00:00:00+08:00'],
		['a window over 365 days', change((b) => (b.stock.single_usage_rule.coupon_available_period.available_end_time = '2028-01-01T00:00:00+08:00')), 'the available period may span at most 365 days'],
		['a window ending before it begins', change((b) => (b.stock.single_usage_rule.coupon_available_period.available_end_time = '2026-11-01T00:00:00+08:00')), 'available_end_time must be after available_begin_time'],
		['MINI_PROGRAM without its mini program', change((b) => (b.stock.usage_rule_display_info.coupon_usage_method_list = ['MINI_PROGRAM'])), 'MINI_PROGRAM in coupon_usage_method_list needs mini_program_appid and mini_program_path'],
		['a usage method twice', change((b) => (b.stock.usage_rule_display_info.coupon_usage_method_list = ['OFFLINE', 'OFFLINE'])), 'coupon_usage_method_list lists an entry twice'],
		['both stock and stock_bundle', change((b) => (b.stock_bundle = {})), 'stock_bundle'],
		['a bundle round less generous than the one before', bundleRounds([{ threshold: 5000, discount_amount: 800 }, { threshold: 5000, discount_amount: 500 }, { threshold: 5000, discount_amount: 900 }]), 'round 2 of normal_coupon_list is less generous than round 1'],
		['a bundle whose count differs from its rounds', { ...bundleRounds([{ threshold: 0, discount_amount: 1 }, { threshold: 0, discount_amount: 1 }, { threshold: 0, discount_amount: 1 }]), progressive_bundle_usage_info: { count: 4 } }, 'progressive_bundle_usage_info.count is 4, but the bundle lists 3 rounds'],
	])('refuses %s, naming the field', (_case, body, problem) => {
		expect(schemaProblem(createProductCouponBody, body, '')).toContain(problem);
	});
});

describe('other bodies', () => {
	it.each([
		[updateBudgetBody, { out_request_no: 'BUDGET-001', update_mode: 'MAX_COUNT', current_max_count: 10, target_max_count: 20 }, undefined],
		[updateBudgetBody, { out_request_no: 'BUDGET-001', update_mode: 'MAX_COUNT', target_max_count: 20 }, 'update_mode MAX_COUNT needs current_max_count and target_max_count'],
		[updateBudgetBody, { out_request_no: 'BUDGET-001', update_mode: 'MAX_COUNT', current_max_count: 10, target_max_count: 20, target_max_count_per_day: 5 }, 'update_mode MAX_COUNT changes only max_count'],
		[updateStockBody, { out_request_no: 'UPDATE-001' }, 'nothing to change'],
		[storeListBody, { store_list: Array.from({ length: 201 }, (_, i) => ({ store_id: `S${i}` })) }, 'store_list has 201 entries; WeChat Pay accepts at most 200'],
		[storeListBody, { store_list: [{ store_id: 'S1' }, { store_id: 'S1' }] }, 'store_list lists an entry twice'],
		[imageTaskBody, { task_id: 'TASK-0001', image_generation_type: 'CUT_OUT', cut_out: { image_url: IMAGE } }, undefined],
		[imageTaskBody, { task_id: 'TASK-0001', image_generation_type: 'CUT_OUT', combine_image: { scope: 'ALL', type: 'NORMAL', usage_mode: 'SINGLE' } }, 'CUT_OUT takes cut_out'],
		[imageTaskBody, { task_id: 'TASK-0001', image_generation_type: 'COMBINE_IMAGE', combine_image: { scope: 'ALL', type: 'NORMAL', usage_mode: 'SINGLE', background_color: 'red' } }, 'combine_image.background_color may contain a colour as #RRGGBB'],
	])('%#', (schema, body, problem) => {
		const found = schemaProblem(schema, body, '');
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toContain(problem);
	});
});

describe('times', () => {
	it.each([
		['2026-11-30T10:00:00+08:00', '2026-11-30T10:00:00+08:00'],
		['2026-11-30T02:00:00Z', '2026-11-30T10:00:00+08:00'],
		['2026-11-30T02:00:00.999Z', '2026-11-30T10:00:00+08:00'],
		['2026-11-30T11:00:00+09:00', '2026-11-30T10:00:00+08:00'],
		['2026-11-30 10:00+0800', '2026-11-30T10:00:00+08:00'],
	])('%s is sent as %s', (given, sent) => expect(toWeChatPayTime(given)).toEqual({ time: sent }));

	it.each(['2026-11-30T10:00:00', '2026-02-30T10:00:00+08:00', '2026-11-30T24:00:00+08:00', 'tomorrow', ''])('%j is refused', (given) => {
		expect(toWeChatPayTime(given)).toEqual({ problem: expect.any(String) });
	});
});
