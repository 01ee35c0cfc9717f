import { CALLBACK_VARIANTS } from '../sandbox';
import { engineFor, startSandbox, triggerNode, type Sandbox, type SandboxCredential } from '../helpers/world';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());


/** A production webhook served through n8n-core's WebhookContext, with a real HTTP server. */
async function serve(credential: SandboxCredential, events?: string[]) {
	return engineFor(credential).startWebhook({ node: triggerNode(events, { webhookId: 'b4a1c7e2-0f59-4d1b-9a53-3c2f6de1a001' }) });
}

describe.each([
	['serviceProvider', 'PRODUCT_COUPON_SP.SEND'],
	['serviceProvider', 'PRODUCT_COUPON_SP.IMAGE_GENERATION'],
	['brand', 'PRODUCT_COUPON.SEND'],
] as const)('%s %s', (accountType, eventType) => {
	it('a valid callback gets 2xx and starts the workflow with the decrypted event', async () => {
		const credential = sandbox.createAccount({ accountType });
		const hook = await serve(credential);
		try {
			const payload = { coupon_code: 'CODE-1', stock_id: 'STOCK-1', openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', brand_id: '120344' };
			const reply = await sandbox.deliverCallback(hook.url, credential, { eventType, payload });
			await hook.settled();
			expect(reply.status).toBe(204);
			expect(hook.calls).toHaveLength(1);
			const [call] = hook.calls;
			const items = call.run?.outputOf('WeChat Pay Trigger') ?? [];
			expect(items.map((item) => item.json)).toEqual([
				{
					id: reply.callback.envelope.id,
					create_time: reply.callback.envelope.create_time,
					event_type: eventType,
					resource_type: 'encrypt-resource',
					summary: reply.callback.envelope.summary,
					resource: payload,
				},
			]);
		} finally {
			await hook.close();
		}
	});
});

/** Variants whose defect is in what proves the sender: the signature, its headers, or a body too large to check. */
const UNVERIFIED = [
	'badSignature',
	'bodyChangedAfterSigning',
	'staleTimestamp',
	'futureTimestamp',
	'unknownSerial',
	'missingTimestamp',
	'missingNonce',
	'missingSignature',
	'missingSerial',
	'signtest',
	'otherKeySignature',
	'largeBody',
	'brandSignatureTypeMismatch',
];

describe('broken callbacks never start the workflow', () => {
	let credential: SandboxCredential;
	let hook: Awaited<ReturnType<typeof serve>>;
	beforeAll(async () => {
		credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		hook = await serve(credential);
	});
	afterAll(async () => hook.close());

	it('at least 25 broken variants exist', () => expect(CALLBACK_VARIANTS.length - 1).toBeGreaterThanOrEqual(25));

	it.each(CALLBACK_VARIANTS.filter((variant: string) => variant !== 'valid'))(
		'%s → 4xx {"code":"FAIL"}, no workflow data, no crash',
		async (variant) => {
			const before = hook.calls.length;
			const reply = await sandbox.deliverCallback(hook.url, credential, { variant });
			await hook.settled();
			expect(reply.status).toBeGreaterThanOrEqual(400);
			expect(reply.status).toBeLessThan(500);
			const call = hook.calls[hook.calls.length - 1];
			expect(hook.calls.length).toBe(before + 1);
			expect(call.workflowData).toBeUndefined();
			expect(call.run).toBeUndefined();
			expect(reply.body).not.toContain(String(credential.apiV3Key));
			if (call.request.rawBody === undefined) {
				// n8n's own JSON body parser refuses a non-JSON body (422) before any node runs.
				expect([variant, reply.status]).toEqual(['nonJsonBody', 422]);
				return;
			}
			expect(call.error).toBeUndefined();
			if (UNVERIFIED.includes(variant)) {
				// Not proven to be WeChat Pay's: one reply for all, that tells the caller nothing.
				expect({ status: reply.status, body: JSON.parse(reply.body) }).toEqual({
					status: 401,
					body: { code: 'FAIL', message: 'The callback could not be verified' },
				});
			} else {
				// Verified, so WeChat Pay itself sent it: it may learn what is wrong with the body.
				expect(reply.status).toBe(400);
				expect(JSON.parse(reply.body)).toEqual({ code: 'FAIL', message: expect.not.stringMatching(/^The callback could not be verified$/) });
			}
		},
	);

	it('still serves a valid callback after all of them', async () => {
		const reply = await sandbox.deliverCallback(hook.url, credential, {});
		await hook.settled();
		expect(reply.status).toBe(204);
		expect(hook.calls[hook.calls.length - 1].run?.outputOf('WeChat Pay Trigger')).toHaveLength(1);
	});
});

it('an event type that is not selected gets 2xx and does not run the workflow', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const hook = await serve(credential, ['PRODUCT_COUPON_SP.IMAGE_GENERATION']);
	try {
		const reply = await sandbox.deliverCallback(hook.url, credential, { eventType: 'PRODUCT_COUPON_SP.SEND' });
		await hook.settled();
		expect(reply.status).toBe(200);
		expect(hook.calls[0].workflowData).toBeUndefined();
		expect(hook.calls[0].run).toBeUndefined();
	} finally {
		await hook.close();
	}
});

it('a brand callback decrypts with the brand key, and not with a service provider\'s', async () => {
	const brand = sandbox.createAccount({ accountType: 'brand' });
	const provider = sandbox.createAccount({ accountType: 'serviceProvider' });
	const hook = await serve(brand);
	try {
		const good = await sandbox.deliverCallback(hook.url, brand, { payload: { coupon_code: 'B-1' } });
		const foreign = await sandbox.deliverCallback(hook.url, provider, {});
		await hook.settled();
		expect(good.status).toBe(204);
		expect(hook.calls[0].run?.outputOf('WeChat Pay Trigger')[0].json.resource).toEqual({ coupon_code: 'B-1' });
		expect(foreign.status).toBe(401);
		expect(hook.calls[1].run).toBeUndefined();
	} finally {
		await hook.close();
	}
});
