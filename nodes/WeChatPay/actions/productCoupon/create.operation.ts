import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createProductCouponBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { bodyJson, checkBody, withBodyJson } from '../campaign/body';
import { offerFields, readOffer } from '../campaign/offerFields';
import { readStock, stockFields } from '../campaign/stockFields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import * as coupon from './fields';

export const option = {
	name: 'Create',
	description: 'Create a product coupon with its first stock (or stock bundle); it is AUDITING until WeChat Pay approves it',
	action: 'Create a product coupon',
};

export const description: INodeProperties[] = [
	fields.brandId.property,
	fields.outRequestNo.property,
	coupon.scope,
	coupon.usageMode,
	coupon.bundleCount,
	coupon.intervalDays,
	// A bundle's offers are its rounds (Body JSON): the plain offer fields are for a single-use coupon.
	...offerFields.map((field, index) =>
		index === 0 ? field : { ...field, displayOptions: { show: { ...field.displayOptions?.show, usageMode: ['SINGLE'] } } },
	),
	...coupon.displayFields,
	coupon.outProductNo.property,
	...stockFields,
	bodyJson,
];

/** POST /product-coupons (digest #6): the product coupon with its first stock or stock bundle. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const scope = params.value<string>('scope', 'ALL');
	const usageMode = params.value<string>('usageMode', 'SINGLE');
	const single = usageMode === 'SINGLE';
	const { type, key, offer } = single ? readOffer(params) : { type: params.value<string>('type', 'NORMAL'), key: '', offer: {} };
	const display = coupon.readDisplay(params);
	// Where the offer goes: single_usage_info for a whole-order coupon, the stock's rule for a single item.
	const body: IDataObject = {
		out_request_no: params.requestNumber(fields.outRequestNo),
		scope,
		type,
		usage_mode: usageMode,
		// single_usage_info takes amount off or percent off only: an exchange is for one item (scope Single).
		...(single && scope !== 'SINGLE' && type !== 'EXCHANGE' ? { single_usage_info: { [key]: offer } } : {}),
		...(single
			? { stock: readStock(params, 'single_usage_rule', scope === 'SINGLE' ? { [key]: offer } : undefined) }
			: {
					progressive_bundle_usage_info: {
						count: params.integer({ ...coupon.bundleCount, required: true }, 3, 15),
						interval_days: params.integer(coupon.intervalDays, 0, 7) ?? 0,
					},
					stock_bundle: readStock(params, 'progressive_bundle_usage_rule'),
				}),
		display_info: display,
		...brandScope(api.account, params),
	};
	const productNo = params.optional(coupon.outProductNo);
	if (productNo !== undefined) body.out_product_no = productNo;
	const checked = checkBody(params, createProductCouponBody, withBodyJson(params, body));
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons'),
		body: checked,
		readBack: `Run "Get Many" of the Stock resource, or create again with Out Request Number ${checked.out_request_no as string}: WeChat Pay creates it once.`,
		echoes: {
			'display_info.name': (checked.display_info as IDataObject).name as string,
			scope: checked.scope as string,
			type: checked.type as string,
			usage_mode: checked.usage_mode as string,
			...(checked.brand_id === undefined ? {} : { brand_id: checked.brand_id as string }),
		},
	});
	return answerOrNoContent(response, checked);
}
