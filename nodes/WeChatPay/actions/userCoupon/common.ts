import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WeChatPayAccount } from '../../../shared/account';
import * as fields from '../fields';
import { answerOrNoContent } from '../answer';
import type { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

/** How to see a user coupon when a change's outcome is unknown. */
export const READ_BACK_COUPON = 'Run "Get" of the User Coupon resource to see the coupon\'s state.';

/** Fields of the operations on one user coupon: the brand, the user and the coupon, then the coupon's identity. */
export const couponFields = [fields.brandId, fields.openid, fields.couponCode, fields.productCouponId, fields.stockId, fields.appid];

/** The coupon an operation acts on: its path (user and code) and the identity every body or query carries. */
export function readCoupon(account: WeChatPayAccount, params: ItemParameters, ...action: string[]) {
	const openid = params.required(fields.openid);
	const couponCode = params.required(fields.couponCode);
	const identity: IDataObject = {
		product_coupon_id: params.required(fields.productCouponId),
		stock_id: params.required(fields.stockId),
		appid: params.required(fields.appid),
		...brandScope(account, params),
	};
	return { couponCode, identity, path: productCouponPath(account, 'users', openid, 'coupons', couponCode, ...action) };
}

/** What a user-coupon answer must echo: this coupon, and for a service provider this brand. */
export function couponEchoes(couponCode: string, identity: IDataObject, more: Record<string, string> = {}): Record<string, string> {
	return {
		coupon_code: couponCode,
		'stock.stock_id': identity.stock_id as string,
		...(identity.brand_id === undefined ? {} : { brand_id: identity.brand_id as string }),
		...more,
	};
}

/** Where a redeemed or returned coupon records its request: single coupons and bundle rounds differ. */
export const usageDetail = (field: string) => `single_usage_detail.${field}|progressive_bundle_usage_detail.${field}`;

/**
 * A change to one user coupon (digest #31–#34): POST …/coupons/{coupon_code}/{action} with the coupon's identity,
 * the request number and the action's own fields; the answer must be this coupon, carrying this request number.
 */
export async function changeCoupon(
	api: ItemApi,
	params: ItemParameters,
	action: 'confirm' | 'use' | 'return' | 'deactivate',
	numberAt: string,
	own: (params: ItemParameters) => IDataObject = () => ({}),
): Promise<IDataObject> {
	const { couponCode, identity, path } = readCoupon(api.account, params, action);
	const body: IDataObject = { ...identity, out_request_no: params.requestNumber(fields.outRequestNo), ...own(params) };
	const response = await api.send({
		method: 'POST',
		path,
		body,
		pacing: 'userCoupon',
		readBack: `${READ_BACK_COUPON} Or send it again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
		echoes: couponEchoes(couponCode, identity, { [numberAt]: body.out_request_no as string }),
	});
	return answerOrNoContent(response, body);
}

/** The coupon code to give, for a stock whose coupon_code_mode is API_ASSIGN (send and pre-send). */
export const assignedCode = fields.optionalField(
	fields.couponCode,
	'Only for a stock whose coupon_code_mode is API_ASSIGN, and then required: the code to give the coupon',
);

/** What a send or pre-send names: the user, the coupon and its stock (or stock bundle), the AppID, the number. */
export function sendFields(target: 'stock' | 'bundle', sendRequestNo: fields.FieldSpec): INodeProperties[] {
	return [
		fields.brandId,
		fields.openid,
		fields.productCouponId,
		target === 'stock' ? fields.stockId : fields.stockBundleId,
		fields.appid,
		sendRequestNo,
		...(target === 'stock' ? [assignedCode] : []),
		fields.attach,
	].map((spec) => spec.property);
}

/** The user and body of a send or pre-send (digest #25–#28), checked. */
export function readSend(account: WeChatPayAccount, params: ItemParameters, target: 'stock' | 'bundle', sendRequestNo: fields.FieldSpec) {
	const openid = params.required(fields.openid);
	const body: IDataObject = {
		product_coupon_id: params.required(fields.productCouponId),
		...(target === 'stock' ? { stock_id: params.required(fields.stockId) } : { stock_bundle_id: params.required(fields.stockBundleId) }),
		appid: params.required(fields.appid),
		send_request_no: params.requestNumber(sendRequestNo),
		...brandScope(account, params),
	};
	const code = target === 'stock' ? params.optional(assignedCode) : undefined;
	if (code !== undefined) body.coupon_code = code;
	const attach = params.optional(fields.attach);
	if (attach !== undefined) body.attach = attach;
	return { openid, body, sendRequestNo: body.send_request_no as string };
}
