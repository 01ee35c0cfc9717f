import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addStockBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { bodyJson, checkBody, withBodyJson } from '../campaign/body';
import { offerFields, readOffer } from '../campaign/offerFields';
import { readStock, stockFields } from '../campaign/stockFields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Create',
	description: 'Add a stock (批次) to an EFFECTIVE single-use product coupon (at most 200 live stocks)',
	action: 'Add a stock to a product coupon',
};

const withOffer: INodeProperties = {
	displayName: 'Single-Item Offer',
	name: 'withOffer',
	type: 'boolean',
	default: false,
	description: 'Whether the product coupon is a single-item one (scope Single): then the stock carries the offer below',
};

export const description: INodeProperties[] = [
	fields.brandId.property,
	fields.productCouponId.property,
	fields.outRequestNo.property,
	withOffer,
	...offerFields.map((field) => ({ ...field, displayOptions: { show: { ...field.displayOptions?.show, withOffer: [true] } } })),
	...stockFields,
	bodyJson,
];

/** POST /product-coupons/{product_coupon_id}/stocks (digest #10). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const offer = params.value<boolean>('withOffer', false) ? readOffer(params) : undefined;
	const body = checkBody(
		params,
		addStockBody,
		withBodyJson(params, {
			out_request_no: params.requestNumber(fields.outRequestNo),
			stock: readStock(params, 'single_usage_rule', offer ? { [offer.key]: offer.offer } : undefined),
			...brandScope(api.account, params),
		}),
	);
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks'),
		body,
		readBack: `Run "Get Many" of the Stock resource, or add again with Out Request Number ${body.out_request_no as string}: WeChat Pay adds it once.`,
		echoes: { product_coupon_id: productCouponId },
	});
	return answerOrNoContent(response, body);
}
