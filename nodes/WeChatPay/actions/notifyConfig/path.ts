import type { IExecuteFunctions } from 'n8n-workflow';

import { ACCOUNT_SCHEMES } from '../../../shared/account';
import { CREDENTIAL_NAME } from '../../../shared/transport/request';

/** Service providers and brands reach the same setting under different paths. */
export async function notifyConfigPath(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME, itemIndex);
	return ACCOUNT_SCHEMES[credentials.accountType === 'brand' ? 'brand' : 'serviceProvider'].notifyConfigPath;
}
