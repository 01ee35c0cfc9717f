import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { STOCK } from '../campaign/stockTargets';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { readHowMany, readPages } from '../paging';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Get Many',
	description: "List a product coupon's stocks, optionally by state or stock bundle",
	action: 'Get many stocks',
};

const state: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'options',
	default: '',
	description: 'Only stocks in this state',
	options: [
		{ name: 'Any', value: '' },
		{ name: 'Auditing', value: 'AUDITING' },
		{ name: 'Deactivated', value: 'DEACTIVATED' },
		{ name: 'Paused', value: 'PAUSED' },
		{ name: 'Sending', value: 'SENDING' },
		{ name: 'Stopped (End Time Passed)', value: 'STOPPED' },
	],
};
const bundle = fields.optionalField(fields.stockBundleId, 'Only the stocks of this stock bundle');

export const description: INodeProperties[] = [
	fields.brandId.property,
	fields.productCouponId.property,
	state,
	bundle.property,
	fields.returnAll,
	fields.limit,
];

/** GET /product-coupons/{product_coupon_id}/stocks (digest #11), page after page: one output item per stock. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject[]> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const query: IDataObject = { ...brandScope(api.account, params) };
	const wantedState = params.value<string>('state', '');
	if (wantedState) query.state = wantedState;
	const bundleId = params.optional(bundle);
	if (bundleId !== undefined) query.stock_bundle_id = bundleId;
	return await readPages(
		this,
		itemIndex,
		api,
		{ path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks'), query, readBack: STOCK.readBack },
		{ listKey: 'stock_list', pageSize: 50, wanted: readHowMany(this, itemIndex) },
	);
}
