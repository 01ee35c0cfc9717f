import { readAccount } from '../../nodes/shared/account';
import { handleCallback } from '../../nodes/WeChatPayTrigger/handleCallback';
import { startSandbox, type Sandbox, type SandboxCredential } from '../helpers/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

describe.each(['serviceProvider', 'brand'] as const)('%s callbacks, verify → parse → decrypt', (accountType) => {
	let credential: SandboxCredential;
	beforeAll(() => {
		credential = sandbox.createAccount({ accountType });
	});

	it('decrypts a valid callback into the envelope with the resource as JSON', () => {
		const callback = sandbox.buildCallback(credential, { payload: { coupon_code: 'C-1', openid: 'o-1', stock_id: 'S-9' } });
		const outcome = handleCallback(readAccount(credential), callback.headers, callback.body, ['*']);
		expect(outcome).toEqual({
			kind: 'event',
			event: {
				id: callback.envelope.id,
				create_time: callback.envelope.create_time,
				event_type: accountType === 'brand' ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND',
				resource_type: 'encrypt-resource',
				summary: callback.envelope.summary,
				resource: { coupon_code: 'C-1', openid: 'o-1', stock_id: 'S-9' },
			},
		});
	});

	const broken = () => (sandbox.callbackVariants as string[]).filter((variant) => variant !== 'valid');

	it('refuses every broken variant with a 4xx and a message that leaks no key', () => {
		const results = broken().map((variant) => {
			const callback = sandbox.buildCallback(credential, { variant });
			return { variant, outcome: handleCallback(readAccount(credential), callback.headers, callback.body, ['*']) };
		});
		expect(results.length).toBeGreaterThanOrEqual(25);
		for (const { variant, outcome } of results) {
			expect({ variant, kind: outcome.kind }).toEqual({ variant, kind: 'refused' });
			if (outcome.kind !== 'refused') continue;
			expect(outcome.status).toBeGreaterThanOrEqual(400);
			expect(outcome.status).toBeLessThan(500);
			expect(outcome.message).not.toContain(String(credential.apiV3Key));
		}
	});

	it('acknowledges an unselected event type without decrypting it', () => {
		const callback = sandbox.buildCallback(credential, { eventType: 'PRODUCT_COUPON_SP.IMAGE_GENERATION' });
		expect(handleCallback(readAccount(credential), callback.headers, callback.body, ['PRODUCT_COUPON.SEND'])).toEqual({
			kind: 'ignored',
			eventType: 'PRODUCT_COUPON_SP.IMAGE_GENERATION',
		});
	});

	it('passes an event type that does not exist yet when All Events is selected', () => {
		const callback = sandbox.buildCallback(credential, { eventType: 'PRODUCT_COUPON_SP.SOMETHING_NEW' });
		expect(handleCallback(readAccount(credential), callback.headers, callback.body, ['*']).kind).toBe('event');
	});

	it('refuses a valid callback when checked with another account\'s keys', () => {
		const other = sandbox.createAccount({ accountType });
		const callback = sandbox.buildCallback(credential, {});
		expect(handleCallback(readAccount(other), callback.headers, callback.body, ['*'])).toMatchObject({ kind: 'refused', status: 401 });
	});
});

it('verifies a callback signed with a platform certificate (serial read from the PEM)', () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
	const callback = sandbox.buildCallback(credential, {});
	expect(callback.headers['wechatpay-serial']).toMatch(/^[0-9A-F]{40}$/);
	expect(handleCallback(readAccount(credential), callback.headers, callback.body, ['*']).kind).toBe('event');
});

it('refuses a stale callback by the clock it is given (replay protection)', () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const callback = sandbox.buildCallback(credential, {});
	const sentAt = Number(callback.headers['wechatpay-timestamp']);
	const account = readAccount(credential);
	expect(handleCallback(account, callback.headers, callback.body, ['*'], { nowSeconds: sentAt + 300 }).kind).toBe('event');
	expect(handleCallback(account, callback.headers, callback.body, ['*'], { nowSeconds: sentAt + 301 })).toMatchObject({ kind: 'refused', status: 401 });
});
