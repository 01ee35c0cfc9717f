import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { weChatPayApiRequest } from '../../../shared/transport/request';
import { notifyUrlProblem } from '../../validation/notifyUrl';
import { readTransportOptions } from '../options';
import { notifyConfigAnswer, notifyConfigPath } from './answer';

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
		displayOptions: { show: { resource: ['notifyConfig'], operation: ['set'] } },
	},
];

/** POST notify-configs: points every product coupon event of the account at one URL. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const notifyUrl = this.getNodeParameter('notifyUrl', itemIndex);
	const problem = notifyUrlProblem(notifyUrl);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem, {
			itemIndex,
			description: `Item ${itemIndex} (counting from 0) gives the Notify URL ${JSON.stringify(notifyUrl)}; nothing was sent for it.`,
		});
	}
	const response = await weChatPayApiRequest.call(
		this,
		itemIndex,
		{ method: 'POST', path: notifyConfigPath, body: { notify_url: notifyUrl as string } },
		readTransportOptions(this, itemIndex),
	);
	// A verified 204 carries no body: the URL sent is the one now set.
	return notifyConfigAnswer(this, itemIndex, response.body ?? { notify_url: notifyUrl as string });
}
