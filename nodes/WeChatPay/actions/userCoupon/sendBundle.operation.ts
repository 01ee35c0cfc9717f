import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import { requestNumber } from '../fields';
import { ItemParameters } from '../itemParameters';
import { productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { readSend, sendFields } from './common';

export const option = {
	name: 'Send Bundle',
	description: 'Send a user every round of a multi-round product coupon (a stock bundle)',
	action: 'Send a coupon bundle to a user',
};

const sendRequestNo = requestNumber('sendRequestNo', 'Send Request Number', 128);

export const description = sendFields('bundle', sendRequestNo);

/** POST /users/{openid}/coupon-bundles (digest #27): the user's bundle and its coupons, one per round. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { openid, body, sendRequestNo: number } = readSend(api.account, new ItemParameters(this, itemIndex), 'bundle', sendRequestNo);
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'users', openid, 'coupon-bundles'),
		body,
		pacing: 'userCoupon',
		readBack: `Run "Get Many" of the User Coupon resource for this user to see whether it was sent, or Send Bundle again with Send Request Number ${number}: WeChat Pay sends it once.`,
		echoes: { 'user_product_coupon_list.0.send_request_no': number },
	});
	return answerOrNoContent(response, body);
}
