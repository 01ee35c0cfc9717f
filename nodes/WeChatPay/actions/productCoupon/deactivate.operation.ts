import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deactivateBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { checkBody } from '../campaign/body';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { READ_BACK_PRODUCT_COUPON } from './fields';

export const option = {
	name: 'Deactivate',
	description: 'Stop a product coupon: all its stocks and channels stop; coupons already issued stay valid',
	action: 'Deactivate a product coupon',
};

export const description = [fields.brandId, fields.productCouponId, fields.outRequestNo, fields.deactivateReason].map((spec) => spec.property);

/** POST /product-coupons/{product_coupon_id}/deactivate (digest #9). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const id = params.required(fields.productCouponId);
	const body = checkBody(params, deactivateBody, {
		out_request_no: params.requestNumber(fields.outRequestNo),
		deactivate_reason: params.required(fields.deactivateReason),
		...brandScope(api.account, params),
	});
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons', id, 'deactivate'),
		body,
		readBack: `${READ_BACK_PRODUCT_COUPON} Or deactivate again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
		echoes: { product_coupon_id: id, deactivate_request_no: body.out_request_no as string },
	});
	return answerOrNoContent(response, body);
}
