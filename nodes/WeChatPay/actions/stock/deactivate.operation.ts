import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deactivateBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { checkBody } from '../campaign/body';
import { STOCK } from '../campaign/stockTargets';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';

export const option = {
	name: 'Deactivate',
	description: 'Stop a stock: no new coupons from it; coupons already issued stay valid',
	action: 'Deactivate a stock',
};

export const description = [fields.brandId, fields.productCouponId, fields.stockId, fields.outRequestNo, fields.deactivateReason].map((spec) => spec.property);

/** POST …/stocks/{stock_id}/deactivate (digest #15). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const productCouponId = params.required(fields.productCouponId);
	const stockId = params.required(fields.stockId);
	const body = checkBody(params, deactivateBody, {
		out_request_no: params.requestNumber(fields.outRequestNo),
		deactivate_reason: params.required(fields.deactivateReason),
		...brandScope(api.account, params),
	});
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'product-coupons', productCouponId, 'stocks', stockId, 'deactivate'),
		body,
		readBack: `${STOCK.readBack} Or deactivate again with Out Request Number ${body.out_request_no as string}: WeChat Pay applies it once.`,
		echoes: { stock_id: stockId, deactivate_request_no: body.out_request_no as string },
	});
	return answerOrNoContent(response, body);
}
