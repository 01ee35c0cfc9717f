import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { ItemApi } from '../types';

/**
 * A pre-send: WeChat Pay answers only `{token}`, which echoes nothing of the request, so the number the token
 * belongs to is added to the output (the one way to ask for the same token again).
 */
export async function tokenAnswer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: ItemApi,
	request: { path: string; body: IDataObject },
): Promise<IDataObject> {
	const { body } = await api.send({
		method: 'POST',
		...request,
		pacing: 'userCoupon',
		readBack: 'Pre-send again with the same Send Request Number: WeChat Pay answers it once.',
	});
	if (body && typeof body.token === 'string') return { ...body, send_request_no: request.body.send_request_no };
	const message = 'WeChat Pay answered a pre-send without a token, so there is nothing to output';
	throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: 'The answer was signed by WeChat Pay but is not a pre-send answer.',
		itemIndex,
	});
}
