import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import { requestNumber } from '../fields';
import { ItemParameters } from '../itemParameters';
import { productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { readSend, sendFields } from './common';

export const option = {
	name: 'Send',
	description: 'Send a product coupon to a user; it stays CONFIRMING until confirmed',
	action: 'Send a coupon to a user',
};

const sendRequestNo = requestNumber('sendRequestNo', 'Send Request Number', 128);

export const description = sendFields('stock', sendRequestNo);

/** POST /users/{openid}/coupons (digest #25): the user coupon, CONFIRMING, as WeChat Pay answers it. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { openid, body, sendRequestNo: number } = readSend(api.account, new ItemParameters(this, itemIndex), 'stock', sendRequestNo);
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'users', openid, 'coupons'),
		body,
		pacing: 'userCoupon',
		readBack: `Run "Get Many" of the User Coupon resource for this user to see whether it was sent, or Send again with Send Request Number ${number}: WeChat Pay sends it once.`,
		echoes: {
			send_request_no: number,
			'stock.stock_id': body.stock_id as string,
			...(body.coupon_code === undefined ? {} : { coupon_code: body.coupon_code as string }),
			...(body.brand_id === undefined ? {} : { brand_id: body.brand_id as string }),
		},
	});
	return answerOrNoContent(response, body);
}
