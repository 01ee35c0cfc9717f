import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from './types';

/**
 * The Operation list of a resource and every operation's fields, each shown only for its resource and operation:
 * built from the operation files, so adding an operation is one file and one line in its resource's index.
 */
export function resourceProperties({ resource, operations, defaultOperation }: ResourceModule): INodeProperties[] {
	const show = { resource: [resource.value] };
	const list: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: Object.entries(operations)
			.map(([value, operation]) => ({ ...operation.option, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	const fields = Object.entries(operations).flatMap(([value, operation]) =>
		updateDisplayOptions({ show: { ...show, operation: [value] } }, operation.description),
	);
	return [list, ...fields];
}
