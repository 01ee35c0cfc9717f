import type { IConnections, INode } from 'n8n-workflow';

import example from '../../examples/campaign.workflow.json';
import { campaignWorld, type AccountType } from '../helpers/campaignWorld';
import { png } from '../helpers/png';
import { startSandbox, type Sandbox } from '../helpers/world';

/**
 * One campaign end to end, as one n8n workflow — the shipped example (examples/campaign.workflow.json): upload an
 * image → create a coupon with its stock → raise the daily budget → send to a user → stop the stock. The example's
 * download node is swapped for one that hands over a real PNG; its placeholders are swapped for the account's.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

it.each(['serviceProvider', 'brand'] as const)('%s: the example campaign workflow runs through', async (accountType: AccountType) => {
	const world = await campaignWorld(sandbox, accountType);
	const file = png(24);
	const nodes = (example.nodes as unknown as INode[]).map((node): INode => {
		if (node.name === 'Download banner') {
			return { ...node, type: 'test.binary', typeVersion: 1, parameters: { fileBase64: file.toString('base64'), fileName: 'coupon-banner.png', mimeType: 'image/png' } };
		}
		if (node.type !== 'n8n-nodes-wechatpay.weChatPay') return node;
		const parameters = { ...node.parameters };
		if ('brandId' in parameters) parameters.brandId = accountType === 'brand' ? '' : world.brand.brand_id;
		if ('appid' in parameters) parameters.appid = world.brand.appid;
		if ('notifyAppid' in parameters) parameters.notifyAppid = world.brand.appid;
		return { ...node, parameters };
	});
	const run = await world.engine.runWorkflow({ nodes, connections: example.connections as unknown as IConnections });
	expect(run.error).toBeUndefined();

	const created = run.outputOf('Create coupon')[0].json;
	const stockId = (created.stock as { stock_id: string }).stock_id;
	expect(run.outputOf('Upload image')[0].json.image_url).toMatch(/^https:\/\/wxpaylogo\.qpic\.cn\//);
	expect((run.outputOf('Raise daily budget')[0].json.stock_send_rule as { max_count_per_day: number }).max_count_per_day).toBe(200);
	expect(run.outputOf('Send to a user')[0].json).toMatchObject({ coupon_state: 'CONFIRMING', stock: { stock_id: stockId } });
	expect(run.outputOf('Stop the stock')[0].json).toMatchObject({ stock_id: stockId, state: 'DEACTIVATED' });
	expect(world.received().map((request) => `${request.method} ${request.path.split('?')[0].replace(world.prefix, '')} ${request.status}`)).toEqual([
		'POST /notify-configs 200',
		'POST /media/upload-image 200',
		'POST /product-coupons 200',
		`GET /product-coupons/${created.product_coupon_id as string}/stocks/${stockId} 200`,
		`POST /product-coupons/${created.product_coupon_id as string}/stocks/${stockId}/update-budget 200`,
		'POST /users/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/coupons 200',
		`POST /product-coupons/${created.product_coupon_id as string}/stocks/${stockId}/deactivate 200`,
	]);
});
