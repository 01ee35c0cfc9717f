import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { VerifiedResponse } from '../../shared/transport/request';

/**
 * WeChat Pay's verified answer as sent; for a verified 204 without a body (no API of this node documents one),
 * one documented shape that says so and what was sent, instead of an answer nobody gave.
 */
export function answerOrNoContent(response: VerifiedResponse, sent: IDataObject): IDataObject {
	return response.body ?? { confirmedWithoutBody: true, statusCode: response.status, sent };
}

/** A verified answer that lacks what this API always answers: nothing of it is output. */
export function unexpectedAnswer(ctx: IExecuteFunctions, itemIndex: number, missing: string, api: string): NodeApiError {
	const message = `WeChat Pay answered without ${missing}, so there is nothing to output`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `The answer was signed by WeChat Pay but is not ${api}.`,
		itemIndex,
	});
}
