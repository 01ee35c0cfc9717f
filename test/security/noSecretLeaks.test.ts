import { stopCapturing, written } from './allLogs';

import type { INode } from 'n8n-workflow';

import { generateRsaKeyPair } from '../helpers/keys';
import { engineFor, startSandbox, TRIGGER_TYPE, workflow, type Sandbox, type SandboxCredential } from '../helpers/world';
import { CALLBACK_VARIANTS } from '../sandbox';
import { SecretScanner, serialise } from './secretScanner';

/**
 * Runs every failure path and scans everything a user or a log could see for the private key, the APIv3 key
 * and the signed messages: output items, the whole execution data (errors with message, description and
 * context), the trigger's replies, the Test button's answers, and all that was written to stdout/stderr.
 */
let sandbox: Sandbox;
let backup: Sandbox;
type Data = SandboxCredential & { backupBaseUrl?: string };
let credential: Data;
let brand: Data;
const scanner = new SecretScanner();

beforeAll(async () => {
	sandbox = await startSandbox();
	backup = await startSandbox({ shareAccountsWith: sandbox });
	credential = sandbox.createAccount({ accountType: 'serviceProvider' });
	brand = sandbox.createAccount({ accountType: 'brand' });
	for (const account of [credential, brand]) {
		scanner.addPrivateKey(String(account.privateKey));
		scanner.addExact(String(account.apiV3Key));
	}
});

afterAll(async () => {
	await sandbox.close();
	await backup.close();
	stopCapturing();
});

const set = { resource: 'notifyConfig', operation: 'set', notifyUrl: 'https://n8n.example.com/webhook/wx' };
const get = { resource: 'notifyConfig', operation: 'get' };

async function runBoth(label: string, data: Data, parameters: typeof set | typeof get, before?: () => void) {
	for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
		before?.();
		const run = await engineFor(data).runWorkflow(workflow(parameters, [{}], { onError }));
		scanner.collect(`${label}/${onError}/items`, serialise(run.outputOf('WeChat Pay')));
		scanner.collect(`${label}/${onError}/execution`, serialise(run.data));
		scanner.collect(`${label}/${onError}/error`, serialise(run.errorOf('WeChat Pay') ?? run.error ?? null));
	}
}

it('the credential\'s own problems: unreadable key, key WeChat Pay refuses, bad URLs, no public key', async () => {
	const wrongKey = generateRsaKeyPair().privateKeyPem;
	scanner.addPrivateKey(wrongKey);
	const broken = String(credential.privateKey).slice(0, 900);
	const cases: Array<[string, Data]> = [
		['unreadable private key', { ...credential, privateKey: broken }],
		['private key on one line with a typo', { ...credential, privateKey: String(credential.privateKey).replace(/\n/g, '').replace('A', '*') }],
		['key the sandbox refuses', { ...credential, privateKey: wrongKey }],
		['brand key the sandbox refuses', { ...brand, privateKey: wrongKey }],
		['base URL not a URL', { ...credential, baseUrl: 'not a url' }],
		['base URL plain http', { ...credential, baseUrl: 'http://example.com' }],
		['network failure', { ...credential, baseUrl: 'http://127.0.0.1:9' }],
		['no public key', { ...credential, wechatPayPublicKey: '', wechatPayPublicKeyId: '' }],
		['wrong public key', { ...credential, wechatPayPublicKey: generateRsaKeyPair().publicKeyPem }],
	];
	for (const [label, data] of cases) {
		await runBoth(label, data, set);
		await runBoth(label, data, get);
		const answer = await engineFor(data).testCredential('wechatPayApi');
		scanner.collect(`${label}/test button`, serialise(answer));
	}
	await runBoth('invalid notify URL', credential, { ...set, notifyUrl: 'http://localhost/x?y=1' });
});

it('every response tamper case and every injected fault', async () => {
	const faults: string[] = sandbox.faults.all.filter((fault: string) => fault !== 'slow');
	for (const account of [credential, brand]) {
		for (const fault of faults) {
			await runBoth(`fault ${fault}`, account, set, () => sandbox.misbehave(account, fault, { times: 3 }));
		}
	}
	await runBoth('slow answer past the timeout', credential, { ...set, options: { timeout: 1000, maxAttempts: 1 } } as typeof set, () =>
		sandbox.misbehave(credential, 'slow', { slowMs: 3000 }),
	);
	sandbox.setDown(true);
	try {
		await runBoth('primary down, backup fails too', { ...credential, backupBaseUrl: 'http://127.0.0.1:9' }, get);
	} finally {
		sandbox.setDown(false);
	}
});

it('every broken callback the trigger refuses, and a trigger without a usable APIv3 key', async () => {
	const trigger: INode = {
		id: 't',
		name: 'WeChat Pay Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		parameters: { events: ['*'] },
	};
	for (const [label, account, data] of [
		['provider', credential, credential],
		['brand', brand, brand],
		['short APIv3 key', credential, { ...credential, apiV3Key: 'too-short' }],
	] as const) {
		const activation = await engineFor(data).startWebhook({ node: trigger }).then(
			async (started) => await started.close(),
			(error: unknown) => error,
		);
		scanner.collect(`trigger ${label} activation`, serialise(activation ?? null));
		// A credential changed after activation still serves its webhook: every refusal it makes is scanned too.
		const hook = await engineFor(data).startWebhook({ node: trigger, activate: false });
		try {
			for (const variant of CALLBACK_VARIANTS) {
				const reply = await sandbox.deliverCallback(hook.url, account, { variant });
				scanner.collect(`trigger ${label} ${variant} reply`, serialise({ status: reply.status, headers: reply.headers, body: reply.body }));
			}
			await hook.settled();
			for (const call of hook.calls) {
				scanner.collect(`trigger ${label} call`, serialise({ error: call.error, run: call.run?.data, reply: call.replyBody }));
			}
		} finally {
			await hook.close();
		}
	}
});

it('found no secret anywhere, and the signed messages never appear either', () => {
	// Each signed message, rebuilt from what the sandbox received, must appear in nothing a user or log saw.
	for (const request of [...sandbox.requests, ...backup.requests]) {
		const authorization = String(request.headers.authorization ?? '');
		const timestamp = /timestamp="(\d+)"/.exec(authorization)?.[1];
		const nonce = /nonce_str="([^"]+)"/.exec(authorization)?.[1];
		if (timestamp && nonce) scanner.addExact(`${request.method}\n${request.path}\n${timestamp}\n${nonce}\n`);
	}
	scanner.collect('stdout/stderr', written.join(''));
	expect(scanner.scanAll()).toEqual([]);
	// The trigger logs why it refused each callback: proof that the log was captured and scanned.
	expect(written.join('')).toContain('WeChat Pay Trigger refused a callback');
	expect(scanner.scanned).toBeGreaterThan(400);
	stopCapturing();
	process.stdout.write(`secret scan: ${scanner.scanned} outputs, ${scanner.scannedBytes} characters scanned, ${scanner.findings.length} findings\n`);
});
