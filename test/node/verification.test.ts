import { RESPONSE_FAULTS } from '../sandbox';
import { engineFor, startSandbox, workflow, type Sandbox } from '../helpers/world';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const set = { resource: 'notifyConfig', operation: 'set', notifyUrl: 'https://n8n.example.com/webhook/wx' };
const get = { resource: 'notifyConfig', operation: 'get' };

/** Every way the sandbox can make a 2xx answer unprovable: all its response faults but the one valid 204. */
const TAMPERED = RESPONSE_FAULTS.filter((fault: string) => fault !== 'empty204Signed');

describe.each(['serviceProvider', 'brand'] as const)('%s: an answer that does not verify is never output', (accountType) => {
	let credential: ReturnType<Sandbox['createAccount']>;
	beforeAll(async () => {
		credential = sandbox.createAccount({ accountType });
		// Get needs a stored URL to answer 200.
		const run = await engineFor(credential).runWorkflow(workflow(set));
		expect(run.error).toBeUndefined();
	});

	it('covers at least the 12 tamper cases', () => expect(TAMPERED.length).toBeGreaterThanOrEqual(12));

	it.each(TAMPERED)('%s → Set fails, says the outcome is unknown, outputs nothing', async (fault) => {
		sandbox.misbehave(credential, fault);
		const run = await engineFor(credential).runWorkflow(workflow(set));
		expect(run.outputOf('WeChat Pay')).toEqual([]);
		const error = run.errorOf('WeChat Pay');
		expect(error?.message).toMatch(/could not be verified as WeChat Pay's/);
		expect(error?.description).toMatch(/outcome is unknown.*Run "Get notify URL"/);
		expect(error?.description).toMatch(/Request-ID: \S+/);
		expect((error as { httpCode?: string }).httpCode).toMatch(/^20[04]$/);
	});

	it.each(TAMPERED)('%s → Get fails; with Continue On Fail it is an error item, never data', async (fault) => {
		sandbox.misbehave(credential, fault);
		const failing = await engineFor(credential).runWorkflow(workflow(get));
		expect(failing.outputOf('WeChat Pay')).toEqual([]);
		expect(failing.errorOf('WeChat Pay')?.message).toMatch(/could not be verified/);

		sandbox.misbehave(credential, fault);
		const continued = await engineFor(credential).runWorkflow(workflow(get, [{}], { onError: 'continueRegularOutput' }));
		const items = continued.outputOf('WeChat Pay');
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json).sort()).toEqual(['code', 'description', 'error', 'httpCode', 'requestId']);
		expect(items[0].json.code).toBe('RESPONSE_NOT_VERIFIED');
		expect(items[0].json.notify_url).toBeUndefined();
	});

	it('a correctly signed empty 204 is accepted (Set says it was confirmed without a body, and what it sent)', async () => {
		sandbox.misbehave(credential, 'empty204Signed');
		const run = await engineFor(credential).runWorkflow(workflow(set));
		expect(run.outputOf('WeChat Pay').map((item) => item.json)).toEqual([
			{ confirmedWithoutBody: true, statusCode: 204, sent: { notify_url: set.notifyUrl } },
		]);
	});
});

describe('key modes', () => {
	it.each([
		['serviceProvider', 'publicKey'],
		['serviceProvider', 'platformCertificate'],
		['serviceProvider', 'both'],
		['brand', 'publicKey'],
	] as const)('%s in %s mode: Set then Get verify and output', async (accountType, keyMode) => {
		const credential = sandbox.createAccount({ accountType, keyMode });
		const engine = engineFor(credential);
		expect((await engine.runWorkflow(workflow(set))).outputOf('WeChat Pay')[0].json.notify_url).toBe(set.notifyUrl);
		expect((await engine.runWorkflow(workflow(get))).outputOf('WeChat Pay')[0].json.notify_url).toBe(set.notifyUrl);
	});

	it('during a migration (both set) the serial picks the certificate key too', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'both' });
		sandbox.account(credential).signWith = 'platformCertificate';
		const run = await engineFor(credential).runWorkflow(workflow(set));
		expect(run.outputOf('WeChat Pay')[0].json.notify_url).toBe(set.notifyUrl);
		// Without the certificate the same answer is refused: the certificate's key is what verified it.
		const withoutCertificate = await engineFor({ ...credential, platformCertificates: '' }).runWorkflow(workflow(set));
		expect(withoutCertificate.errorOf('WeChat Pay')?.message).toMatch(/names no key in the credential/);
	});

	it('a certificate-mode credential has no serial to type: it is read from the PEM', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' });
		expect(credential.wechatPayPublicKeyId).toBe('');
		const run = await engineFor(credential).runWorkflow(workflow(set));
		expect(run.error).toBeUndefined();
	});

	it('a credential with neither key mode gets an error that says where the public key is', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		const before = sandbox.stats.requests;
		const run = await engineFor({ ...credential, wechatPayPublicKeyId: '', wechatPayPublicKey: '' }).runWorkflow(workflow(get));
		expect(run.errorOf('WeChat Pay')?.message).toMatch(/no WeChat Pay public key.*Account Center → API Security/);
		expect(sandbox.stats.requests).toBe(before);
	});
});
