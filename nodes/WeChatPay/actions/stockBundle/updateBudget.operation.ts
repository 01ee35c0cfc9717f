import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { budgetFields, STOCK_BUNDLE, updateBudget } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Update Budget',
	description: "Raise or lower a bundle's total or daily budget (reads the current one itself when not given)",
	action: 'Update a stock bundle budget',
};

export const description = budgetFields(STOCK_BUNDLE);

/** POST …/stock-bundles/{stock_bundle_id}/update-budget (digest #22). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await updateBudget(this, itemIndex, api, STOCK_BUNDLE);
}
