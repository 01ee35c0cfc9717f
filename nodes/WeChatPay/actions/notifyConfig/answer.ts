import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { WeChatPayAccount } from '../../../shared/account';

/** Service providers and brands reach the same setting under different paths. */
export const notifyConfigPath = (account: WeChatPayAccount): string => account.scheme.notifyConfigPath;

/**
 * WeChat Pay's verified answer, output as sent (update_time untouched, whatever its format), once it is the
 * answer this API gives: a signed body of another shape is not a notify config.
 */
export function notifyConfigAnswer(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject | undefined): IDataObject {
	if (body && typeof body.notify_url === 'string') return body;
	const message = 'WeChat Pay answered without a notify_url, so there is nothing to output';
	throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: 'The answer was signed by WeChat Pay but is not a notify config. Run "Get notify URL" to see the current value.',
		itemIndex,
	});
}
