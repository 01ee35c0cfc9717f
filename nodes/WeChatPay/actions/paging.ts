import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiCall } from '../../shared/transport/request';
import { unexpectedAnswer } from './answer';
import type { ItemApi } from './types';

/** Return All, or up to Limit, as the node's form gives them. */
export function readHowMany(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return Infinity;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 1;
}

/**
 * A list endpoint read page by page (page_size + page_token → total_count, next_page_token, and the list under
 * `listKey`) until its end or `wanted` objects, each page a verified answer of its own.
 */
export async function readPages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: ItemApi,
	call: Omit<ApiCall, 'method'> & { query: IDataObject },
	{ listKey, pageSize, wanted }: { listKey: string; pageSize: number; wanted: number },
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let pageToken: string | undefined;
	do {
		const query = { ...call.query, page_size: Math.min(pageSize, wanted - results.length), ...(pageToken ? { page_token: pageToken } : {}) };
		const { body } = await api.send({ ...call, method: 'GET', query });
		const list = body?.[listKey];
		if (!Array.isArray(list)) throw unexpectedAnswer(ctx, itemIndex, listKey, 'a page of this list');
		results.push(...(list as IDataObject[]).slice(0, wanted - results.length));
		pageToken = typeof body?.next_page_token === 'string' && body.next_page_token ? body.next_page_token : undefined;
	} while (pageToken && results.length < wanted);
	return results;
}
