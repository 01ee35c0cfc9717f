import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { storeListBody, updateBudgetBody, updateStockBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import * as fields from '../fields';
import { ItemParameters, type FieldSpec } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { bodyJson, checkBody, withBodyJson } from './body';
import { notifyAppid, remark, storeScope } from './stockFields';

/**
 * What a stock (批次) and a stock bundle (批次组) share after creation: updates, budgets and stores (digest #13–#17,
 * #21–#24). One implementation, told which of the two it acts on.
 */
export interface StockTarget {
	/** The path segment under the product coupon. */
	segment: 'stocks' | 'stock-bundles';
	idField: FieldSpec;
	/** The answer's field that names the target. */
	answerId: 'stock_id' | 'stock_bundle_id';
	/** Where the answer carries the send rule. */
	sendRuleAt: string;
	readBack: string;
}

export const STOCK: StockTarget = {
	segment: 'stocks',
	idField: fields.stockId,
	answerId: 'stock_id',
	sendRuleAt: 'stock_send_rule',
	readBack: 'Run "Get" of the Stock resource to see it.',
};
export const STOCK_BUNDLE: StockTarget = {
	segment: 'stock-bundles',
	idField: fields.stockBundleId,
	answerId: 'stock_bundle_id',
	sendRuleAt: 'stock_list.0.stock_send_rule',
	readBack: 'Run "Get Many" of the Stock resource with the Stock Bundle ID to see its stocks.',
};

const again = (body: IDataObject) => `Or send it again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`;

function targetPath(api: ItemApi, params: ItemParameters, target: StockTarget, ...action: string[]) {
	const productCouponId = params.required(fields.productCouponId);
	const id = params.required(target.idField);
	return { id, path: productCouponPath(api.account, 'product-coupons', productCouponId, target.segment, id, ...action) };
}

// ---- update (#13, #21)

const keepStoreScope: INodeProperties = { ...storeScope, default: '', options: [{ name: 'Keep', value: '' }, ...(storeScope.options ?? [])] };
const optionalNotifyAppid = fields.optionalField(notifyAppid, 'A new notify AppID (empty: keep)');

export const updateFields = (target: StockTarget): INodeProperties[] => [
	fields.brandId.property,
	fields.productCouponId.property,
	target.idField.property,
	fields.outRequestNo.property,
	{ ...remark.property, description: 'A new note only the brand sees (empty: keep)' },
	keepStoreScope,
	optionalNotifyAppid.property,
	{ ...bodyJson, description: 'Other changes as JSON, e.g. a whole usage_rule_display_info or coupon_display_info. Merged into the body, which is checked before it is sent.' },
];

export async function update(ctx: IExecuteFunctions, itemIndex: number, api: ItemApi, target: StockTarget): Promise<IDataObject> {
	const params = new ItemParameters(ctx, itemIndex);
	const { id, path } = targetPath(api, params, target);
	const body: IDataObject = { out_request_no: params.requestNumber(fields.outRequestNo), ...brandScope(api.account, params) };
	const note = params.optional(remark);
	if (note !== undefined) body.remark = note;
	const scope = params.value<string>('storeScope', '');
	if (scope) body.store_scope = scope;
	const appid = params.optional(optionalNotifyAppid);
	if (appid !== undefined) body.notify_config = { notify_appid: appid };
	const checked = checkBody(params, updateStockBody, withBodyJson(params, body));
	const response = await api.send({ method: 'PATCH', path, body: checked, readBack: `${target.readBack} ${again(checked)}`, echoes: { [target.answerId]: id } });
	return answerOrNoContent(response, checked);
}

// ---- budget (#14, #22)

const updateMode: INodeProperties = {
	displayName: 'Update Mode',
	name: 'updateMode',
	type: 'options',
	default: 'MAX_COUNT',
	description: 'Which budget to change (one per call)',
	options: [
		{ name: 'Max Count (Whole Stock)', value: 'MAX_COUNT' },
		{ name: 'Max Count Per Day', value: 'MAX_COUNT_PER_DAY' },
	],
};
const targetCount: INodeProperties = {
	displayName: 'Target',
	name: 'targetCount',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1000,
	required: true,
	description: 'The new budget; not less than what was already sent',
};
const currentCount: INodeProperties = {
	displayName: 'Current',
	name: 'currentCount',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description: 'The budget now, as WeChat Pay requires it in the request; 0: read it first (one more request)',
};

export const budgetFields = (target: StockTarget): INodeProperties[] => [
	fields.brandId.property,
	fields.productCouponId.property,
	target.idField.property,
	fields.outRequestNo.property,
	updateMode,
	targetCount,
	currentCount,
];

/** The budget now: from a Get Stock, or for a bundle from the first stock a list of its stocks gives. */
async function readCurrent(api: ItemApi, params: ItemParameters, target: StockTarget, ruleKey: string): Promise<number> {
	const productCouponId = params.required(fields.productCouponId);
	const id = params.required(target.idField);
	const query = brandScope(api.account, params);
	const stock =
		target === STOCK
			? (await api.send({ method: 'GET', path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks', id), query, readBack: target.readBack, echoes: { stock_id: id } })).body
			: ((
					await api.send({
						method: 'GET',
						path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks'),
						query: { ...query, stock_bundle_id: id, page_size: 1 },
						readBack: target.readBack,
					})
				).body?.stock_list as IDataObject[] | undefined)?.[0];
	const current = (stock?.stock_send_rule as IDataObject | undefined)?.[ruleKey];
	if (typeof current !== 'number') {
		throw params.refuse(currentCount, `could not be read: the ${target.answerId === 'stock_id' ? 'stock' : 'bundle'} has no ${ruleKey}`, 'give the current budget yourself');
	}
	return current;
}

export async function updateBudget(ctx: IExecuteFunctions, itemIndex: number, api: ItemApi, target: StockTarget): Promise<IDataObject> {
	const params = new ItemParameters(ctx, itemIndex);
	const mode = params.value<string>('updateMode', 'MAX_COUNT');
	const ruleKey = mode === 'MAX_COUNT' ? 'max_count' : 'max_count_per_day';
	const wanted = params.integer(targetCount, 1, 100_000_000) as number;
	const { id, path } = targetPath(api, params, target, 'update-budget');
	const number = params.requestNumber(fields.outRequestNo);
	const given = params.integer(currentCount, 1, 100_000_000, { zeroIsNone: true });
	const body = checkBody(params, updateBudgetBody, {
		out_request_no: number,
		update_mode: mode,
		[`current_${ruleKey}`]: given ?? (await readCurrent(api, params, target, ruleKey)),
		[`target_${ruleKey}`]: wanted,
		...brandScope(api.account, params),
	});
	const response = await api.send({
		method: 'POST',
		path,
		body,
		readBack: `${target.readBack} ${again(body)}`,
		echoes: { [target.answerId]: id, [`${target.sendRuleAt}.${ruleKey}`]: wanted },
	});
	return answerOrNoContent(response, body);
}

// ---- stores (#16, #17, #23, #24)

const storeIds: INodeProperties = {
	displayName: 'Store IDs',
	name: 'storeIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 10001, 10002',
	description: 'The stores, separated by commas or new lines (or a list from an expression); at most 200 per call',
};

export const storeFields = (target: StockTarget): INodeProperties[] => [fields.brandId.property, fields.productCouponId.property, target.idField.property, storeIds];

/** A list parameter: comma or line separated text, or a list an expression gives. */
export function readList(params: ItemParameters, property: INodeProperties): string[] {
	const value = params.value<unknown>(property.name, '');
	const entries = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\n,]/);
	const list = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
	if (list.length === 0) throw params.refuse(property, 'is empty', 'list at least one');
	return list;
}

export async function changeStores(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: ItemApi,
	target: StockTarget,
	action: 'associate-stores' | 'disassociate-stores',
): Promise<IDataObject> {
	const params = new ItemParameters(ctx, itemIndex);
	const { path } = targetPath(api, params, target, action);
	const body = checkBody(params, storeListBody, {
		store_list: readList(params, storeIds).map((storeId) => ({ store_id: storeId })),
		...brandScope(api.account, params),
	});
	// Associating the same stores again changes nothing, so this call has no request number and may be retried.
	const response = await api.send({ method: 'POST', path, body, readBack: 'Run "Get Stores" of the Stock resource to see its stores.' });
	return answerOrNoContent(response, body);
}
