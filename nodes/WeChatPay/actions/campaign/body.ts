import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { schemaProblem, type Schema } from '../../validation/schema';
import type { ItemParameters } from '../itemParameters';

/** Anything the form's fields do not cover (bundles' rounds, entrances, combo packages, store scope …), as JSON. */
export const bodyJson: INodeProperties = {
	displayName: 'Body JSON',
	name: 'bodyJson',
	type: 'json',
	default: '{}',
	description:
		"More of WeChat Pay's request body, merged into what the fields above build (objects merged key by key, lists replaced). The whole body is checked against WeChat Pay's rules before it is sent.",
};

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/** `extra` merged into `base`: objects key by key, everything else (lists included) replaced. */
export function deepMerge(base: IDataObject, extra: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		merged[key] = isObject(value) && isObject(merged[key]) ? deepMerge(merged[key] as IDataObject, value) : value;
	}
	return merged;
}

/** The body the fields built, with the item's Body JSON merged in. */
export function withBodyJson(params: ItemParameters, body: IDataObject): IDataObject {
	const raw = params.value<unknown>('bodyJson', '{}');
	let extra: unknown = raw;
	if (typeof raw === 'string') {
		try {
			extra = raw.trim() === '' ? {} : JSON.parse(raw);
		} catch {
			throw params.refuse(bodyJson, 'is not valid JSON', 'write a JSON object, e.g. {"stock": {"remark": "spring"}}');
		}
	}
	if (!isObject(extra)) throw params.refuse(bodyJson, 'must be a JSON object', 'write a JSON object, e.g. {"stock": {"remark": "spring"}}');
	return deepMerge(body, extra);
}

/** Refuses, before sending, a body that breaks a rule of the API, naming the field. */
export function checkBody(params: ItemParameters, schema: Schema, body: IDataObject): IDataObject {
	const problem = schemaProblem(schema, body, '');
	if (problem) throw params.invalidBody(problem);
	return body;
}
