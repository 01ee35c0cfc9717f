import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { STOCK_BUNDLE, update, updateFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Update',
	description: "Change every stock of a bundle: remark, display, store scope or notify AppID",
	action: 'Update a stock bundle',
};

export const description = updateFields(STOCK_BUNDLE);

/** PATCH …/stock-bundles/{stock_bundle_id} (digest #21). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await update(this, itemIndex, api, STOCK_BUNDLE);
}
