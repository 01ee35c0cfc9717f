import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { budgetFields, STOCK, updateBudget } from '../campaign/stockTargets';
import type { ItemApi } from '../types';

export const option = {
	name: 'Update Budget',
	description: "Raise or lower a stock's total or daily budget (reads the current one itself when not given)",
	action: 'Update a stock budget',
};

export const description = budgetFields(STOCK);

/** POST …/stocks/{stock_id}/update-budget (digest #14). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	return await updateBudget(this, itemIndex, api, STOCK);
}
