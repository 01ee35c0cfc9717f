import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addStockBundleBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { bodyJson, checkBody, withBodyJson } from '../campaign/body';
import { readStock, stockFields } from '../campaign/stockFields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Create',
	description: 'Add a stock bundle (批次组, one stock per round) to a multi-round product coupon; its rounds go in Body JSON',
	action: 'Add a stock bundle to a product coupon',
};

export const description: INodeProperties[] = [
	fields.brandId.property,
	fields.productCouponId.property,
	fields.outRequestNo.property,
	...stockFields,
	{
		...bodyJson,
		description:
			'The rounds, and anything else the fields do not cover, e.g. {"stock_bundle": {"progressive_bundle_usage_rule": {"normal_coupon_list": [{"threshold": 5000, "discount_amount": 500}, …]}}}: one entry per round, each at least as generous as the one before',
	},
];

/** POST /product-coupons/{product_coupon_id}/stock-bundles (digest #20): the bundle and its stocks. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const body = checkBody(
		params,
		addStockBundleBody,
		withBodyJson(params, {
			out_request_no: params.requestNumber(fields.outRequestNo),
			stock_bundle: readStock(params, 'progressive_bundle_usage_rule'),
			...brandScope(api.account, params),
		}),
	);
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stock-bundles'),
		body,
		readBack: `Run "Get Many" of the Stock resource, or add again with Out Request Number ${body.out_request_no as string}: WeChat Pay adds it once.`,
	});
	return answerOrNoContent(response, body);
}
