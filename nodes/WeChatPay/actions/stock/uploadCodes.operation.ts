import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { uploadCodesBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { checkBody } from '../campaign/body';
import { readList, STOCK } from '../campaign/stockTargets';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Upload Codes',
	description: 'Upload coupon codes to a stock whose coupon code mode is Upload (at most 200 per call)',
	action: 'Upload coupon codes to a stock',
};

const couponCodes: INodeProperties = {
	displayName: 'Coupon Codes',
	name: 'couponCodes',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: 'e.g. CODE0001, CODE0002',
	description: 'The codes, separated by commas or new lines (or a list from an expression); each at most 40 letters, digits, "_" or "-"',
};

export const description = [...[fields.brandId, fields.productCouponId, fields.stockId, fields.outRequestNo].map((spec) => spec.property), couponCodes];

/** POST …/stocks/{stock_id}/upload-coupon-codes (digest #19): which codes were taken, which were not, and why. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const stockId = params.required(fields.stockId);
	const body = checkBody(params, uploadCodesBody, {
		out_request_no: params.requestNumber(fields.outRequestNo),
		code_list: readList(params, couponCodes),
		...brandScope(api.account, params),
	});
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks', stockId, 'upload-coupon-codes'),
		body,
		readBack: `${STOCK.readBack} Or upload again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
	});
	return answerOrNoContent(response, body);
}
