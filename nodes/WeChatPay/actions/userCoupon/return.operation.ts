import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { changeCoupon, couponFields, usageDetail } from './common';

export const option = {
	name: 'Return',
	description: 'Give a redeemed coupon back to the user, when its order is refunded or cancelled',
	action: 'Return a user coupon',
};

export const description = [...couponFields, fields.outRequestNo].map((spec) => spec.property);

/** POST …/coupons/{coupon_code}/return (digest #33): USED → usable again. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeCoupon(api, new ItemParameters(this, itemIndex), 'return', usageDetail('return_request_no'));
}
