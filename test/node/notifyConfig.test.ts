import { engineFor, startSandbox, workflow, type Sandbox } from '../helpers/world';
import { generateRsaKeyPair } from '../helpers/keys';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const set = (notifyUrl: string) => ({ resource: 'notifyConfig', operation: 'set', notifyUrl });
const get = { resource: 'notifyConfig', operation: 'get' };

describe.each(['serviceProvider', 'brand'] as const)('%s account, through the n8n engine', (accountType) => {
	it('Set then Get returns what was set, with WeChat Pay\'s update_time passed through', async () => {
		const credential = sandbox.createAccount({ accountType });
		const engine = engineFor(credential);
		const url = `https://n8n.example.com/webhook/${accountType}/wechatpay`;

		const setRun = await engine.runWorkflow(workflow(set(url)));
		expect(setRun.error).toBeUndefined();
		const [setItem] = setRun.outputOf('WeChat Pay');
		expect(setItem.json).toEqual({ notify_url: url, update_time: sandbox.account(credential).updateTime });
		expect(setItem.json.update_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

		const getRun = await engine.runWorkflow(workflow(get));
		expect(getRun.outputOf('WeChat Pay').map((item) => item.json)).toEqual([setItem.json]);

		const seen = sandbox.requests.filter((request) => request.accountId === (credential.merchantId ?? credential.brandId));
		expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`POST ${accountType === 'brand' ? '/brand/marketing' : '/v3/marketing/partner'}/product-coupon/notify-configs 200`,
			`GET ${accountType === 'brand' ? '/brand/marketing' : '/v3/marketing/partner'}/product-coupon/notify-configs 200`,
		]);
	});
});

it('gives 3 paired outputs for 3 items whose notify URL comes from an expression', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const items = [{ shop: 'alpha' }, { shop: 'beta' }, { shop: 'gamma' }];
	const run = await engineFor(credential).runWorkflow(
		workflow(set('={{ "https://hooks.example.com/wx/" + $json.shop }}'), items),
	);
	const output = run.outputOf('WeChat Pay');
	expect(output.map((item) => item.json.notify_url)).toEqual(items.map((item) => `https://hooks.example.com/wx/${item.shop}`));
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
});

it('reports a WeChat Pay error (GET before any Set) with code, status and Request-ID, and fails the run', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const run = await engineFor(credential).runWorkflow(workflow(get));
	expect(run.outputOf('WeChat Pay')).toEqual([]);
	const error = run.errorOf('WeChat Pay');
	expect(error?.message).toMatch(/404 RESOURCE_NOT_EXISTS/);
	expect(error?.description).toMatch(/run "Set notify URL" first/);
	expect(error?.description).toMatch(/Request-ID: \S+/);
	expect((error as { httpCode?: string }).httpCode).toBe('404');
});

it('with Continue On Fail, the failing item becomes an error item and the others go on', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const items = [{ url: 'https://a.example.com/x' }, { url: 'https://b.example.com/x?not=allowed' }, { url: 'https://c.example.com/x' }];
	const run = await engineFor(credential).runWorkflow(
		workflow(set('={{ $json.url }}'), items, { onError: 'continueRegularOutput' }),
	);
	const output = run.outputOf('WeChat Pay');
	expect(output).toHaveLength(3);
	expect(output[0].json.notify_url).toBe('https://a.example.com/x');
	expect(output[1].json.error).toMatch(/query string/);
	expect(output[1].pairedItem).toEqual({ item: 1 });
	expect(output[2].json.notify_url).toBe('https://c.example.com/x');
	expect(run.error).toBeUndefined();
});

it('with Continue On Fail, a WeChat Pay error item carries code, httpCode and requestId', async () => {
	const credential = sandbox.createAccount({ accountType: 'brand' });
	const run = await engineFor(credential).runWorkflow(workflow(get, [{}], { onError: 'continueRegularOutput' }));
	const [item] = run.outputOf('WeChat Pay');
	expect(item.json).toMatchObject({ code: 'RESOURCE_NOT_EXISTS', httpCode: '404' });
	expect(item.json.requestId).toEqual(expect.any(String));
});

it('never sends an invalid notify URL to WeChat Pay, and names the item', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const before = sandbox.stats.requests;
	const run = await engineFor(credential).runWorkflow(
		workflow(set('={{ $json.url }}'), [{ url: 'https://ok.example.com/x' }, { url: 'http://insecure.example.com/x' }]),
	);
	expect(sandbox.stats.requests - before).toBe(1); // only item 0 was sent
	const error = run.errorOf('WeChat Pay');
	expect(error?.message).toMatch(/must start with https:\/\//);
	expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
});

it('reports a private key that the sandbox refuses (SIGN_ERROR) clearly', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const run = await engineFor({ ...credential, privateKey: generateRsaKeyPair().privateKeyPem }).runWorkflow(workflow(get));
	const error = run.errorOf('WeChat Pay');
	expect(error?.message).toMatch(/401 SIGN_ERROR/);
	expect(error?.description).toMatch(/check the Merchant ID \/ Brand ID, the Certificate Serial Number and the Private Key/);
	expect(sandbox.stats.codes.SIGN_ERROR).toBeGreaterThan(0);
});

it('reports a private key that cannot be read without sending anything or quoting the key', async () => {
	const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	const before = sandbox.stats.requests;
	const broken = String(credential.privateKey).slice(0, 300);
	const run = await engineFor({ ...credential, privateKey: broken }).runWorkflow(workflow(get));
	const error = run.errorOf('WeChat Pay');
	expect(error?.message).toMatch(/Private Key field does not contain a readable RSA private key/);
	expect(JSON.stringify(error)).not.toContain(broken.split('\n')[2]);
	expect(sandbox.stats.requests).toBe(before);
});
