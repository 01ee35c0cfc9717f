import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as set from './set.operation';

export { get, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notifyConfig'] } },
		options: [
			{
				name: 'Get Notify URL',
				value: 'get',
				description: 'Get the URL that receives all product coupon events of the account',
				action: 'Get notify URL',
			},
			{
				name: 'Set Notify URL',
				value: 'set',
				description: 'Set the URL that receives all product coupon events of the account',
				action: 'Set notify URL',
			},
		],
		default: 'get',
	},
	...set.description,
	...get.description,
];
