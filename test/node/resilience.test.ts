import type { INodeParameters } from 'n8n-workflow';

import { engineFor, startSandbox, workflow, type Sandbox } from '../helpers/world';

let primary: Sandbox;
let backup: Sandbox;
beforeAll(async () => {
	primary = await startSandbox();
	backup = await startSandbox({ shareAccountsWith: primary });
});
afterAll(async () => {
	await primary.close();
	await backup.close();
});

const set = (notifyUrl: string) => ({ resource: 'notifyConfig', operation: 'set', notifyUrl });
const get = { resource: 'notifyConfig', operation: 'get' };
const withOptions = (parameters: INodeParameters, options: INodeParameters): INodeParameters => ({ ...parameters, options });
const countFor = (sandbox: Sandbox, id: string) => sandbox.stats.byAccount[id] ?? 0;

it('100 items through ~30% faulted requests: every output right, in order, paired, none duplicated', async () => {
	const started = Date.now();
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	primary.setFaultRate(credential, 0.3, ['http429', 'http500', 'http502', 'http503', 'http504', 'reset'], 20261127);
	const items = Array.from({ length: 100 }, (_, index) => ({ index }));
	const run = await engineFor(credential).runWorkflow(
		workflow(withOptions(set('={{ "https://shop" + $json.index + ".example.com/wx" }}'), { maxAttempts: 10 }), items),
	);
	primary.setFaultRate(credential, 0);

	const output = run.outputOf('WeChat Pay');
	expect(run.error).toBeUndefined();
	expect(output).toHaveLength(100);
	output.forEach((item, index) => {
		expect(item.json.notify_url).toBe(`https://shop${index}.example.com/wx`);
		expect(item.pairedItem).toEqual({ item: index });
	});
	expect(new Set(output.map((item) => item.json.notify_url)).size).toBe(100);
	const faulted = primary.requests.filter((request) => request.accountId === credential.merchantId && request.fault);
	expect(faulted.length).toBeGreaterThan(15); // the faults really happened, and were retried
	expect(primary.stats.faultsInjected).toBeGreaterThanOrEqual(faulted.length);
	const sent = primary.requests.filter((request) => request.accountId === credential.merchantId).length;
	const kinds = faulted.reduce<Record<string, number>>((count, request) => ({ ...count, [String(request.fault)]: (count[String(request.fault)] ?? 0) + 1 }), {});
	process.stdout.write(`fault run: 100 items, ${sent} requests received, ${faulted.length} faulted ${JSON.stringify(kinds)} in ${Date.now() - started} ms\n`);
}, 90_000); // each of the ~12 injected 429s waits out WeChat Pay's one-second rate window

it('never retries a 4xx other than 429 (the sandbox counts one attempt)', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const before = countFor(primary, String(credential.merchantId));
	const run = await engineFor(credential).runWorkflow(workflow(get)); // 404 RESOURCE_NOT_EXISTS
	expect(run.errorOf('WeChat Pay')?.message).toMatch(/404 RESOURCE_NOT_EXISTS/);
	expect(countFor(primary, String(credential.merchantId)) - before).toBe(1);
});

it('retries a 429 and then succeeds, with a fresh signature per attempt', async () => {
	const credential = primary.createAccount({ accountType: 'brand' });
	primary.misbehave(credential, 'http429', { times: 2 });
	const run = await engineFor(credential).runWorkflow(workflow(set('https://n8n.example.com/wx')));
	expect(run.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/wx');
	const attempts = primary.requests.filter((request) => request.accountId === credential.brandId);
	expect(attempts.map((request) => request.status)).toEqual([429, 429, 200]);
	const nonces = attempts.map((request) => /nonce_str="([^"]+)"/.exec(String(request.headers.authorization))?.[1]);
	expect(new Set(nonces).size).toBe(3);
});

it('times out a slow answer and tries again', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	primary.misbehave(credential, 'slow', { slowMs: 4000 });
	const run = await engineFor(credential).runWorkflow(
		workflow(withOptions(set('https://n8n.example.com/slow'), { timeout: 1000 })),
	);
	expect(run.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/slow');
});

it('fails over to the backup host when the primary is down', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const id = String(credential.merchantId);
	primary.setDown(true);
	try {
		const run = await engineFor({ ...credential, backupBaseUrl: backup.baseUrl }).runWorkflow(
			workflow(set('https://n8n.example.com/failover')),
		);
		expect(run.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/failover');
		expect(countFor(backup, id)).toBe(1);
	} finally {
		primary.setDown(false);
	}
	// Both hosts serve one account's data; after a failover the backup stays first for a while.
	const read = await engineFor({ ...credential, backupBaseUrl: backup.baseUrl }).runWorkflow(workflow(get));
	expect(read.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://n8n.example.com/failover');
});

it('fails over on 5xx too, but stays on the host for a 429', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const id = String(credential.merchantId);
	primary.misbehave(credential, 'http503'); // the fault queue is the account's: the next request, wherever it lands
	const run = await engineFor({ ...credential, backupBaseUrl: backup.baseUrl }).runWorkflow(workflow(set('https://n8n.example.com/5xx')));
	expect(run.outputOf('WeChat Pay')).toHaveLength(1);
	expect([countFor(primary, id), countFor(backup, id)]).toEqual([1, 1]);

	// The backup answered, so it is tried first next; a 429 there is retried there, not moved back.
	primary.misbehave(credential, 'http429');
	const limited = await engineFor({ ...credential, backupBaseUrl: backup.baseUrl }).runWorkflow(workflow(get));
	expect(limited.outputOf('WeChat Pay')).toHaveLength(1);
	expect([countFor(primary, id), countFor(backup, id)]).toEqual([1, 3]);
});

