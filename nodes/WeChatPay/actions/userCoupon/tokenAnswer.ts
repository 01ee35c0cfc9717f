import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { unexpectedAnswer } from '../answer';
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
	throw unexpectedAnswer(ctx, itemIndex, 'a token', 'a pre-send answer');
}
