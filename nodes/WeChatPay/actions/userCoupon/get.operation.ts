import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import { ItemParameters } from '../itemParameters';
import type { ItemApi } from '../types';
import { couponEchoes, couponFields, READ_BACK_COUPON, readCoupon } from './common';

export const option = {
	name: 'Get',
	description: "Get a user coupon: its state, validity, usage and its product coupon's details",
	action: 'Get a user coupon',
};

export const description = couponFields.map((spec) => spec.property);

/** GET /users/{openid}/coupons/{coupon_code} (digest #30). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { couponCode, identity, path } = readCoupon(api.account, new ItemParameters(this, itemIndex));
	const response = await api.send({
		method: 'GET',
		path,
		query: identity,
		pacing: 'userCoupon',
		readBack: READ_BACK_COUPON,
		echoes: couponEchoes(couponCode, identity),
	});
	return answerOrNoContent(response, identity);
}
