import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deactivateReason } from '../fields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { changeCoupon, couponFields } from './common';

export const option = {
	name: 'Deactivate',
	description: 'Make a user coupon unusable',
	action: 'Deactivate a user coupon',
};

export const description = [...couponFields, fields.outRequestNo, deactivateReason].map((spec) => spec.property);

/** POST …/coupons/{coupon_code}/deactivate (digest #34): → DEACTIVATED. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeCoupon(api, new ItemParameters(this, itemIndex), 'deactivate', 'deactivate_request_no', (params) => ({
		deactivate_reason: params.required(deactivateReason),
	}));
}
