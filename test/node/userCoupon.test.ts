import { bodyOf, couponWorld, type AccountType, type CouponWorld } from '../helpers/couponWorld';
import { startSandbox, type Sandbox } from '../helpers/world';

/**
 * Every User Coupon operation through n8n-core's engine, for both account types: what the sandbox received (path,
 * method, body, query) and what the node output, along the coupon's whole life.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const op = (operation: string) => ({ resource: 'userCoupon', operation });

describe.each(['serviceProvider', 'brand'] as const)('%s', (accountType: AccountType) => {
	let world: CouponWorld;
	let couponCode: string;
	beforeAll(() => {
		world = couponWorld(sandbox, accountType);
	});
	const brandField = (): Record<string, string> => (accountType === 'brand' ? {} : { brand_id: world.coupon.brand_id });
	const last = () => world.received().at(-1) as Sandbox['requests'][number];

	it('send: POST …/users/{openid}/coupons with the stock, the AppID and a new request number; the coupon is CONFIRMING', async () => {
		const run = await world.run({ ...op('send'), openid: OPENID, ...world.stockParameters, attach: 'order-42' });
		expect(run.error).toBeUndefined();
		const [item] = run.outputOf('WeChat Pay');
		const request = last();
		expect(`${request.method} ${request.path}`).toBe(`POST ${world.prefix}/users/${OPENID}/coupons`);
		const sent = bodyOf(request);
		expect(sent).toEqual({
			product_coupon_id: world.coupon.product_coupon_id,
			stock_id: world.coupon.stock_id,
			appid: world.coupon.appid,
			send_request_no: expect.stringMatching(/^N8N[0-9A-Z]+[0-9A-Za-z]{20}$/),
			attach: 'order-42',
			...brandField(),
		});
		expect(item.json).toMatchObject({ coupon_state: 'CONFIRMING', send_request_no: sent.send_request_no, attach: 'order-42' });
		couponCode = item.json.coupon_code as string;
		expect(sandbox.userCoupon(world.credential, couponCode)?.coupon_state).toBe('CONFIRMING');
	});

	const couponParameters = () => ({ openid: OPENID, couponCode, ...world.stockParameters });

	it('confirm: POST …/coupons/{code}/confirm with the identity and an out_request_no; the coupon is EFFECTIVE', async () => {
		const run = await world.run({ ...op('confirm'), ...couponParameters(), outRequestNo: 'CONFIRM-0001' });
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ coupon_code: couponCode, coupon_state: 'EFFECTIVE', confirm_request_no: 'CONFIRM-0001' });
		expect(`${last().method} ${last().path}`).toBe(`POST ${world.prefix}/users/${OPENID}/coupons/${couponCode}/confirm`);
		expect(bodyOf(last())).toEqual({
			product_coupon_id: world.coupon.product_coupon_id,
			stock_id: world.coupon.stock_id,
			appid: world.coupon.appid,
			out_request_no: 'CONFIRM-0001',
			...brandField(),
		});
	});

	it('get: GET …/coupons/{code}?product_coupon_id&stock_id&appid (and brand_id for a service provider)', async () => {
		const run = await world.run({ ...op('get'), ...couponParameters() });
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ coupon_code: couponCode, coupon_state: 'EFFECTIVE' });
		const query = new URLSearchParams({
			product_coupon_id: world.coupon.product_coupon_id,
			stock_id: String(world.coupon.stock_id),
			appid: world.coupon.appid,
			...brandField(),
		});
		expect(`${last().method} ${last().path}`).toBe(`GET ${world.prefix}/users/${OPENID}/coupons/${couponCode}?${query}`);
		expect(last().body).toBe('');
	});

	it('use (Redeem): POST …/use with use_time in Beijing time and the order; the coupon is USED', async () => {
		const usedAt = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		const run = await world.run({
			...op('use'),
			...couponParameters(),
			outRequestNo: 'USE-0001',
			useTime: new Date(usedAt + 123).toISOString(), // UTC with milliseconds, as $now.toISO() gives it
			outTradeNo: 'ORDER20261130001',
			orderMchid: '1900000109',
			storeId: '10001',
		});
		expect(run.error).toBeUndefined();
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ coupon_state: 'USED', single_usage_detail: { use_request_no: 'USE-0001' } });
		expect(last().path).toBe(`${world.prefix}/users/${OPENID}/coupons/${couponCode}/use`);
		expect(bodyOf(last())).toEqual({
			product_coupon_id: world.coupon.product_coupon_id,
			stock_id: world.coupon.stock_id,
			appid: world.coupon.appid,
			out_request_no: 'USE-0001',
			use_time: `${new Date(usedAt + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`,
			associated_order_info: { out_trade_no: 'ORDER20261130001', mchid: '1900000109' },
			store_id: '10001',
			...brandField(),
		});
	});

	it('return: POST …/return; the coupon is usable again', async () => {
		const run = await world.run({ ...op('return'), ...couponParameters(), outRequestNo: 'RETURN-0001' });
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ coupon_state: 'EFFECTIVE', single_usage_detail: { return_request_no: 'RETURN-0001' } });
		expect(last().path).toBe(`${world.prefix}/users/${OPENID}/coupons/${couponCode}/return`);
		expect(Object.keys(bodyOf(last())).sort()).toEqual(['appid', 'out_request_no', 'product_coupon_id', 'stock_id', ...Object.keys(brandField())].sort());
	});

	it('deactivate: POST …/deactivate with the reason; the coupon is DEACTIVATED', async () => {
		const run = await world.run({ ...op('deactivate'), ...couponParameters(), outRequestNo: 'DEACT-0001', deactivateReason: 'Campaign ended' });
		expect(run.outputOf('WeChat Pay')[0].json).toMatchObject({ coupon_state: 'DEACTIVATED', deactivate_request_no: 'DEACT-0001', deactivate_reason: 'Campaign ended' });
		expect(last().path).toBe(`${world.prefix}/users/${OPENID}/coupons/${couponCode}/deactivate`);
		expect(bodyOf(last())).toMatchObject({ out_request_no: 'DEACT-0001', deactivate_reason: 'Campaign ended' });
	});

	it('redeem by transaction_id, and by a PayScore order, sends exactly that order', async () => {
		const codes = [];
		for (let i = 0; i < 2; i++) {
			const sent = await world.run({ ...op('send'), openid: OPENID, ...world.stockParameters });
			codes.push(sent.outputOf('WeChat Pay')[0].json.coupon_code as string);
			await world.run({ ...op('confirm'), openid: OPENID, couponCode: codes[i], ...world.stockParameters });
		}
		await world.run({ ...op('use'), openid: OPENID, couponCode: codes[0], ...world.stockParameters, transactionId: '4200000985202011201234567890' });
		expect(bodyOf(last()).associated_order_info).toEqual({ transaction_id: '4200000985202011201234567890' });
		await world.run({ ...op('use'), openid: OPENID, couponCode: codes[1], ...world.stockParameters, payScoreOutOrderNo: 'SCORE-000001', orderMchid: '1900000109' });
		expect(bodyOf(last()).associated_pay_score_order_info).toEqual({ out_order_no: 'SCORE-000001', mchid: '1900000109' });
		expect(bodyOf(last()).use_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
	});

	it('getMany: follows next_page_token across pages (5 coupons, limit 3 then Return All) with the filters as query', async () => {
		const openid = `oUser${accountType}Paging0001`;
		for (let i = 0; i < 5; i++) await world.run({ ...op('send'), openid, ...world.stockParameters });
		const before = world.received().length;
		const limited = await world.run({ ...op('getMany'), openid, appid: world.coupon.appid, couponState: 'CONFIRMING', limit: 3 });
		expect(limited.outputOf('WeChat Pay')).toHaveLength(3);
		const all = await world.run({ ...op('getMany'), openid, appid: world.coupon.appid, stockId: world.coupon.stock_id, returnAll: true });
		const coupons = all.outputOf('WeChat Pay');
		expect(coupons).toHaveLength(5);
		expect(new Set(coupons.map((item) => item.json.coupon_code)).size).toBe(5);
		expect(coupons.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = world.received().slice(before);
		expect(pages.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toEqual(
			Array(2).fill(`GET ${world.prefix}/users/${openid}/coupons`),
		);
		expect(new URLSearchParams(pages[0].path.split('?')[1]).get('page_size')).toBe('3');
		expect(Object.fromEntries(new URLSearchParams(pages[1].path.split('?')[1]))).toEqual({
			appid: world.coupon.appid,
			stock_id: world.coupon.stock_id,
			page_size: '50',
			...brandField(),
		});
	});

	it('preSend: a token, with the request number it belongs to; the coupon exists once the user claims it', async () => {
		const run = await world.run({ ...op('preSend'), openid: OPENID, ...world.stockParameters, sendRequestNo: 'PRESEND-0001' });
		const [item] = run.outputOf('WeChat Pay');
		expect(item.json).toEqual({ token: expect.any(String), send_request_no: 'PRESEND-0001' });
		expect(last().path).toBe(`${world.prefix}/users/${OPENID}/pre-send-coupon`);
		const claimed = sandbox.claimPreSendToken(item.json.token as string) as { coupon_code: string };
		expect(sandbox.userCoupon(world.credential, claimed.coupon_code)?.send_request_no).toBe('PRESEND-0001');
	});
});

describe.each(['serviceProvider', 'brand'] as const)('%s, a multi-round coupon (stock bundle)', (accountType: AccountType) => {
	let world: CouponWorld;
	beforeAll(() => {
		world = couponWorld(sandbox, accountType, { usageMode: 'PROGRESSIVE_BUNDLE', count: 3 });
	});
	const bundleParameters = () => ({ productCouponId: world.coupon.product_coupon_id, stockBundleId: world.coupon.stock_bundle_id, appid: world.coupon.appid });

	it('sendBundle then deactivateBundle', async () => {
		const sent = await world.run({ resource: 'userCoupon', operation: 'sendBundle', openid: OPENID, ...bundleParameters() });
		const bundle = sent.outputOf('WeChat Pay')[0].json;
		expect(bundle.user_product_coupon_list).toHaveLength(3);
		const request = world.received().at(-1) as Sandbox['requests'][number];
		expect(`${request.method} ${request.path}`).toBe(`POST ${world.prefix}/users/${OPENID}/coupon-bundles`);
		expect(Object.keys(bodyOf(request)).sort()).toEqual(
			['appid', 'product_coupon_id', 'send_request_no', 'stock_bundle_id', ...(accountType === 'brand' ? [] : ['brand_id'])].sort(),
		);

		const bundleId = bundle.user_coupon_bundle_id as string;
		const off = await world.run({
			resource: 'userCoupon',
			operation: 'deactivateBundle',
			openid: OPENID,
			userCouponBundleId: bundleId,
			...bundleParameters(),
			deactivateReason: 'Campaign ended',
		});
		expect(off.error).toBeUndefined();
		expect((off.outputOf('WeChat Pay')[0].json.user_product_coupon_list as Array<{ coupon_state: string }>).map((c) => c.coupon_state)).toEqual(
			Array(3).fill('DEACTIVATED'),
		);
		expect((world.received().at(-1) as Sandbox['requests'][number]).path).toBe(
			`${world.prefix}/users/${OPENID}/coupon-bundles/${bundleId}/deactivate`,
		);
	});

	it('preSendBundle: a token for the bundle', async () => {
		const run = await world.run({ resource: 'userCoupon', operation: 'preSendBundle', openid: OPENID, ...bundleParameters() });
		expect(run.outputOf('WeChat Pay')[0].json).toEqual({ token: expect.any(String), send_request_no: expect.stringMatching(/^N8N/) });
		expect((world.received().at(-1) as Sandbox['requests'][number]).path).toBe(`${world.prefix}/users/${OPENID}/pre-send-coupon-bundle`);
	});
});
