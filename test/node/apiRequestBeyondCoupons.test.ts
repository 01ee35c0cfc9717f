import { createHash } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { engineFor, startSandbox, workflow, type Sandbox, type SandboxCredential } from '../helpers/world';

/**
 * The generic call beyond the coupon family, against the sandbox's orders, refunds, bills, certificates and its
 * echo endpoint (sandbox-only: it echoes the method, path-and-query and body it verified); and the platform
 * certificate download, whose output then verifies answers.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const call = (parameters: INodeParameters) => ({ resource: 'apiRequest', operation: 'call', ...parameters });
const run = (credential: SandboxCredential, parameters: INodeParameters) =>
	engineFor({ ...credential, backupBaseUrl: '' }).runWorkflow(workflow(parameters));
const output = async (credential: SandboxCredential, parameters: INodeParameters) => {
	const result = await run(credential, parameters);
	if (result.error) throw result.error;
	return result.outputOf('WeChat Pay')[0];
};

describe('every method, signed as sent (what the sandbox verified comes back)', () => {
	it.each([
		['serviceProvider', '/v3/sandbox-echo'],
		['brand', '/brand/sandbox-echo'],
	] as const)('%s: GET, POST, PUT, PATCH, DELETE', async (accountType, prefix) => {
		const credential = sandbox.createAccount({ accountType });
		const body = '{"name":"一号","price":100}';
		for (const method of ['POST', 'PUT', 'PATCH']) {
			const { json } = await output(credential, call({ method, path: method === 'POST' ? `${prefix}/items` : `${prefix}/items/A-1`, body }));
			expect(json).toMatchObject({ sandbox_only: true, method, body, json: { name: '一号', price: 100 } });
		}
		const awkward = `${prefix}/items/A-1?q=a%20b&x=1&x=2&empty=&sym=%2F%3F`;
		const got = await output(credential, call({ method: 'GET', path: awkward, query: { parameters: [{ name: 'more', value: 'x y+z' }] } }));
		expect(got.json).toMatchObject({ method: 'GET', path_and_query: `${awkward}&more=x+y%2Bz`, body: '' });
		const deleted = await output(credential, call({ method: 'DELETE', path: `${prefix}/items/A-1`, options: { fullResponse: true } }));
		expect(deleted.json).toMatchObject({ statusCode: 204, body: null });
	});
});

describe('orders and refunds', () => {
	it('query an order by out_trade_no, refund it, read the refund', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		sandbox.seedTransaction(credential, { outTradeNo: 'ORDER|0001', total: 300 });
		const order = await output(credential, call({ method: 'GET', path: '/v3/pay/transactions/out-trade-no/ORDER%7C0001', query: { parameters: [{ name: 'mchid', value: String(credential.merchantId) }] } }));
		expect(order.json).toMatchObject({ out_trade_no: 'ORDER|0001', trade_state: 'SUCCESS', amount: { total: 300 } });

		const refundBody = JSON.stringify({ out_trade_no: 'ORDER|0001', out_refund_no: 'REFUND-0001', amount: { refund: 100, total: 300, currency: 'CNY' } });
		const refund = await output(credential, call({ method: 'POST', path: '/v3/refund/domestic/refunds', body: refundBody }));
		expect(refund.json).toMatchObject({ out_refund_no: 'REFUND-0001', amount: { refund: 100 } });
		const read = await output(credential, call({ method: 'GET', path: '/v3/refund/domestic/refunds/REFUND-0001' }));
		expect(read.json).toMatchObject({ out_refund_no: 'REFUND-0001' });
	});
});

describe('bills: a signed answer, then its unsigned download checked by its SHA-1', () => {
	let credential: SandboxCredential;
	let bill: IDataObject;
	beforeAll(async () => {
		credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		sandbox.seedTransaction(credential, { outTradeNo: 'BILL-ORDER-1', total: 1990, successTime: Date.now() - 24 * 3600 * 1000 });
		const yesterday = new Date(Date.now() + 8 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
		bill = (await output(credential, call({ method: 'GET', path: `/v3/bill/tradebill?bill_date=${yesterday}` }))).json;
		expect(bill).toMatchObject({ hash_type: 'SHA1', hash_value: expect.stringMatching(/^[0-9a-f]{40}$/), download_url: expect.stringContaining('/v3/billdownload/file?token=') });
	});

	it('with the hash_value the file is output as a binary field', async () => {
		const item = await output(credential, call({ method: 'GET', path: bill.download_url as string, expectedSha1: bill.hash_value as string, options: { binaryPropertyName: 'bill' } }));
		expect(Object.keys(item.binary ?? {})).toEqual(['bill']);
		const bytes = Buffer.from(item.binary?.bill.data as string, 'base64');
		expect(createHash('sha1').update(bytes).digest('hex')).toBe(bill.hash_value);
		expect(bytes.toString('utf8')).toContain('BILL-ORDER-1');
	});

	it('without an expected SHA-1, or with a file changed on the way, nothing is output', async () => {
		const withoutHash = await run(credential, call({ method: 'GET', path: bill.download_url as string }));
		expect(withoutHash.errorOf('WeChat Pay')?.message).toMatch(/the download is unsigned and no expected SHA-1 was given/);
		sandbox.misbehave(credential, 'tamperedBillFile');
		const tampered = await run(credential, call({ method: 'GET', path: bill.download_url as string, expectedSha1: bill.hash_value as string }));
		expect(tampered.outputOf('WeChat Pay')).toEqual([]);
		expect(tampered.errorOf('WeChat Pay')?.message).toMatch(/the downloaded file's SHA-1 is [0-9a-f]{40}, not the/);
	});

	it('an unsigned answer on any other path is refused (only the documented downloads may be unsigned)', async () => {
		sandbox.misbehave(credential, 'empty204Unsigned');
		const result = await run(credential, call({ method: 'GET', path: '/v3/pay/transactions/out-trade-no/BILL-ORDER-1', query: { parameters: [{ name: 'mchid', value: String(credential.merchantId) }] } }));
		expect(result.errorOf('WeChat Pay')?.message).toMatch(/The signature header .* is missing/);
	});
});

describe('platform certificates', () => {
	it('downloaded in certificate mode, each decrypted and verified; pasted into a credential, they verify its answers', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
		const rotated = sandbox.rotatePlatformCertificate(credential, { activate: false });
		const result = await run(credential, { resource: 'platformCertificate', operation: 'download' });
		expect(result.error).toBeUndefined();
		const certificates = result.outputOf('WeChat Pay').map((item) => item.json);
		expect(certificates).toHaveLength(2);
		expect(certificates[1]).toEqual({ serial_no: rotated.serial_no, effective_time: expect.any(String), expire_time: expect.any(String), certificate: rotated.certificate });
		expect(certificates.every((entry) => String(entry.certificate).startsWith('-----BEGIN CERTIFICATE-----'))).toBe(true);
	});

	it('a new certificate, once active, is refused by the old credential and accepted once the download is pasted in', async () => {
		// A copy: the sandbox's rotation also updates the credential object it handed out.
		const credential = { ...sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' }) };
		await run(credential, { resource: 'notifyConfig', operation: 'set', notifyUrl: 'https://n8n.example.com/certs' });
		sandbox.rotatePlatformCertificate(credential, { activate: true });
		const old = await run(credential, { resource: 'notifyConfig', operation: 'get' });
		expect(old.errorOf('WeChat Pay')?.message).toMatch(/names no key in the credential/);

		const downloaded = await run(credential, { resource: 'platformCertificate', operation: 'download' });
		const pasted = downloaded.outputOf('WeChat Pay').map((item) => item.json.certificate).join('\n');
		const fresh = await run({ ...credential, platformCertificates: pasted }, { resource: 'notifyConfig', operation: 'get' });
		expect(fresh.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/certs');
	});

	it('a tampered certificate answer is refused; a brand has no platform certificates', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
		sandbox.misbehave(credential, 'tamperBody');
		const tampered = await run(credential, { resource: 'platformCertificate', operation: 'download' });
		expect(tampered.outputOf('WeChat Pay')).toEqual([]);
		expect(tampered.errorOf('WeChat Pay')?.message).toMatch(/could not be verified/);
		const brand = sandbox.createAccount({ accountType: 'brand' });
		const refused = await run(brand, { resource: 'platformCertificate', operation: 'download' });
		expect(refused.errorOf('WeChat Pay')?.message).toMatch(/brands do not have/);
	});
});
