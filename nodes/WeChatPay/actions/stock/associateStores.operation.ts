import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeStores, STOCK, storeFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Associate Stores',
	description: 'Make a stock valid in these stores (store scope Specific only; at most 200 per call)',
	action: 'Associate stores with a stock',
};

export const description = storeFields(STOCK);

/** POST …/stocks/{stock_id}/associate-stores (digest #16). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeStores(this, itemIndex, api, STOCK, 'associate-stores');
}