it('after a failover, an answer that does not verify names every host tried', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	primary.misbehave(credential, 'http502');
	primary.misbehave(credential, 'tamperBody');
	const run = await engineFor({ ...credential, backupBaseUrl: backup.baseUrl }).runWorkflow(workflow(set('https://n8n.example.com/x')));
	const error = run.errorOf('WeChat Pay');
	expect(run.outputOf('WeChat Pay')).toEqual([]);
	expect(error?.message).toContain(`after 2 attempts (${primary.baseUrl} → 502`);
	expect(error?.message).toContain(`${backup.baseUrl} → 200 (Request-ID`);
	expect(error?.description).toMatch(/outcome is unknown/);
});

it('a sandbox or proxy Base URL is never bypassed by the default backup host', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	primary.misbehave(credential, 'http503', { times: 3 });
	// What n8n stores when the user leaves "Backup Base URL" at its default.
	const run = await engineFor({ ...credential, backupBaseUrl: 'https://api2.mch.weixin.qq.com' }).runWorkflow(workflow(get));
	expect(run.errorOf('WeChat Pay')?.message).not.toContain('api2.mch.weixin.qq.com');
	expect(countFor(primary, String(credential.merchantId))).toBe(3);
});

it('an option given by an expression that is not a number is an error for that item, not a crash', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const run = await engineFor(credential).runWorkflow(
		workflow(withOptions(get, { maxAttempts: '={{ "many" }}' }), [{}], { onError: 'continueRegularOutput' }),
	);
	expect(run.outputOf('WeChat Pay')[0].json.error).toBe('The option "Maximum Attempts" must be a number, got "many"');
});

it('a host that always fails gives a clear error per item and keeps the other items (Continue On Fail)', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const good = await engineFor(credential).runWorkflow(workflow(set('https://n8n.example.com/kept')));
	expect(good.error).toBeUndefined();
	primary.misbehave(credential, 'http500', { times: 3 });
	const items = [{ op: 'x' }, { op: 'y' }];
	const run = await engineFor(credential).runWorkflow(workflow(get, items, { onError: 'continueRegularOutput' }));
	const output = run.outputOf('WeChat Pay');
	expect(output).toHaveLength(2);
	expect(output[0].json.error).toMatch(/^WeChat Pay did not answer successfully in 3 attempts: (http:\/\/127\.0\.0\.1:\d+ → 500 SYSTEM_ERROR \(Request-ID \w+\)(; )?){3}$/);
	expect(output[0].json.requestId).toEqual(expect.any(String));
	expect(output[1].json.notify_url).toBe('https://n8n.example.com/kept');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

it('a network failure on every attempt names the attempts and hosts', async () => {
	const credential = primary.createAccount({ accountType: 'serviceProvider' });
	const run = await engineFor({ ...credential, baseUrl: 'http://127.0.0.1:9', backupBaseUrl: '' }).runWorkflow(workflow(get));
	expect(run.errorOf('WeChat Pay')?.message).toBe(
		'WeChat Pay did not answer successfully in 3 attempts: ' + Array(3).fill('http://127.0.0.1:9 → ECONNREFUSED').join('; '),
	);
});

it('an account whose quota is shared (WeChat Pay allows it 10/s here, the node paces to 20/s): every item applied once', async () => {
	const shared = await startSandbox({ rateLimitPerSecond: 10 });
	try {
		const credential = shared.createAccount({ accountType: 'serviceProvider' });
		const items = Array.from({ length: 60 }, (_, index) => ({ index }));
		const run = await engineFor({ ...credential, backupBaseUrl: '' }).runWorkflow(
			workflow(set('={{ "https://shop" + $json.index + ".example.com/wx" }}'), items),
		);
		expect(run.error).toBeUndefined();
		expect(run.outputOf('WeChat Pay').map((item) => item.json.notify_url)).toEqual(items.map(({ index }) => `https://shop${index}.example.com/wx`));
		const applied = shared.requests.filter((request) => request.status === 200).map((request) => JSON.parse(request.body).notify_url);
		expect(applied).toEqual(items.map(({ index }) => `https://shop${index}.example.com/wx`));
		const limited = shared.requests.filter((request) => request.status === 429).length;
		expect(limited).toBeGreaterThan(0); // the quota really was exceeded, and the node recovered from it
		process.stdout.write(`shared quota: 60 items, ${shared.requests.length} requests, ${limited} answered 429\n`);
	} finally {
		await shared.close();
	}
});
