import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { weChatPayApiRequest } from '../../../shared/transport/request';
import { readTransportOptions } from '../options';
import { notifyConfigAnswer, notifyConfigPath } from './answer';

export const description: INodeProperties[] = [];

/** GET notify-configs: the URL that currently receives the account's product coupon events. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await weChatPayApiRequest.call(
		this,
		itemIndex,
		{ method: 'GET', path: notifyConfigPath },
		readTransportOptions(this, itemIndex),
	);
	return notifyConfigAnswer(this, itemIndex, response.body);
}
