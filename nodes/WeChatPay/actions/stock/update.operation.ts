import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { STOCK, update, updateFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Update',
	description: "Change a SENDING or PAUSED stock's remark, display, store scope or notify AppID",
	action: 'Update a stock',
};

export const description = updateFields(STOCK);

/** PATCH /product-coupons/{product_coupon_id}/stocks/{stock_id} (digest #13). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await update(this, itemIndex, api, STOCK);
}
