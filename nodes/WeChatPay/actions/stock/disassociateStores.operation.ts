import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeStores, STOCK, storeFields } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Disassociate Stores',
	description: 'Make a stock no longer valid in these stores (at most 200 per call)',
	action: 'Disassociate stores from a stock',
};

export const description = storeFields(STOCK);

/** POST …/stocks/{stock_id}/disassociate-stores (digest #17). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await changeStores(this, itemIndex, api, STOCK, 'disassociate-stores');
}
