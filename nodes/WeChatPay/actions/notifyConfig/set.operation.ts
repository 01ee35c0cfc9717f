import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { notifyUrlProblem } from '../../validation/notifyUrl';
import { answerOrNoContent } from '../answer';
import type { ItemApi } from '../types';
import { READ_BACK_NOTIFY_URL } from './readBack';

export const option = {
	name: 'Set Notify URL',
	description: 'Set the URL that receives all product coupon events of the account',
	action: 'Set notify URL',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/wechatpay',
		description:
			"The https:// address that receives all of the account's product coupon events, such as the WeChat Pay Trigger's production URL. At most 256 characters, no query string.",
	},
];

/** POST notify-configs: points every product coupon event of the account at one URL. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const notifyUrl = this.getNodeParameter('notifyUrl', itemIndex);
	const problem = notifyUrlProblem(notifyUrl);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem, {
			itemIndex,
			description: `Item ${itemIndex} (counting from 0) gives the Notify URL ${JSON.stringify(notifyUrl)}; nothing was sent for it.`,
		});
	}
	const body = { notify_url: notifyUrl as string };
	const response = await api.send({
		method: 'POST',
		path: api.account.scheme.notifyConfigPath,
		body,
		readBack: READ_BACK_NOTIFY_URL,
		// The answer must be the setting this request made, not a replayed answer to another Set.
		echoes: { notify_url: body.notify_url },
	});
	return answerOrNoContent(response, body);
}
