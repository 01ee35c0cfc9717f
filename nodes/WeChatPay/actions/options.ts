import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

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
			displayName: 'Full Response',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output the status code and headers with the body, instead of the body alone',
			displayOptions: { show: { '/resource': ['apiRequest'] } },
		},
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
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'For an answer that is not JSON (a bill, an image): the binary field of the output item that holds it',
			displayOptions: { show: { '/resource': ['apiRequest'] } },
		},
		{
			displayName: 'Retry Writes',
			name: 'retryWrites',
			type: 'boolean',
			default: false,
			description:
				'Whether this call is safe to send again after a 5xx or a lost connection (it carries a request number WeChat Pay deduplicates). Off: only GETs are retried so, and writes only when WeChat Pay surely did not apply them (429, connection refused).',
			displayOptions: { show: { '/resource': ['apiRequest'] } },
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000, maxValue: 300000 },
			default: 10000,
			description: 'How long each attempt may take, answer included, in milliseconds; then it counts as failed',
		},
	],
};

/** A whole number within bounds, or an error naming the option (expressions can give anything). */
function wholeNumber(ctx: IExecuteFunctions, itemIndex: number, name: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new NodeOperationError(ctx.getNode(), `The option "${name}" must be a number, got ${JSON.stringify(value)}`, {
			itemIndex,
			description: `Enter a whole number from ${min} to ${max}.`,
		});
	}
	return Math.min(max, Math.max(min, Math.floor(number)));
}

export function readTransportOptions(ctx: IExecuteFunctions, itemIndex: number): TransportOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { maxAttempts?: unknown; timeout?: unknown };
	return {
		maxAttempts: wholeNumber(ctx, itemIndex, 'Maximum Attempts', options.maxAttempts ?? 3, 1, 10),
		timeoutMs: wholeNumber(ctx, itemIndex, 'Timeout', options.timeout ?? 10000, 1000, 300000),
	};
}
