import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { readItemCredential, weChatPayApiRequest } from '../../shared/transport/request';
import { readTransportOptions } from './options';
import { RESOURCES } from './resources';
import { BinaryOutput, type OperationModule, type OperationOutput } from './types';

/** "resource.operation" → module, built from the resource folders. */
const OPERATIONS = new Map<string, OperationModule>(
	RESOURCES.flatMap(({ resource, operations }) =>
		Object.entries(operations).map(([value, module]) => [`${resource.value}.${value}`, module] as const),
	),
);

function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	if (error.context?.code) json.code = error.context.code;
	if (error.context?.numericCode) json.numericCode = error.context.numericCode;
	if (error.context?.requestId) json.requestId = error.context.requestId;
	return json;
}

function toItems(output: OperationOutput): INodeExecutionData[] {
	if (output instanceof BinaryOutput) return output.items;
	return (Array.isArray(output) ? output : [output]).map((json) => ({ json }));
}

/** Whether a parameter's stored value holds an expression anywhere (a text starting with "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * A parameter the item loop needs for every item. Without an expression in its stored value, n8n resolves it to
 * the same value for every item, so it is read once (at the first item, as n8n would read it there); with one,
 * for each item. A read that throws is not kept: the next item reads, and fails, again.
 */
function itemParameter<T>(stored: unknown, read: (itemIndex: number) => T): (itemIndex: number) => T {
	if (holdsExpression(stored)) return read;
	let kept: { value: T } | undefined;
	return (itemIndex) => (kept ??= { value: read(itemIndex) }).value;
}

/**
 * The item loop of every operation: each input item gives its output items (one, or one per object of a list),
 * paired to it; with Continue On Fail a failed item becomes an error item and the others go on.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const stored = this.getNode().parameters;
	const resourceOf = itemParameter(stored.resource, (itemIndex) => this.getNodeParameter('resource', itemIndex) as string);
	const operationOf = itemParameter(stored.operation, (itemIndex) => this.getNodeParameter('operation', itemIndex) as string);
	const optionsOf = itemParameter(stored.options, (itemIndex) => readTransportOptions(this, itemIndex));
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = resourceOf(itemIndex);
			const operation = operationOf(itemIndex);
			const module = OPERATIONS.get(`${resource}.${operation}`);
			if (!module) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			const options = optionsOf(itemIndex);
			const credential = await readItemCredential(this, itemIndex);
			const result = await module.execute.call(this, itemIndex, {
				account: credential.account,
				send: (call) => weChatPayApiRequest.call(this, itemIndex, credential, call, options),
			});
			output.push(...this.helpers.constructExecutionMetaData(toItems(result), { itemData: { item: itemIndex } }));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
