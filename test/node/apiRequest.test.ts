import type { INodeParameters } from 'n8n-workflow';

import { couponWorld } from '../helpers/couponWorld';
import { startSandbox, workflow, type Sandbox } from '../helpers/world';

/** The generic call: any path, signed as sent, its answer verified before it is output. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const call = (parameters: INodeParameters) => ({ resource: 'apiRequest', operation: 'call', ...parameters });
const pairs = (query: Record<string, string>) => ({ parameters: Object.entries(query).map(([name, value]) => ({ name, value })) });

describe.each(['serviceProvider', 'brand'] as const)('%s', (accountType) => {
	it('POST then GET of an endpoint this node also has an operation for: the same signed request, the verified answer', async () => {
		const world = couponWorld(sandbox, accountType);
		const body = JSON.stringify({ notify_url: 'https://n8n.example.com/generic' });
		const posted = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
		expect(posted.outputOf('WeChat Pay')[0].json).toEqual({ notify_url: 'https://n8n.example.com/generic', update_time: expect.any(String) });
		expect(world.received().at(-1)?.body).toBe(body);
		const got = await world.run(call({ method: 'GET', path: `${world.prefix}/notify-configs`, options: { fullResponse: true } }));
		const full = got.outputOf('WeChat Pay')[0].json;
		expect(full).toMatchObject({ statusCode: 200, body: { notify_url: 'https://n8n.example.com/generic' } });
		expect((full.headers as Record<string, string>)['request-id']).toEqual(expect.any(String));
	});

	it('a query in the path and query pairs are signed exactly as sent (the sandbox verified both)', async () => {
		const world = couponWorld(sandbox, accountType);
		const openid = 'oUpF8uGeneric000000000000001';
		await world.run({ resource: 'userCoupon', operation: 'send', openid, ...world.stockParameters });
		const brandQuery = accountType === 'brand' ? '' : `&brand_id=${world.coupon.brand_id}`;
		const run = await world.run(
			call({
				method: 'GET',
				path: `${world.prefix}/users/${openid}/coupons?appid=${world.coupon.appid}${brandQuery}`,
				query: pairs({ stock_id: String(world.coupon.stock_id), page_size: '5' }),
			}),
		);
		expect(run.error).toBeUndefined();
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ total_count: 1 });
		expect(world.received().at(-1)?.path).toBe(
			`${world.prefix}/users/${openid}/coupons?appid=${world.coupon.appid}${brandQuery}&stock_id=${world.coupon.stock_id}&page_size=5`,
		);
	});
});

describe('answers', () => {
	it('a tampered answer is refused, nothing output; a signed 204 gives {} (or its full response)', async () => {
		const world = couponWorld(sandbox, 'serviceProvider');
		const body = JSON.stringify({ notify_url: 'https://n8n.example.com/x' });
		sandbox.misbehave(world.credential, 'tamperBody');
		const tampered = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
		expect(tampered.outputOf('WeChat Pay')).toEqual([]);
		expect(tampered.errorOf('WeChat Pay')?.message).toMatch(/could not be verified as WeChat Pay's/);
		expect(tampered.errorOf('WeChat Pay')?.description).toMatch(/outcome is unknown/);

		sandbox.misbehave(world.credential, 'empty204Signed');
		const empty = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
		expect(empty.outputOf('WeChat Pay')[0].json).toEqual({});
		sandbox.misbehave(world.credential, 'empty204Signed');
		const full = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body, options: { fullResponse: true } }));
		expect(full.outputOf('WeChat Pay')[0].json).toMatchObject({ statusCode: 204, body: null });

		sandbox.misbehave(world.credential, 'empty204Unsigned');
		const unsigned = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
		expect(unsigned.errorOf('WeChat Pay')?.message).toMatch(/could not be verified/);
	});

	it('a write is not sent again after a 5xx unless Retry Writes is on; a GET is', async () => {
		const world = couponWorld(sandbox, 'serviceProvider');
		const body = JSON.stringify({ notify_url: 'https://n8n.example.com/y' });
		sandbox.misbehave(world.credential, 'http500AfterApply');
		const once = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
		expect(once.errorOf('WeChat Pay')?.message).toMatch(/^WeChat Pay refused the request: 500 SYSTEM_ERROR/);
		expect(once.errorOf('WeChat Pay')?.description).toMatch(/outcome is unknown/);
		expect(world.received().map((request) => request.status)).toEqual([500]);

		sandbox.misbehave(world.credential, 'http500AfterApply');
		const retried = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body, options: { retryWrites: true } }));
		expect(retried.error).toBeUndefined();
		sandbox.misbehave(world.credential, 'http503');
		const read = await world.run(call({ method: 'GET', path: `${world.prefix}/notify-configs` }));
		expect(read.error).toBeUndefined();
		expect(world.received().map((request) => request.status)).toEqual([500, 500, 200, 503, 200]);
	});
});

describe('paths are checked before anything is sent', () => {
	it.each([
		['notify-configs', /an APIv3 path starts with \/v3\/ or \/brand\//],
		['/v2/pay/orderquery', /an APIv3 path starts with \/v3\/ or \/brand\//],
		['/v3/a/../b', /contains "\.\."/],
		['/v3/a#frag', /has a fragment/],
		['/v3/a b', /contains a space or a control character/],
		['/v3/回调', /would be sent differently from how it is signed.*percent-encode it/],
		['/v3/a?q="x"', /would be sent differently/],
		['/v3/a%zz', /does not start a percent-escape/],
		['https://evil.example.com/v3/pay', /is on https:\/\/evil\.example\.com, not the credential's Base URL/],
		['ftp://127.0.0.1/v3/x', /not the credential's Base URL/],
	])('%s is refused', async (path, message) => {
		const world = couponWorld(sandbox, 'serviceProvider');
		const run = await world.run(call({ method: 'GET', path }));
		expect(run.errorOf('WeChat Pay')?.message).toMatch(message);
		expect(world.received()).toHaveLength(0);
	});

	it("a full URL on the credential's own host is called (a download_url), by its path", async () => {
		const world = couponWorld(sandbox, 'brand');
		await world.run({ resource: 'notifyConfig', operation: 'set', notifyUrl: 'https://n8n.example.com/z' });
		const run = await world.engine.runWorkflow(workflow(call({ method: 'GET', path: `${sandbox.baseUrl}${world.prefix}/notify-configs` })));
		expect(run.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/z');
		expect(world.received().at(-1)?.path).toBe(`${world.prefix}/notify-configs`);
	});

	it('a body that is not a JSON object is refused', async () => {
		const world = couponWorld(sandbox, 'serviceProvider');
		for (const body of ['not json', '[1,2]']) {
			const run = await world.run(call({ method: 'POST', path: `${world.prefix}/notify-configs`, body }));
			expect(run.errorOf('WeChat Pay')?.message).toMatch(/^The parameter "Body" (is not valid JSON|must be a JSON object)$/);
		}
		expect(world.received()).toHaveLength(0);
	});
});
