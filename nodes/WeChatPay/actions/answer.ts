import type { IDataObject } from 'n8n-workflow';

import type { VerifiedResponse } from '../../shared/transport/request';

/**
 * WeChat Pay's verified answer as sent; for a verified 204 without a body (no API of this node documents one),
 * one documented shape that says so and what was sent, instead of an answer nobody gave.
 */
export function answerOrNoContent(response: VerifiedResponse, sent: IDataObject): IDataObject {
	return response.body ?? { confirmedWithoutBody: true, statusCode: response.status, sent };
}
