import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unexpectedAnswer } from '../answer';
import type { ItemApi } from '../types';
import { READ_BACK_NOTIFY_URL } from './readBack';

export const option = {
	name: 'Get Notify URL',
	description: 'Get the URL that receives all product coupon events of the account',
	action: 'Get notify URL',
};

export const description: INodeProperties[] = [];

/** GET notify-configs: the URL that currently receives the account's product coupon events. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const { body } = await api.send({ method: 'GET', path: api.account.scheme.notifyConfigPath, readBack: READ_BACK_NOTIFY_URL });
	// Output as sent (update_time untouched, whatever its format), once it is the answer this API gives.
	if (body && typeof body.notify_url === 'string') return body;
	throw unexpectedAnswer(this, itemIndex, 'a notify_url', 'a notify config');
}
