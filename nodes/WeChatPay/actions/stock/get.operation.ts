import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import { STOCK } from '../campaign/stockTargets';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Get',
	description: 'Get a stock: its state, budget, what it has sent, its rules',
	action: 'Get a stock',
};

export const description = [fields.brandId, fields.productCouponId, fields.stockId].map((spec) => spec.property);

/** GET /product-coupons/{product_coupon_id}/stocks/{stock_id} (digest #12). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const stockId = params.required(fields.stockId);
	const query = brandScope(api.account, params);
	const response = await api.send({
		method: 'GET',
		path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks', stockId),
		query,
		readBack: STOCK.readBack,
		echoes: { stock_id: stockId },
	});
	return answerOrNoContent(response, query);
}
