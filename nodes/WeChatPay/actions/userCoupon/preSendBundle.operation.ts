import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requestNumber } from '../fields';
import { ItemParameters } from '../itemParameters';
import { productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { readSend, sendFields } from './common';
import { tokenAnswer } from './tokenAnswer';

export const option = {
	name: 'Pre-Send Bundle',
	description: 'Get a token for the coupon component to claim every round of a multi-round product coupon',
	action: 'Pre-send a coupon bundle to a user',
};

const sendRequestNo = requestNumber('sendRequestNo', 'Send Request Number', 40);

export const description = sendFields('bundle', sendRequestNo);

/** POST /users/{openid}/pre-send-coupon-bundle (digest #28). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { openid, body } = readSend(api.account, new ItemParameters(this, itemIndex), 'bundle', sendRequestNo);
	return await tokenAnswer(this, itemIndex, api, { path: productCouponPath(api.account, 'users', openid, 'pre-send-coupon-bundle'), body });
}
