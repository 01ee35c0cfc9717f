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

/**
 * The item loop of every operation: each input item gives its output items (one, or one per object of a list),
 * paired to it; with Continue On Fail a failed item becomes an error item and the others go on.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const module = OPERATIONS.get(`${resource}.${operation}`);
			if (!module) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			const options = readTransportOptions(this, itemIndex);
			const credential = await readItemCredential(this, itemIndex);
			const result = await module.execute.call(this, itemIndex, {
				account: credential.account,
				send: async (call) => await weChatPayApiRequest.call(this, itemIndex, credential, call, options),
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
