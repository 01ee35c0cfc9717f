import type { INode, IConnections } from 'n8n-workflow';

import example from '../../examples/confirm-coupons.workflow.json';
import { couponWorld, type AccountType } from '../helpers/couponWorld';
import { startSandbox, type Sandbox } from '../helpers/world';

/**
 * The daily work, end to end in n8n-core's engine: Set notify URL to the trigger's URL → Send → WeChat Pay's SEND
 * callback starts the shipped example workflow (examples/confirm-coupons.workflow.json), which Confirms → Get
 * shows EFFECTIVE → Redeem → Return.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ callbackRetryDelaysMs: [200, 400] });
});
afterAll(async () => sandbox.close());

const OPENID = 'oUpF8uLifecycle0000000000001';
const PUBLIC_N8N = 'https://n8n.example.com/';

it.each(['serviceProvider', 'brand'] as const)('%s: send → callback → the example confirms → get → redeem → return', async (accountType: AccountType) => {
	const world = couponWorld(sandbox, accountType);
	const [trigger, ...rest] = example.nodes as unknown as INode[];
	const hook = await world.engine.startWebhook({ node: trigger, nodes: rest, connections: example.connections as unknown as IConnections });
	try {
		// WeChat Pay calls the public https URL; a reverse proxy there forwards to this n8n.
		const publicUrl = hook.url.replace(/^http:\/\/127\.0\.0\.1:\d+\//, PUBLIC_N8N);
		sandbox.forwardCallbacks(publicUrl, hook.url);
		const set = await world.run({ resource: 'notifyConfig', operation: 'set', notifyUrl: publicUrl });
		expect(set.outputOf('WeChat Pay')[0].json.notify_url).toBe(publicUrl);

		const sent = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters });
		const couponCode = sent.outputOf('WeChat Pay')[0].json.coupon_code as string;
		expect(sent.outputOf('WeChat Pay')[0].json.coupon_state).toBe('CONFIRMING');

		await sandbox.callbacksSettled();
		await hook.settled();
		expect(hook.calls).toHaveLength(1);
		expect(hook.calls[0].status).toBe(204);
		const confirmed = hook.calls[0].run?.outputOf('Confirm coupon') ?? [];
		expect(confirmed.map((item) => item.json)).toEqual([
			expect.objectContaining({ coupon_code: couponCode, coupon_state: 'EFFECTIVE', confirm_request_no: couponCode }),
		]);

		const coupon = { openid: OPENID, couponCode, ...world.stockParameters };
		const got = await world.run({ resource: 'userCoupon', operation: 'get', ...coupon });
		expect(got.outputOf('WeChat Pay')[0].json.coupon_state).toBe('EFFECTIVE');
		const used = await world.run({ resource: 'userCoupon', operation: 'use', ...coupon, transactionId: '4200000985202011201234567890' });
		expect(used.outputOf('WeChat Pay')[0].json.coupon_state).toBe('USED');
		const returned = await world.run({ resource: 'userCoupon', operation: 'return', ...coupon });
		expect(returned.outputOf('WeChat Pay')[0].json.coupon_state).toBe('EFFECTIVE');
		expect(sandbox.callbackDeliveries.filter((delivery) => delivery.couponCode === couponCode).map((delivery) => delivery.status)).toEqual([204]);
	} finally {
		await hook.close();
	}
});

it('a SEND callback the receiver did not acknowledge is delivered again, and the example confirms it then', async () => {
	const world = couponWorld(sandbox, 'serviceProvider');
	const [trigger, ...rest] = example.nodes as unknown as INode[];
	// The first delivery meets a trigger whose workflow is not active yet (the proxy has no route: 404).
	const publicUrl = `${PUBLIC_N8N}webhook/not-yet-active/wechatpay`;
	const set = await world.run({ resource: 'notifyConfig', operation: 'set', notifyUrl: publicUrl });
	expect(set.error).toBeUndefined();
	const hook = await world.engine.startWebhook({ node: trigger, nodes: rest, connections: example.connections as unknown as IConnections });
	try {
		sandbox.forwardCallbacks(publicUrl, `${hook.url}-inactive`);
		const sent = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters });
		const couponCode = sent.outputOf('WeChat Pay')[0].json.coupon_code as string;
		// Once the first attempt was refused, the workflow is "activated": the proxy forwards to the trigger.
		const firstAttempt = () => sandbox.callbackDeliveries.some((delivery) => delivery.couponCode === couponCode && delivery.status !== undefined);
		for (let waited = 0; !firstAttempt() && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
		sandbox.forwardCallbacks(publicUrl, hook.url);
		await sandbox.callbacksSettled();
		await hook.settled();
		const attempts = sandbox.callbackDeliveries.filter((delivery) => delivery.couponCode === couponCode);
		expect(attempts.map((delivery) => delivery.status)).toEqual([404, 204]);
		expect(sandbox.userCoupon(world.credential, couponCode)?.coupon_state).toBe('EFFECTIVE');
	} finally {
		await hook.close();
	}
});
