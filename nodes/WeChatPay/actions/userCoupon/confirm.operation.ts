import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { changeCoupon, couponFields } from './common';

export const option = {
	name: 'Confirm',
	description: 'Confirm a coupon a user received (after its SEND event): until then the user cannot use it',
	action: 'Confirm a user coupon',
};

export const description = [...couponFields, fields.outRequestNo].map((spec) => spec.property);

/** POST …/coupons/{coupon_code}/confirm (digest #31): CONFIRMING → PENDING or EFFECTIVE. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeCoupon(api, new ItemParameters(this, itemIndex), 'confirm', 'confirm_request_no');
}
