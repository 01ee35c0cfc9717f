import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { readHowMany, readPages } from '../paging';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { READ_BACK_COUPON } from './common';

export const option = {
	name: 'Get Many',
	description: "List a user's coupons, optionally by state, product coupon, stock or bundle",
	action: 'Get many user coupons',
};

/** WeChat Pay's largest page for this list (digest #29). */
const PAGE_SIZE = 50;

const couponState: INodeProperties = {
	displayName: 'Coupon State',
	name: 'couponState',
	type: 'options',
	default: '',
	description: 'Only coupons in this state',
	options: [
		{ name: 'Any', value: '' },
		{ name: 'Confirming (Waits for Confirm)', value: 'CONFIRMING' },
		{ name: 'Deactivated', value: 'DEACTIVATED' },
		{ name: 'Deleted (by the User)', value: 'DELETED' },
		{ name: 'Effective', value: 'EFFECTIVE' },
		{ name: 'Expired', value: 'EXPIRED' },
		{ name: 'Pending (Not Yet Valid)', value: 'PENDING' },
		{ name: 'Used', value: 'USED' },
	],
};
const filters = [
	fields.optionalField(fields.productCouponId, 'Only coupons of this product coupon'),
	fields.optionalField(fields.stockId, 'Only coupons of this stock'),
	fields.optionalField(fields.userCouponBundleId, "Only the coupons of this user's bundle"),
];

export const description: INodeProperties[] = [
	...[fields.brandId, fields.openid, fields.appid].map((spec) => spec.property),
	couponState,
	...filters.map((spec) => spec.property),
	fields.returnAll,
	fields.limit,
];

const FILTER_QUERY = ['product_coupon_id', 'stock_id', 'user_coupon_bundle_id'];

/** GET /users/{openid}/coupons (digest #29), page after page: one output item per coupon. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject[]> {
	const params = new ItemParameters(this, itemIndex);
	const openid = params.required(fields.openid);
	const query: IDataObject = { appid: params.required(fields.appid), ...brandScope(api.account, params) };
	const state = this.getNodeParameter('couponState', itemIndex, '') as string;
	if (state) query.coupon_state = state;
	filters.forEach((spec, index) => {
		const value = params.optional(spec);
		if (value !== undefined) query[FILTER_QUERY[index]] = value;
	});
	return await readPages(
		this,
		itemIndex,
		api,
		{ path: productCouponPath(api.account, 'users', openid, 'coupons'), query, pacing: 'userCoupon', readBack: READ_BACK_COUPON },
		{ listKey: 'user_coupon_list', pageSize: PAGE_SIZE, wanted: readHowMany(this, itemIndex) },
	);
}
