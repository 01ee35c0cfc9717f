import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeStores, STOCK_BUNDLE, storeFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Associate Stores',
	description: 'Make every stock of a bundle valid in these stores (at most 200 per call)',
	action: 'Associate stores with a stock bundle',
};

export const description = storeFields(STOCK_BUNDLE);

/** POST …/stock-bundles/{stock_bundle_id}/associate-stores (digest #23). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeStores(this, itemIndex, api, STOCK_BUNDLE, 'associate-stores');
}
