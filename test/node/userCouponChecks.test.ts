import type { INodeParameters } from 'n8n-workflow';

import { bodyOf, couponWorld, type AccountType, type CouponWorld } from '../helpers/couponWorld';
import { startSandbox, type Sandbox } from '../helpers/world';

/**
 * What must never reach WeChat Pay (bad input, the wrong brand, paths that would change under a value), what a
 * retry must never do (send a second coupon), and how errors read.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

/** Parameters that are valid for each operation, given the seeded coupon (and a coupon code for coupon operations). */
function validParameters(world: CouponWorld, operation: string): INodeParameters {
	const stock = world.stockParameters;
	const coupon = { openid: OPENID, couponCode: 'Code123456', ...stock };
	const bundle = { productCouponId: stock.productCouponId, stockBundleId: '1200000999', appid: stock.appid };
	const byOperation: Record<string, INodeParameters> = {
		send: { openid: OPENID, ...stock },
		preSend: { openid: OPENID, ...stock },
		sendBundle: { openid: OPENID, ...bundle },
		preSendBundle: { openid: OPENID, ...bundle },
		confirm: coupon,
		use: { ...coupon, transactionId: '4200000985202011201234567890' },
		return: coupon,
		deactivate: { ...coupon, deactivateReason: 'ended' },
		deactivateBundle: { openid: OPENID, userCouponBundleId: 'B123456', ...bundle, deactivateReason: 'ended' },
		get: coupon,
		getMany: { openid: OPENID, appid: stock.appid },
	};
	return { resource: 'userCoupon', operation, ...byOperation[operation] };
}

const OPERATIONS = ['send', 'preSend', 'sendBundle', 'preSendBundle', 'confirm', 'use', 'return', 'deactivate', 'deactivateBundle', 'get', 'getMany'];

/** Refusals every operation makes before sending: [what, parameters changed, message]. */
const COMMON: Array<[string, INodeParameters, RegExp]> = [
	// A static empty value is stopped by n8n itself (required field); one an expression gives reaches the node.
	['an empty OpenID from an expression', { openid: '={{ $json.openid ?? "" }}' }, /^The parameter "OpenID" is empty$/],
	['an OpenID with a slash', { openid: 'o/../x' }, /^The parameter "OpenID" may contain only letters, digits, "_" and "-"$/],
	['an OpenID that is percent-encoded dots', { openid: '%2e%2e' }, /^The parameter "OpenID" may contain only letters/],
	['an OpenID with a query', { openid: 'o?x=1' }, /^The parameter "OpenID" may contain only letters/],
	['an AppID of 33 characters', { appid: `wx${'a'.repeat(31)}` }, /^The parameter "AppID" is 33 characters long; WeChat Pay accepts at most 32$/],
	['an AppID with spaces around it', { appid: ' wx1 ' }, /^The parameter "AppID" starts or ends with spaces$/],
];

describe.each(['serviceProvider', 'brand'] as const)('%s: nothing invalid is sent', (accountType: AccountType) => {
	let world: CouponWorld;
	beforeAll(() => {
		world = couponWorld(sandbox, accountType);
	});

	const cases = OPERATIONS.flatMap((operation) => COMMON.map(([what, change, message]) => [operation, what, change, message] as const));

	it.each(cases)('%s with %s is refused, naming the parameter and the item', async (operation, _what, change, message) => {
		const before = world.received().length;
		const run = await world.run({ ...validParameters(world, operation), ...change }, [{}, {}], { onError: 'continueRegularOutput' });
		const output = run.outputOf('WeChat Pay');
		expect(output).toHaveLength(2);
		for (const [index, item] of output.entries()) {
			expect(item.json.error).toMatch(message);
			expect(item.json.description).toMatch(new RegExp(`^Item ${index} \\(counting from 0\\), parameter "\\w+": .*Nothing was sent for this item\\.$`));
			expect(item.pairedItem).toEqual({ item: index });
		}
		expect(world.received().length).toBe(before);
	});

	it.each([
		['send', { sendRequestNo: 'short' }, /^The parameter "Send Request Number" is 5 characters long; WeChat Pay needs at least 6$/],
		['send', { sendRequestNo: 'x'.repeat(129) }, /accepts at most 128/],
		['preSend', { sendRequestNo: 'x'.repeat(41) }, /accepts at most 40/],
		['confirm', { outRequestNo: 'has space' }, /^The parameter "Out Request Number" may contain only letters/],
		['confirm', { couponCode: 'a'.repeat(41) }, /^The parameter "Coupon Code" is 41 characters long/],
		['confirm', { couponCode: '..' }, /^The parameter "Coupon Code" may contain only letters/],
		['deactivateBundle', { userCouponBundleId: '%2F' }, /^The parameter "User Coupon Bundle ID" may contain only letters/],
		['deactivate', { deactivateReason: '={{ "" }}' }, /^The parameter "Deactivate Reason" is empty$/],
		['deactivate', { deactivateReason: '理'.repeat(151) }, /151 characters long; WeChat Pay accepts at most 150/],
		['send', { attach: 'x'.repeat(151) }, /^The parameter "Attach" is 151 characters long/],
		['use', { transactionId: '' }, /^The parameter "Transaction ID" and the other order fields are all empty/],
		['use', { outTradeNo: 'ORDER-000001' }, /is one of 2 orders given \(transactionId, outTradeNo\)/],
		['use', { transactionId: '', outTradeNo: 'ORDER-000001' }, /^The parameter "Order Merchant ID" is empty$/],
		['use', { orderMchid: '1900000109' }, /^The parameter "Order Merchant ID" goes only with Out Trade No or PayScore Out Order No$/],
		['use', { useTime: '2026-11-30 10:00:00' }, /^The parameter "Use Time" is "2026-11-30 10:00:00", which has no offset/],
		['use', { useTime: '2026-02-30T10:00:00+08:00' }, /which is not a real date and time/],
		['use', { storeId: 'store 1' }, /^The parameter "Store ID" may contain only letters/],
	])('%s with %j is refused before sending', async (operation, change, message) => {
		const before = world.received().length;
		const run = await world.run({ ...validParameters(world, operation), ...change });
		expect(run.errorOf('WeChat Pay')?.message).toMatch(message);
		expect(world.received().length).toBe(before);
	});

	if (accountType === 'serviceProvider') {
		it.each(OPERATIONS)('%s without a Brand ID is refused: a service provider names the brand it acts for', async (operation) => {
			const before = world.received().length;
			const run = await world.engine.runWorkflow(
				(await import('../helpers/world')).workflow({ ...validParameters(world, operation), brandId: '' }),
			);
			expect(run.errorOf('WeChat Pay')?.message).toBe('The parameter "Brand ID" is empty');
			expect(run.errorOf('WeChat Pay')?.description).toMatch(/must name the brand it acts for/);
			expect(world.received().length).toBe(before);
		});
	} else {
		it.each(OPERATIONS)('%s with another brand\'s ID is refused; with its own it is sent without brand_id', async (operation) => {
			const before = world.received().length;
			const other = await world.run({ ...validParameters(world, operation), brandId: '999999' });
			expect(other.errorOf('WeChat Pay')?.message).toBe(`The parameter "Brand ID" is 999999, but the credential is brand ${world.accountId}`);
			expect(world.received().length).toBe(before);
			await world.run({ ...validParameters(world, operation), brandId: world.accountId });
			const sent = world.received().slice(before);
			expect(sent).toHaveLength(1);
			expect(sent[0].path).not.toMatch(/brand_id/);
			expect(sent[0].body).not.toMatch(/brand_id/);
		});
	}
});

