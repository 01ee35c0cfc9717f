import type { INodeParameters } from 'n8n-workflow';

import { startMisbehavingServer } from '../helpers/misbehavingServer';
import { startReplayProxy } from '../helpers/replayProxy';
import { engineFor, startSandbox, workflow, type Sandbox } from '../helpers/world';

/** Answers that are signed but not this request's, answers that never end or never stop, and unsigned error bodies. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const set = (notifyUrl: string, options: INodeParameters = {}) => ({ resource: 'notifyConfig', operation: 'set', notifyUrl, options });
const get = (options: INodeParameters = {}) => ({ resource: 'notifyConfig', operation: 'get', options });

describe('a signed answer is tied to its request', () => {
	it.each(['serviceProvider', 'brand'] as const)('%s: a replayed answer to an earlier Set is not output as this Set\'s success', async (accountType) => {
		const credential = sandbox.createAccount({ accountType });
		const proxy = await startReplayProxy(sandbox.baseUrl);
		try {
			const engine = engineFor({ ...credential, baseUrl: proxy.url, backupBaseUrl: '' });
			const first = await engine.runWorkflow(workflow(set('https://old.example.com/wx')));
			expect(first.outputOf('WeChat Pay')[0].json.notify_url).toBe('https://old.example.com/wx');

			proxy.replay(proxy.answers[0]);
			const second = await engine.runWorkflow(workflow(set('https://new.example.com/wx')));
			expect(second.outputOf('WeChat Pay')).toEqual([]);
			const error = second.errorOf('WeChat Pay');
			expect(error?.message).toBe(
				'WeChat Pay\'s signed answer is not the answer to this request, so it was not used: its notify_url is "https://old.example.com/wx", the request sent "https://new.example.com/wx"',
			);
			expect(error?.description).toMatch(/outcome is unknown.*Run "Get notify URL" to see the current value\./);
			expect((error as { context?: { code?: string } }).context?.code).toBe('RESPONSE_MISMATCH');
		} finally {
			await proxy.close();
		}
	});

	it('a verified 204 to Set says WeChat Pay confirmed without a body, and what was sent, instead of inventing an answer', async () => {
		const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		sandbox.misbehave(credential, 'empty204Signed');
		const run = await engineFor(credential).runWorkflow(workflow(set('https://n8n.example.com/wx')));
		expect(run.outputOf('WeChat Pay').map((item) => item.json)).toEqual([
			{ confirmedWithoutBody: true, statusCode: 204, sent: { notify_url: 'https://n8n.example.com/wx' } },
		]);
	});
});

describe('each attempt has a deadline and an answer has a size limit', () => {
	it('an answer trickling one byte at a time is cut at the Timeout, not held open', async () => {
		const server = await startMisbehavingServer((_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			let sent = 0;
			const timer = setInterval(() => {
				response.write(' ');
				if (++sent === 40) {
					clearInterval(timer);
					response.end('{}');
				}
			}, 200);
			response.on('close', () => clearInterval(timer));
		});
		try {
			const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
			const run = await engineFor({ ...credential, baseUrl: server.url, backupBaseUrl: '' }).runWorkflow(
				workflow(get({ timeout: 1000, maxAttempts: 1 })),
			);
			expect(run.errorOf('WeChat Pay')?.message).toBe(`WeChat Pay did not answer successfully in 1 attempt: ${server.url} → ETIMEDOUT`);
			// The client gave up while the server still had 40 × 200 ms of bytes to send.
			await server.settled();
			expect(server.exchanges).toEqual([expect.objectContaining({ closedByClient: true, finished: false })]);
		} finally {
			await server.close();
		}
	});

	it('an answer larger than the limit is refused while it arrives, not read whole', async () => {
		const chunk = Buffer.alloc(64 * 1024, 0x20);
		const server = await startMisbehavingServer((_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			let written = 0;
			const write = () => {
				// 64 MiB in all, unless the client goes away first.
				while (written < 1024 && !response.destroyed) {
					written++;
					if (!response.write(chunk)) return void response.once('drain', write);
				}
				response.end('{}');
			};
			write();
		});
		try {
			const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
			const run = await engineFor({ ...credential, baseUrl: server.url, backupBaseUrl: '' }).runWorkflow(workflow(get()));
			const error = run.errorOf('WeChat Pay');
			expect(error?.message).toBe('The answer is larger than 2097152 bytes, more than this API ever answers, so it was not read');
			expect((error as { context?: { code?: string } }).context?.code).toBe('RESPONSE_TOO_LARGE');
			await server.settled();
			expect(server.exchanges).toEqual([expect.objectContaining({ closedByClient: true, finished: false })]);
		} finally {
			await server.close();
		}
	});

	it('an answer whose declared length is over the limit is refused before its body is read', async () => {
		const server = await startMisbehavingServer((_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(100 * 1024 * 1024) });
			response.write('{');
		});
		try {
			const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
			const run = await engineFor({ ...credential, baseUrl: server.url, backupBaseUrl: '' }).runWorkflow(workflow(set('https://a.example.com/x')));
			expect(run.errorOf('WeChat Pay')?.message).toMatch(/^The answer is larger than 2097152 bytes/);
			expect(run.errorOf('WeChat Pay')?.description).toMatch(/outcome is unknown/);
		} finally {
			await server.close();
		}
	});
});

describe('unsigned error bodies are used as text, checked and cut', () => {
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a code of %s is not looked up on Object', async (code) => {
		const server = await startMisbehavingServer((_request, response) => {
			response.writeHead(400, { 'Content-Type': 'application/json', 'Request-ID': 'REQ-1' });
			response.end(JSON.stringify({ code, message: 'bad' }));
		});
		try {
			const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
			const run = await engineFor({ ...credential, baseUrl: server.url, backupBaseUrl: '' }).runWorkflow(workflow(get()));
			const error = run.errorOf('WeChat Pay');
			expect(error?.message).toBe('WeChat Pay refused the request: 400 HTTP_400 – bad');
			expect(error?.description).toBe('See the WeChat Pay error code list for this API. Request-ID: REQ-1.');
		} finally {
			await server.close();
		}
	});

	it('a 1 MB message becomes a short one; a message that is not text is left out', async () => {
		let message: unknown = 'x'.repeat(1024 * 1024);
		const server = await startMisbehavingServer((_request, response) => {
			response.writeHead(400, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ code: 'PARAM_ERROR', message }));
		});
		try {
			const credential = sandbox.createAccount({ accountType: 'serviceProvider' });
			const engine = engineFor({ ...credential, baseUrl: server.url, backupBaseUrl: '' });
			const long = (await engine.runWorkflow(workflow(get()))).errorOf('WeChat Pay');
			expect(long?.message).toBe(`WeChat Pay refused the request: 400 PARAM_ERROR – ${'x'.repeat(300)}…`);
			message = { nested: 'object' };
			const odd = (await engine.runWorkflow(workflow(get()))).errorOf('WeChat Pay');
			expect(odd?.message).toBe('WeChat Pay refused the request: 400 PARAM_ERROR');
		} finally {
			await server.close();
		}
	});
});
