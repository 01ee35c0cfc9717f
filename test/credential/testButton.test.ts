import { Workflow } from 'n8n-workflow';

import { WeChatPayApi } from '../../credentials/WeChatPayApi.credentials';
import { generateRsaKeyPair } from '../helpers/keys';
import { engineFor, startSandbox, workflow, type Sandbox, type SandboxCredential } from '../helpers/world';
import { startHtmlServer } from '../helpers/htmlServer';

// The Test button as n8n's CLI presses it (test/engine/credential-test.js): the credential's declarative `test`,
// sent by n8n-core's RoutingNode and signed by the credential's `authenticate`, against the sandbox.
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const press = (data: SandboxCredential | Record<string, unknown>) => engineFor(data as never).testCredential('wechatPayApi');
const withNotifyUrl = (credential: SandboxCredential) => {
	sandbox.account(credential).notifyUrl = 'https://n8n.example.com/x';
	sandbox.account(credential).updateTime = '2026-11-27T10:00:00+08:00';
	return credential;
};
const SUCCESS = { status: 'OK', message: 'Connection successful!' };

describe.each(['serviceProvider', 'brand'] as const)('the Test button, %s', (accountType) => {
	it('succeeds on a fresh account: the 404 "no notify URL yet" comes only after the signature was accepted', async () => {
		const credential = sandbox.createAccount({ accountType });
		sandbox.resetStats();
		expect(await press(credential)).toEqual(SUCCESS);
		expect(sandbox.requests.map((r) => [r.method, r.status, r.code])).toEqual([['GET', 404, 'RESOURCE_NOT_EXISTS']]);
		expect(sandbox.requests[0].path).toBe(
			accountType === 'brand' ? '/brand/marketing/product-coupon/notify-configs' : '/v3/marketing/partner/product-coupon/notify-configs',
		);
	});

	it('succeeds once a notify URL is set', async () => {
		const credential = withNotifyUrl(sandbox.createAccount({ accountType }));
		sandbox.resetStats();
		expect(await press(credential)).toEqual(SUCCESS);
		expect(sandbox.requests.map((r) => r.status)).toEqual([200]);
	});

	it('names the account id, serial, private key and clock when WeChat Pay refuses the signature', async () => {
		const credential = sandbox.createAccount({ accountType });
		const refused = {
			status: 'Error',
			message:
				"SIGN_ERROR: WeChat Pay refused the signature: check the Merchant ID / Brand ID, the Certificate Serial Number and the Private Key in the credential, and that this machine's clock is right",
		};
		expect(await press({ ...credential, privateKey: generateRsaKeyPair().privateKeyPem })).toEqual(refused);
		expect(await press({ ...credential, certificateSerialNumber: '0'.repeat(40) })).toEqual(refused);
		const idField = accountType === 'brand' ? 'brandId' : 'merchantId';
		expect(await press({ ...credential, [idField]: '1900009999' })).toEqual(refused);
	});

	it('names the WeChat Pay Public Key ID when WeChat Pay does not know it', async () => {
		const credential = sandbox.createAccount({ accountType });
		expect(await press({ ...credential, wechatPayPublicKeyId: 'PUB_KEY_ID_0100000000000000000000000000' })).toEqual({
			status: 'Error',
			message: 'INVALID_REQUEST: check the WeChat Pay Public Key ID (sent as Wechatpay-Serial) and the Merchant ID or Brand ID',
		});
	});

	it.each([
		['http429', expect.stringMatching(/^RATELIMIT_EXCEEDED: Over WeChat Pay's rate limit for this account/)],
		['http500', 'SYSTEM_ERROR: WeChat Pay had a server-side problem: retry later'],
		['http503', 'SERVICE_UNAVAILABLE: WeChat Pay is temporarily unavailable: retry later'],
		['http502', expect.stringMatching(/^The answer was a web page, not WeChat Pay's API/)],
		['http504', expect.stringMatching(/^The answer was a web page, not WeChat Pay's API/)],
	])('explains %s instead of calling it success', async (fault, message) => {
		const credential = sandbox.createAccount({ accountType });
		sandbox.misbehave(credential, fault);
		expect(await press(credential)).toEqual({ status: 'Error', message });
	});
});

it('says the connection failed when nothing listens at the Base URL', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const result = await press({ ...credential, baseUrl: 'http://127.0.0.1:9', useBackupHost: false });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/refused the connection|ECONNREFUSED/);
});

it('takes an emptied Base URL as the default one, as the nodes do (n8n\'s expression engine, nothing sent)', () => {
	const nodeType = { description: { properties: [] } };
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as never;
	const node = { id: '1', name: 'n', type: 'n', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const expression = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes }).expression;
	const baseUrlOf = (baseUrl: string) =>
		expression.getSimpleParameterValue(node, new WeChatPayApi().test.request.baseURL as string, 'internal', { $credentials: { baseUrl } });
	expect(baseUrlOf('  ')).toBe('https://api.mch.weixin.qq.com');
	expect(baseUrlOf('')).toBe('https://api.mch.weixin.qq.com');
	expect(baseUrlOf(' http://127.0.0.1:8080 ')).toBe('http://127.0.0.1:8080');
});

it('says a Base URL that serves a web page is not WeChat Pay', async () => {
	const site = await startHtmlServer();
	try {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		expect(await press({ ...credential, baseUrl: site.url })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/check the Base URL if you changed it/),
		});
	} finally {
		await site.close();
	}
});

it('explains a credential that cannot work before sending anything, naming the field', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	sandbox.resetStats();
	expect(await press({ ...credential, wechatPayPublicKey: '', wechatPayPublicKeyId: '' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/no WeChat Pay public key.*Account Center → API Security/),
	});
	expect(await press({ ...credential, privateKey: 'garbage' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Private Key/) });
	expect(await press({ ...credential, wechatPayPublicKey: 'garbage' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/WeChat Pay Public Key/),
	});
	expect(await press({ ...credential, merchantId: '' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Merchant ID/) });
	expect(sandbox.stats.requests).toBe(0);
});

it('says an APIv3 Key of the wrong length will fail every callback, before sending anything', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	sandbox.resetStats();
	expect(await press({ ...credential, apiV3Key: 'only-twenty-characters' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/APIv3 Key must be exactly 32 characters/),
	});
	expect(sandbox.stats.requests).toBe(0);
});

it('works in platform-certificate mode, where no public key id is sent', async () => {
	const credential = withNotifyUrl(sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' }));
	expect(credential.wechatPayPublicKeyId).toBe('');
	sandbox.resetStats();
	expect(await press(credential)).toEqual(SUCCESS);
	expect(sandbox.requests[0].headers['wechatpay-serial']).toBeUndefined();
});

it('cannot see a wrong WeChat Pay public key (n8n gives a Test no response headers), but the first Get names it', async () => {
	const credential = withNotifyUrl(sandbox.createAccount({ accountType: 'serviceProvider' }));
	const wrongPublicKey = { ...credential, wechatPayPublicKey: generateRsaKeyPair().publicKeyPem };
	expect(await press(wrongPublicKey)).toEqual(SUCCESS);
	const run = await engineFor(wrongPublicKey).runWorkflow(workflow({ resource: 'notifyConfig', operation: 'get' }));
	expect(run.outputOf('WeChat Pay')).toEqual([]);
	expect(run.errorOf('WeChat Pay')?.description).toMatch(/^Check the WeChat Pay public key and its ID/);
});
