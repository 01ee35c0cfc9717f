import type { IDataObject } from 'n8n-workflow';

import { attempt } from './attempt';

/** The bytes as a JSON object, or undefined when they are not one (arrays and scalars included). */
export function parseJsonObject(raw: Buffer): IDataObject | undefined {
	const parsed = attempt(() => JSON.parse(raw.toString('utf8')) as unknown);
	const value = parsed.ok ? parsed.value : undefined;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}
