import { stopCapturing, written } from '../security/allLogs';

import { engineFor, startSandbox, triggerNode, type Sandbox } from '../helpers/world';

/**
 * What an unauthenticated caller learns from a refusal (nothing: one reply for all), what n8n's log learns (why),
 * and replays inside the 5-minute window (acknowledged, the workflow not started again).
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
	stopCapturing();
});

const REFUSAL = { code: 'FAIL', message: 'The callback could not be verified' };
const logSince = (mark: number) => written.slice(mark).join('');

it('an unknown serial, a bad signature and a wrong signature type get the same reply; the log says which', async () => {
	const credential = sandbox.createAccount({ accountType: 'brand' });
	const hook = await engineFor(credential).startWebhook({ node: triggerNode() });
	try {
		const replies = [];
		for (const variant of ['unknownSerial', 'badSignature', 'brandSignatureTypeMismatch']) {
			const mark = written.length;
			const reply = await sandbox.deliverCallback(hook.url, credential, { variant });
			replies.push({ status: reply.status, body: reply.body });
			expect(logSince(mark)).toMatch(
				{ unknownSerial: /names no key/, badSignature: /does not match the body/, brandSignatureTypeMismatch: /Wechatpay-Signature-Type/ }[variant] as RegExp,
			);
		}
		expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1);
		expect(replies[0]).toEqual({ status: 401, body: JSON.stringify(REFUSAL) });
		// Nothing in a reply names a scheme, and so the account type.
		expect(replies.map((reply) => reply.body).join('')).not.toMatch(/WECHATPAY/);
	} finally {
		await hook.close();
	}
});

it('a credential that cannot verify gets the same reply as a forgery, and the log names the field', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const broken = { ...credential, wechatPayPublicKey: 'not a key' };
	const hook = await engineFor(broken).startWebhook({ node: triggerNode(), activate: false });
	try {
		const mark = written.length;
		const reply = await sandbox.deliverCallback(hook.url, credential, {});
		await hook.settled();
		expect({ status: reply.status, body: JSON.parse(reply.body) }).toEqual({ status: 401, body: REFUSAL });
		expect(logSince(mark)).toMatch(/cannot verify callbacks: The WeChat Pay Public Key field does not contain/);
		expect(hook.calls[0].run).toBeUndefined();
	} finally {
		await hook.close();
	}
});

it('the signature is checked before the rest of the credential: a forgery is refused even when the Merchant ID is missing', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const hook = await engineFor({ ...credential, merchantId: '' }).startWebhook({ node: triggerNode(), activate: false });
	try {
		const forged = await sandbox.deliverCallback(hook.url, credential, { variant: 'otherKeySignature' });
		const genuine = await sandbox.deliverCallback(hook.url, credential, {});
		await hook.settled();
		expect(forged.status).toBe(401);
		expect(genuine.status).toBe(204);
		expect(hook.calls[1].run?.outputOf('WeChat Pay Trigger')).toHaveLength(1);
	} finally {
		await hook.close();
	}
});

describe('replays', () => {
	it('the same signed callback twice starts the workflow once; the repeat gets 200', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		const hook = await engineFor(credential).startWebhook({ node: triggerNode() });
		try {
			const callback = sandbox.buildCallback(credential, {});
			const send = () => hook.request({ headers: callback.headers, body: callback.body });
			const first = await send();
			const mark = written.length;
			const repeat = await send();
			expect(first.status).toBe(204);
			expect(first.call?.run?.outputOf('WeChat Pay Trigger')).toHaveLength(1);
			expect(repeat.status).toBe(200);
			expect(repeat.call?.workflowData).toBeUndefined();
			expect(repeat.call?.run).toBeUndefined();
			expect(logSince(mark)).toMatch(/acknowledged a repeated callback/);
		} finally {
			await hook.close();
		}
	});

	it('WeChat Pay\'s own retry of an event (same id, signed anew) is delivered again', async () => {
		const credential = sandbox.createAccount({ accountType: 'brand' });
		const hook = await engineFor(credential).startWebhook({ node: triggerNode() });
		try {
			const id = 'c0ffee00-0000-4000-8000-000000000001';
			const first = await sandbox.deliverCallback(hook.url, credential, { id });
			const retry = await sandbox.deliverCallback(hook.url, credential, { id });
			await hook.settled();
			expect([first.status, retry.status]).toEqual([204, 204]);
			expect(hook.calls.map((call) => call.run?.outputOf('WeChat Pay Trigger')[0].json.id)).toEqual([id, id]);
		} finally {
			await hook.close();
		}
	});

	it('a replay refused before (it did not verify) is not remembered; a replay of an unselected event gets 200', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		const hook = await engineFor(credential).startWebhook({
			node: triggerNode(['PRODUCT_COUPON_SP.IMAGE_GENERATION']),
		});
		try {
			const callback = sandbox.buildCallback(credential, { eventType: 'PRODUCT_COUPON_SP.SEND' });
			const replies = [];
			for (let i = 0; i < 2; i++) replies.push((await hook.request({ headers: callback.headers, body: callback.body })).status);
			expect(replies).toEqual([200, 200]);
			expect(hook.calls.every((call) => call.run === undefined)).toBe(true);
		} finally {
			await hook.close();
		}
	});
});
