import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requestNumber } from '../fields';
import { ItemParameters } from '../itemParameters';
import { productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { readSend, sendFields } from './common';
import { tokenAnswer } from './tokenAnswer';

export const option = {
	name: 'Pre-Send',
	description: 'Get a token for the coupon component (领券组件): the user claims the coupon in the mini program',
	action: 'Pre-send a coupon to a user',
};

const sendRequestNo = requestNumber('sendRequestNo', 'Send Request Number', 40);

export const description = sendFields('stock', sendRequestNo);

/** POST /users/{openid}/pre-send-coupon (digest #26): a token the mini program's coupon component takes. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { openid, body } = readSend(api.account, new ItemParameters(this, itemIndex), 'stock', sendRequestNo);
	return await tokenAnswer(this, itemIndex, api, { path: productCouponPath(api.account, 'users', openid, 'pre-send-coupon'), body });
}
