import type { ICredentialTestFunctions } from 'n8n-workflow';

import { testWeChatPayCredential } from '../../nodes/shared/credentialTest';
import { generateRsaKeyPair } from '../helpers/keys';
import { startSandbox, type Sandbox, type SandboxCredential } from '../helpers/sandbox';
import { n8nCredentialTestFunctions } from '../helpers/credentialTestFunctions';

let sandbox: Sandbox;
let functions: ICredentialTestFunctions;
beforeAll(async () => {
	sandbox = await startSandbox();
	functions = n8nCredentialTestFunctions();
});
afterAll(async () => sandbox.close());

const press = (data: SandboxCredential | Record<string, unknown>) =>
	testWeChatPayCredential.call(functions, { id: '1', name: 'WeChat Pay', type: 'wechatPayApi', data: data as never });

describe.each(['serviceProvider', 'brand'] as const)('the Test button, %s', (accountType) => {
	it('says no notify URL is set yet but the credentials are valid (404 after a checked signature)', async () => {
		expect(await press(sandbox.createAccount({ accountType }))).toEqual({
			status: 'OK',
			message: 'no notify URL set yet — credentials are valid',
		});
	});

	it('says success once a URL is set and the answer verifies', async () => {
		const credential = sandbox.createAccount({ accountType });
		sandbox.account(credential).notifyUrl = 'https://n8n.example.com/x';
		sandbox.account(credential).updateTime = '2026-11-27T10:00:00+08:00';
		expect(await press(credential)).toMatchObject({ status: 'OK', message: expect.stringMatching(/^Connected/) });
	});

	it('names the account id, serial and private key when WeChat Pay refuses the signature', async () => {
		const credential = sandbox.createAccount({ accountType });
		expect(await press({ ...credential, privateKey: generateRsaKeyPair().privateKeyPem })).toEqual({
			status: 'Error',
			message: `signature refused: check ${accountType === 'brand' ? 'brand id' : 'merchant id'}, certificate serial and private key`,
		});
		expect(await press({ ...credential, certificateSerialNumber: '0'.repeat(40) })).toMatchObject({
			message: expect.stringMatching(/^signature refused/),
		});
	});

	it('names the WeChat Pay public key when the answer does not verify', async () => {
		const credential = sandbox.createAccount({ accountType });
		sandbox.account(credential).notifyUrl = 'https://n8n.example.com/x';
		sandbox.account(credential).updateTime = '2026-11-27T10:00:00+08:00';
		const wrongKey = generateRsaKeyPair().publicKeyPem;
		expect(await press({ ...credential, wechatPayPublicKey: wrongKey })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^response signature does not verify: check the WeChat Pay public key and its id/),
		});
	});
});

it('says it cannot reach the base URL when nothing listens there', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const result = await press({ ...credential, baseUrl: 'http://127.0.0.1:9' });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:9/);
});

it('explains a credential that cannot work before sending anything', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const before = sandbox.stats.requests;
	expect(await press({ ...credential, wechatPayPublicKey: '', wechatPayPublicKeyId: '' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/no WeChat Pay public key/),
	});
	expect(await press({ ...credential, privateKey: 'garbage' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Private Key/) });
	expect(sandbox.stats.requests).toBe(before);
});

it('says an APIv3 Key of the wrong length will fail every callback', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	expect(await press({ ...credential, apiV3Key: 'only-twenty-characters' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/APIv3 Key must be exactly 32 characters/),
	});
});

it('works in platform-certificate mode with the serial read from the certificate', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
	sandbox.account(credential).notifyUrl = 'https://n8n.example.com/x';
	sandbox.account(credential).updateTime = '2026-11-27T10:00:00+08:00';
	expect(credential.wechatPayPublicKeyId).toBe('');
	expect(await press(credential)).toMatchObject({ status: 'OK' });
});
