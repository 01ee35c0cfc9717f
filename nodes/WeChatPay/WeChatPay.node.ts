import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { transportOptions } from './actions/options';
import { resourceProperties } from './actions/resourceDescription';
import { RESOURCES } from './actions/resources';
import { route } from './actions/router';

export class WeChatPay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Pay',
		name: 'weChatPay',
		icon: { light: 'file:wechatpay.svg', dark: 'file:wechatpay.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'WeChat Pay (微信支付) APIv3: send, confirm, redeem and return product coupons (商品券), build campaigns, and call any endpoint, every request signed and every answer verified',
		defaults: { name: 'WeChat Pay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wechatPayApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map(({ resource }) => resource),
				default: 'notifyConfig',
			},
			...RESOURCES.flatMap(resourceProperties),
			transportOptions,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this);
	}
}