describe('retries never send twice', () => {
	it.each(['serviceProvider', 'brand'] as const)('%s: a 500 after WeChat Pay applied the send is retried with the same number: one coupon', async (accountType) => {
		const world = couponWorld(sandbox, accountType);
		sandbox.misbehave(world.credential, 'http500AfterApply');
		const run = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters });
		expect(run.error).toBeUndefined();
		const sends = world.received();
		expect(sends.map((request) => request.status)).toEqual([500, 200]);
		const [first, second] = sends.map((request) => bodyOf(request).send_request_no);
		expect(second).toBe(first);
		expect(sandbox.userCoupons(world.credential)).toHaveLength(1);
		expect(run.outputOf('WeChat Pay')[0].json.send_request_no).toBe(first);
	});

	it('every item of a run gets its own number, and a confirm retried after a lost answer confirms once', async () => {
		const world = couponWorld(sandbox, 'serviceProvider');
		const sent = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters }, [{}, {}, {}]);
		const numbers = sent.outputOf('WeChat Pay').map((item) => item.json.send_request_no);
		expect(new Set(numbers).size).toBe(3);
		const code = sent.outputOf('WeChat Pay')[0].json.coupon_code as string;
		sandbox.misbehave(world.credential, 'http500AfterApply');
		const confirmed = await world.run({ resource: 'userCoupon', operation: 'confirm', openid: OPENID, couponCode: code, ...world.stockParameters });
		expect(confirmed.outputOf('WeChat Pay')[0].json.coupon_state).toBe('EFFECTIVE');
		const confirms = world.received().filter((request) => request.path.endsWith('/confirm'));
		expect(confirms.map((request) => request.status)).toEqual([500, 200]);
		expect(bodyOf(confirms[1]).out_request_no).toBe(bodyOf(confirms[0]).out_request_no);
	});
});

describe('errors', () => {
	it('a state error names the numeric code and says what it means; Continue On Fail keeps the other items', async () => {
		const world = couponWorld(sandbox, 'brand');
		const sent = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters });
		const code = sent.outputOf('WeChat Pay')[0].json.coupon_code as string;
		// Redeeming before confirming: WeChat Pay refuses (268578367).
		const items = [{ code }, { code: 'NoSuchCode1' }];
		const run = await world.run(
			{ resource: 'userCoupon', operation: 'use', openid: OPENID, couponCode: '={{ $json.code }}', ...world.stockParameters, transactionId: '4200000985202011201234567890' },
			items,
			{ onError: 'continueRegularOutput' },
		);
		const [stateError, notFound] = run.outputOf('WeChat Pay').map((item) => item.json);
		expect(stateError).toMatchObject({ code: 'INVALID_REQUEST', numericCode: '268578367', httpCode: '400' });
		expect(stateError.error).toMatch(/^WeChat Pay refused the request: 400 INVALID_REQUEST \(268578367\)/);
		expect(stateError.description).toMatch(/^The coupon state does not allow this: a coupon must be confirmed before it is redeemed/);
		expect(notFound).toMatchObject({ code: 'RESOURCE_NOT_EXISTS', httpCode: '404', numericCode: '268578851' });
	});

	it('an answer that does not verify after a send says how to read the outcome back for this operation', async () => {
		const world = couponWorld(sandbox, 'serviceProvider');
		sandbox.misbehave(world.credential, 'tamperBody');
		const run = await world.run({ resource: 'userCoupon', operation: 'send', openid: OPENID, ...world.stockParameters, sendRequestNo: 'SEND-KNOWN-1' });
		expect(run.errorOf('WeChat Pay')?.description).toMatch(
			/outcome is unknown.*Run "Get Many" of the User Coupon resource for this user .*Send Request Number SEND-KNOWN-1/,
		);
	});
});
