import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from './types';

/**
 * The Operation list of a resource and its operations' fields, built from the operation files, so adding an
 * operation is one file and one line in its resource's index. A field several operations share (the same
 * definition) is listed once, shown for all of them: n8n resolves every listed property of a node on every run,
 * so the description stays as short as what it says.
 */
export function resourceProperties({ resource, operations, defaultOperation }: ResourceModule): INodeProperties[] {
	const list: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: Object.entries(operations)
			.map(([value, operation]) => ({ ...operation.option, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	// One entry per distinct definition (its own display conditions included), with the operations that show it.
	const shared = new Map<string, { field: INodeProperties; operations: string[] }>();
	for (const [value, operation] of Object.entries(operations)) {
		for (const field of operation.description) {
			const key = JSON.stringify(field);
			const entry = shared.get(key);
			if (entry) entry.operations.push(value);
			else shared.set(key, { field, operations: [value] });
		}
	}
	const fields = [...shared.values()].map(({ field, operations: shownFor }) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions?.show, resource: [resource.value], operation: shownFor },
		},
	}));
	return [list, ...fields];
}
