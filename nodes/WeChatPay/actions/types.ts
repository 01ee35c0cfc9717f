import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { WeChatPayAccount } from '../../shared/account';
import type { ApiCall, VerifiedResponse } from '../../shared/transport/request';

/** What an operation gets for one item: the checked account, and the transport bound to this item and its options. */
export interface ItemApi {
	account: WeChatPayAccount;
	send(call: ApiCall): Promise<VerifiedResponse>;
}

/** Output items with binary data (downloads), paired by the router like json output. */
export class BinaryOutput {
	constructor(readonly items: INodeExecutionData[]) {}
}

/** One json object, several (one per coupon of a page), or items with binary data. */
export type OperationOutput = IDataObject | IDataObject[] | BinaryOutput;

/** One file per operation exports these (Airtable v2's shape): its entry in the Operation list, its fields, its work. */
export interface OperationModule {
	/** Its entry in the Operation list; the value is its key in the resource's operations. */
	option: Omit<INodePropertyOptions, 'value'> & { action: string; description: string };
	/** Its own fields, without displayOptions: the resource adds them. */
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<OperationOutput>;
}

/** A resource folder's index: its entry in the Resource list and its operations by value. */
export interface ResourceModule {
	resource: INodePropertyOptions & { value: string };
	operations: Record<string, OperationModule>;
	/** The operation selected when the resource is picked. */
	defaultOperation: string;
}
