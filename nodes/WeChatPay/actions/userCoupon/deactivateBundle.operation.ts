import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { READ_BACK_COUPON } from './common';

export const option = {
	name: 'Deactivate Bundle',
	description: "Make every coupon of a user's bundle that is not used yet unusable",
	action: 'Deactivate a user coupon bundle',
};

export const description = [
	fields.brandId,
	fields.openid,
	fields.userCouponBundleId,
	fields.productCouponId,
	fields.stockBundleId,
	fields.appid,
	fields.outRequestNo,
	fields.deactivateReason,
].map((spec) => spec.property);

/** POST /users/{openid}/coupon-bundles/{user_coupon_bundle_id}/deactivate (digest #35). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const openid = params.required(fields.openid);
	const bundleId = params.required(fields.userCouponBundleId);
	const body: IDataObject = {
		product_coupon_id: params.required(fields.productCouponId),
		stock_bundle_id: params.required(fields.stockBundleId),
		appid: params.required(fields.appid),
		out_request_no: params.requestNumber(fields.outRequestNo),
		deactivate_reason: params.required(fields.deactivateReason),
		...brandScope(api.account, params),
	};
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'users', openid, 'coupon-bundles', bundleId, 'deactivate'),
		body,
		pacing: 'userCoupon',
		readBack: `${READ_BACK_COUPON} Or send it again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
		echoes: { user_coupon_bundle_id: bundleId },
	});
	return answerOrNoContent(response, body);
}
