import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TransportOptions } from '../../shared/transport/request';

/** Per-request settings shared by every operation, under "Options". */
export const transportOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Maximum Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'How many times to send the request when WeChat Pay is rate limiting (429), fails (5xx) or cannot be reached; later attempts may go to the backup host',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 10000,
			description: 'How long to wait for each answer, in milliseconds',
		},
	],
};

export function readTransportOptions(ctx: IExecuteFunctions, itemIndex: number): TransportOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { maxAttempts?: number; timeout?: number };
	return {
		maxAttempts: Math.min(10, Math.max(1, Math.floor(options.maxAttempts ?? 3))),
		timeoutMs: Math.max(1000, Math.floor(options.timeout ?? 10000)),
	};
}
