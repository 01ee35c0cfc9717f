import type { IDataObject } from 'n8n-workflow';

/** The value at a dotted path ("single_usage_detail.use_request_no") of an answer. */
function valueAt(body: IDataObject, path: string): unknown {
	let current: unknown = body;
	for (const key of path.split('.')) {
		if (!current || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/** The value at the first of "a.b|c.d" (alternative paths, for answers whose shape depends on the object) that has one. */
function echoed(body: IDataObject, paths: string): unknown {
	for (const path of paths.split('|')) {
		const value = valueAt(body, path);
		if (value !== undefined) return value;
	}
	return undefined;
}

/**
 * Why a verified answer is not the answer to this request, or undefined when it carries every value the request
 * sent. WeChat Pay signs only the answer's timestamp, nonce and body, so a signed answer replayed from another
 * request would verify: the values it must echo are what tie it to this one.
 */
export function answerMismatch(body: IDataObject, echoes: Record<string, string | number | boolean> | undefined): string | undefined {
	if (!echoes) return undefined;
	for (const [path, expected] of Object.entries(echoes)) {
		const actual = echoed(body, path);
		if (actual !== expected) {
			const shown = actual === undefined ? 'missing' : JSON.stringify(actual).slice(0, 120);
			return `its ${path.split('|')[0]} is ${shown}, the request sent ${JSON.stringify(expected).slice(0, 120)}`;
		}
	}
	return undefined;
}
