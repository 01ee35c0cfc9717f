import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateProductCouponBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { bodyJson, checkBody, withBodyJson } from '../campaign/body';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import * as coupon from './fields';

export const option = {
	name: 'Update',
	description: "Change an EFFECTIVE product coupon's display (name, images, price); coupons issued later show it",
	action: 'Update a product coupon',
};

export const description: INodeProperties[] = [
	fields.brandId.property,
	fields.productCouponId.property,
	fields.outRequestNo.property,
	...coupon.displayFields,
	bodyJson,
];

/** PATCH /product-coupons/{product_coupon_id} (digest #8): the whole display_info. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const id = params.required(fields.productCouponId);
	const display = coupon.readDisplay(params);
	const body = checkBody(
		params,
		updateProductCouponBody,
		withBodyJson(params, { out_request_no: params.requestNumber(fields.outRequestNo), display_info: display, ...brandScope(api.account, params) }),
	);
	const response = await api.send({
		method: 'PATCH',
		path: productCouponPath(api.account, 'product-coupons', id),
		body,
		readBack: `${coupon.READ_BACK_PRODUCT_COUPON} Or update again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
		echoes: { product_coupon_id: id, 'display_info.name': (body.display_info as IDataObject).name as string },
	});
	return answerOrNoContent(response, body);
}
