import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { STOCK } from '../campaign/stockTargets';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { readHowMany, readPages } from '../paging';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Get Stores',
	description: 'List the stores a stock is valid in: one output item per store',
	action: 'Get the stores of a stock',
};

export const description = [...[fields.brandId, fields.productCouponId, fields.stockId].map((spec) => spec.property), fields.returnAll, fields.limit];

/** GET …/stocks/{stock_id}/associated-stores (digest #18), page after page (200 a page). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject[]> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const stockId = params.required(fields.stockId);
	return await readPages(
		this,
		itemIndex,
		api,
		{
			path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks', stockId, 'associated-stores'),
			query: brandScope(api.account, params),
			readBack: STOCK.readBack,
		},
		{ listKey: 'store_list', pageSize: 200, wanted: readHowMany(this, itemIndex) },
	);
}
