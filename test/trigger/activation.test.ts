import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { engineFor, startSandbox, triggerNode, type Sandbox, type SandboxCredential } from '../helpers/world';

/**
 * A trigger whose credential could never verify or decrypt an event must not activate: WeChat Pay would get a
 * refusal for every callback and, after its retries, the events would be lost. Activation runs through n8n-core's
 * HookContext exactly as n8n's WebhookService does (checkExists, then create).
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

async function activate(credential: ICredentialDataDecryptedObject, test = false) {
	const hook = await engineFor(credential).startWebhook({ node: triggerNode(), test });
	await hook.close();
}

describe.each(['serviceProvider', 'brand'] as const)('%s', (accountType) => {
	let credential: SandboxCredential;
	beforeAll(() => {
		credential = sandbox.createAccount({ accountType });
	});

	it('activates with a credential that can verify and decrypt', async () => {
		await expect(activate(credential)).resolves.toBeUndefined();
	});

	it.each([
		['an empty APIv3 Key', { apiV3Key: '' }, /cannot take callbacks: The APIv3 Key is empty/],
		['an APIv3 Key of 31 characters', { apiV3Key: 'k'.repeat(31) }, /APIv3 Key must be exactly 32 characters \(it has 31\)/],
		['an APIv3 Key of 33 characters', { apiV3Key: 'k'.repeat(33) }, /APIv3 Key must be exactly 32 characters \(it has 33\)/],
		['no WeChat Pay key', { wechatPayPublicKeyId: '', wechatPayPublicKey: '', platformCertificates: '' }, /no WeChat Pay public key/],
		['a WeChat Pay public key that does not parse', { wechatPayPublicKey: 'not a key' }, /WeChat Pay Public Key field does not contain/],
	])('refuses to activate with %s, naming the field', async (_case, change, message) => {
		await expect(activate({ ...credential, ...change })).rejects.toThrow(message);
	});

	it('refuses to listen for a test event with an empty APIv3 Key too', async () => {
		await expect(activate({ ...credential, apiV3Key: '' }, true)).rejects.toThrow(/APIv3 Key is empty/);
	});
});

it('activates without a Merchant ID: the trigger needs only WeChat Pay\'s key and the APIv3 Key', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	await expect(activate({ ...credential, merchantId: '', certificateSerialNumber: '', privateKey: '' })).resolves.toBeUndefined();
});
