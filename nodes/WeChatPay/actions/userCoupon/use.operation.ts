import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ID_CHARACTERS, ID_CHARACTERS_HINT } from '../../validation/rules';
import type { FieldSpec } from '../fields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { changeCoupon, couponFields, usageDetail } from './common';
import { orderFields, readOrder } from './orderFields';

export const option = {
	name: 'Redeem',
	description: 'Redeem (核销) a user coupon against a WeChat Pay or PayScore order',
	action: 'Redeem a user coupon',
};

const useTime: FieldSpec = {
	property: {
		displayName: 'Use Time',
		name: 'useTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11-30T10:00:00+08:00',
		description: 'When the coupon was used, with an offset (RFC 3339); sent in Beijing time. Empty: now.',
	},
	rule: { max: 64 },
};
const storeId: FieldSpec = {
	property: { displayName: 'Store ID', name: 'storeId', type: 'string', default: '', placeholder: 'e.g. 10001', description: 'The store of the same brand where it was used (optional; the store must be open)' },
	rule: { max: 32, pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT },
};

export const description = [...couponFields, fields.outRequestNo, useTime, ...orderFields, storeId].map((spec) => spec.property);

/** POST …/coupons/{coupon_code}/use (digest #32): EFFECTIVE → USED, tied to its order. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeCoupon(api, new ItemParameters(this, itemIndex), 'use', usageDetail('use_request_no'), (params) => {
		const store = params.optional(storeId);
		return { use_time: params.time(useTime), ...readOrder(params), ...(store === undefined ? {} : { store_id: store }) };
	});
}
