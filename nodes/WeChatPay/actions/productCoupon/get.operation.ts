import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { READ_BACK_PRODUCT_COUPON } from './fields';

export const option = {
	name: 'Get',
	description: 'Get a product coupon: its state, offer and display (without its stocks)',
	action: 'Get a product coupon',
};

export const description = [fields.brandId, fields.productCouponId].map((spec) => spec.property);

/** GET /product-coupons/{product_coupon_id} (digest #7). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const id = params.required(fields.productCouponId);
	const query = brandScope(api.account, params);
	const response = await api.send({
		method: 'GET',
		path: productCouponPath(api.account, 'product-coupons', id),
		query,
		readBack: READ_BACK_PRODUCT_COUPON,
		echoes: { product_coupon_id: id },
	});
	return answerOrNoContent(response, query);
}
