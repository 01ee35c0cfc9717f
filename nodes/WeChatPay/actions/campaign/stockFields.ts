import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { appid as appidField } from '../fields';
import type { FieldSpec, ItemParameters } from '../itemParameters';

/**
 * A stock (批次) as plain fields, the common shape (digest §4.2): its budget, its validity window, how it is used
 * and shown, where its events go. Anything deeper goes into Body JSON.
 */
const number = (displayName: string, name: string, description: string, defaultValue: number, more: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: defaultValue,
	description,
	...more,
});
const timeField = (displayName: string, name: string, description: string): FieldSpec => ({
	property: { displayName, name, type: 'string', default: '', required: true, placeholder: 'e.g. 2026-12-01T00:00:00+08:00', description },
	rule: { max: 64 },
});

export const couponCodeMode: INodeProperties = {
	displayName: 'Coupon Code Mode',
	name: 'couponCodeMode',
	type: 'options',
	default: 'WECHATPAY',
	description: "Where the coupons' codes come from",
	options: [
		{ name: 'API Assign (Given at Each Send)', value: 'API_ASSIGN' },
		{ name: 'Upload (Uploaded in Advance)', value: 'UPLOAD' },
		{ name: 'WeChat Pay (Generated)', value: 'WECHATPAY' },
	],
};
export const maxCount = number('Max Count', 'maxCount', 'How many coupons the stock may give out in all (1–100,000,000)', 1000, { required: true });
export const maxCountPerUser = number('Max Count Per User', 'maxCountPerUser', 'How many one user may get (1–100)', 1, { required: true });
export const maxCountPerDay = number('Max Count Per Day', 'maxCountPerDay', 'How many may be given out per day; 0 for no daily limit (it cannot be added or removed later)', 0);
export const availableBeginTime = timeField('Available Begin Time', 'availableBeginTime', 'When the coupons become usable, with an offset (RFC 3339)');
export const availableEndTime = timeField('Available End Time', 'availableEndTime', 'When they stop being usable (at most 365 days after the begin)');
export const availableDays = number('Available Days', 'availableDays', 'Days a coupon is usable after it is received (or after the wait); 0: the whole window', 0);
export const waitDaysAfterReceive = number('Wait Days After Receive', 'waitDaysAfterReceive', 'Days after receiving before a coupon becomes usable (needs Available Days)', 0);
export const usageDescription: FieldSpec = {
	property: { displayName: 'Usage Description', name: 'usageDescription', type: 'string', default: '', required: true, typeOptions: { rows: 2 }, description: 'How to use the coupon, as the user reads it (at most 1000 characters)' },
	rule: { min: 1, max: 1000 },
};
export const couponUsageMethods: INodeProperties = {
	displayName: 'Coupon Usage Methods',
	name: 'couponUsageMethods',
	type: 'multiOptions',
	default: ['OFFLINE'],
	description: 'Where the coupon can be used',
	options: [
		{ name: 'App', value: 'APP' },
		{ name: 'Mini Program', value: 'MINI_PROGRAM' },
		{ name: 'Offline (In Store)', value: 'OFFLINE' },
		{ name: 'Payment Code', value: 'PAYMENT_CODE' },
	],
};
export const miniProgramAppid: FieldSpec = {
	property: { displayName: 'Mini Program AppID', name: 'miniProgramAppid', type: 'string', default: '', description: 'With the Mini Program usage method: the mini program that redeems it' },
	rule: appidField.rule,
};
export const miniProgramPath: FieldSpec = {
	property: { displayName: 'Mini Program Path', name: 'miniProgramPath', type: 'string', default: '', placeholder: 'e.g. pages/coupon/index', description: 'With the Mini Program usage method: the page that redeems it' },
	rule: { max: 128 },
};
export const notifyAppid: FieldSpec = {
	property: { displayName: 'Notify AppID', name: 'notifyAppid', type: 'string', default: '', required: true, description: 'The AppID (bound to the brand) whose OpenIDs the SEND events carry' },
	rule: appidField.rule,
};
export const storeScope: INodeProperties = {
	displayName: 'Store Scope',
	name: 'storeScope',
	type: 'options',
	default: 'NONE',
	description: 'In which stores the coupon is valid; Specific: associate them with Stock → Associate Stores',
	options: [
		{ name: 'All Stores', value: 'ALL' },
		{ name: 'No Stores', value: 'NONE' },
		{ name: 'Specific Stores', value: 'SPECIFIC' },
	],
};
export const remark: FieldSpec = {
	property: { displayName: 'Remark', name: 'remark', type: 'string', default: '', description: 'A note only the brand sees (at most 20 characters)' },
	rule: { max: 20 },
};

export const stockFields = [
	couponCodeMode,
	maxCount,
	maxCountPerUser,
	maxCountPerDay,
	availableBeginTime.property,
	availableEndTime.property,
	availableDays,
	waitDaysAfterReceive,
	usageDescription.property,
	couponUsageMethods,
	miniProgramAppid.property,
	miniProgramPath.property,
	notifyAppid.property,
	storeScope,
	remark.property,
];

/**
 * The stock object without its usage rule's offer: the same for a stock and for a stock bundle (whose rounds come
 * from Body JSON). `ruleKey` is single_usage_rule or progressive_bundle_usage_rule.
 */
export function readStock(params: ItemParameters, ruleKey: 'single_usage_rule' | 'progressive_bundle_usage_rule', offer?: IDataObject): IDataObject {
	const period: IDataObject = {
		available_begin_time: params.time(availableBeginTime),
		available_end_time: params.time(availableEndTime),
	};
	const days = params.integer(availableDays, 1, 365, { zeroIsNone: true });
	if (days !== undefined) period.available_days = days;
	const wait = params.integer(waitDaysAfterReceive, 1, 30, { zeroIsNone: true });
	if (wait !== undefined) period.wait_days_after_receive = wait;
	const sendRule: IDataObject = {
		max_count: params.integer(maxCount, 1, 100_000_000),
		max_count_per_user: params.integer(maxCountPerUser, 1, 100),
	};
	const perDay = params.integer(maxCountPerDay, 1, 100_000_000, { zeroIsNone: true });
	if (perDay !== undefined) sendRule.max_count_per_day = perDay;
	const display: IDataObject = {
		coupon_usage_method_list: params.value<string[]>('couponUsageMethods', ['OFFLINE']),
		usage_description: params.required(usageDescription),
	};
	const appid = params.optional(miniProgramAppid);
	if (appid !== undefined) display.mini_program_appid = appid;
	const path = params.optional(miniProgramPath);
	if (path !== undefined) display.mini_program_path = path;
	const stock: IDataObject = {
		coupon_code_mode: params.value<string>('couponCodeMode', 'WECHATPAY'),
		stock_send_rule: sendRule,
		[ruleKey]: { coupon_available_period: period, ...(offer ?? {}) },
		usage_rule_display_info: display,
		coupon_display_info: { code_display_mode: 'INVISIBLE' },
		notify_config: { notify_appid: params.required(notifyAppid) },
		store_scope: params.value<string>('storeScope', 'NONE'),
	};
	const note = params.optional(remark);
	if (note !== undefined) stock.remark = note;
	return stock;
}
