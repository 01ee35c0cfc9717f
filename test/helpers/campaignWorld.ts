import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { NODE_TYPE, engineFor, workflow, type Sandbox, type SandboxCredential } from './world';

export type AccountType = 'serviceProvider' | 'brand';

/** An account ready to build a campaign: a brand (authorised, for a service provider) with an AppID, stores, a notify URL. */
export async function campaignWorld(sandbox: Sandbox, accountType: AccountType) {
	const credential: SandboxCredential = sandbox.createAccount({ accountType });
	const brand = sandbox.seedBrand(credential, {});
	const accountId = String(credential.merchantId ?? credential.brandId);
	const prefix = accountType === 'brand' ? '/brand/marketing/product-coupon' : '/v3/marketing/partner/product-coupon';
	const brandParameter = accountType === 'brand' ? {} : { brandId: brand.brand_id };
	const engine = engineFor({ ...credential, backupBaseUrl: '' });
	const run = (parameters: INodeParameters, items: IDataObject[] = [{}], settings = {}) =>
		engine.runWorkflow(workflow({ ...brandParameter, ...parameters }, items, settings));
	// Creating a product coupon needs the account's notify URL (digest §4.1).
	const set = await run({ resource: 'notifyConfig', operation: 'set', notifyUrl: 'https://n8n.example.com/webhook/campaign/wechatpay' });
	if (set.error) throw set.error;

	return {
		credential,
		brand,
		accountId,
		prefix,
		brandParameter,
		engine,
		run,
		/** The node fed by an item that carries `file` as binary data (as a Read File or HTTP node would give it). */
		runWithFile: (parameters: INodeParameters, file: Buffer, fileName: string, mimeType: string) =>
			engine.runWorkflow({
				nodes: [
					{ id: '1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
					{ id: '2', name: 'File', type: 'test.binary', typeVersion: 1, position: [200, 0], parameters: { fileBase64: file.toString('base64'), fileName, mimeType } },
					{ id: '3', name: 'WeChat Pay', type: NODE_TYPE, typeVersion: 1, position: [400, 0], parameters: { ...brandParameter, ...parameters } } as INode,
				],
				connections: {
					Items: { main: [[{ node: 'File', type: 'main', index: 0 }]] },
					File: { main: [[{ node: 'WeChat Pay', type: 'main', index: 0 }]] },
				},
			}),
		received: () => sandbox.requests.filter((request) => request.accountId === accountId),
		last: () => sandbox.requests.filter((request) => request.accountId === accountId).at(-1) as Sandbox['requests'][number],
	};
}

export type CampaignWorld = Awaited<ReturnType<typeof campaignWorld>>;

/** A stock's plain fields that pass WeChat Pay's rules: a month of validity from tomorrow. */
export function stockParameters(world: CampaignWorld, more: INodeParameters = {}): INodeParameters {
	const day = 24 * 3600 * 1000;
	const beijing = (ms: number) => `${new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;
	const begin = Math.floor(Date.now() / 1000) * 1000 - 60_000;
	return {
		maxCount: 1000,
		maxCountPerUser: 2,
		availableBeginTime: beijing(begin),
		availableEndTime: beijing(begin + 30 * day),
		usageDescription: 'Show the coupon at the till',
		notifyAppid: world.brand.appid,
		...more,
	};
}
