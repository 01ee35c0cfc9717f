import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeStores, STOCK_BUNDLE, storeFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Disassociate Stores',
	description: 'Make every stock of a bundle no longer valid in these stores (at most 200 per call)',
	action: 'Disassociate stores from a stock bundle',
};

export const description = storeFields(STOCK_BUNDLE);

/** POST …/stock-bundles/{stock_bundle_id}/disassociate-stores (digest #24). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeStores(this, itemIndex, api, STOCK_BUNDLE, 'disassociate-stores');
}
