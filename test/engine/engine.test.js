// @ts-check
'use strict';

/**
 * Proves the harness runs nodes through n8n-core's real engine: expressions and pairedItem,
 * httpRequestWithAuthentication with a credential's authenticate (function and generic), continueOnFail
 * (onError and the legacy flag) and a trigger's webhook() over real HTTP through WebhookContext.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');

const { createEngine, connectChain, userFolder, MANUAL_TRIGGER_NODE_TYPE, ITEMS_NODE_TYPE } = require('.');

/**
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription
 * @typedef {import('n8n-workflow').IExecuteFunctions} IExecuteFunctions
 * @typedef {import('n8n-workflow').IWebhookFunctions} IWebhookFunctions
 * @typedef {import('n8n-workflow').IWebhookResponseData} IWebhookResponseData
 * @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').IHttpRequestOptions} IHttpRequestOptions
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 */

// ---------------------------------------------------------------------------------------------------
// Test node and credential types

/**
 * @param {Partial<INodeTypeDescription> & Pick<INodeTypeDescription, 'name' | 'properties'>} description
 * @returns {INodeTypeDescription}
 */
const describe_ = (description) => ({
	displayName: description.name,
	group: ['transform'],
	version: 1,
	description: '',
	defaults: { name: description.name },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	...description,
});

/** Outputs one item per input item with the (per-item) value of its `text` parameter. */
/** @type {INodeType} */
const echoNode = {
	description: describe_({
		name: 'echo',
		properties: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
	}),
	/** @this {IExecuteFunctions} */
	async execute() {
		/** @type {INodeExecutionData[]} */
		const out = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const text = /** @type {string} */ (this.getNodeParameter('text', i));
			out.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray({ text }), { itemData: { item: i } }));
		}
		return [out];
	},
};

/** POSTs each item to `url` with httpRequestWithAuthentication and the given credential type. */
/** @param {string} credentialType */
const callApiNode = (credentialType) =>
	/** @type {INodeType} */ ({
		description: describe_({
			name: `callApi_${credentialType}`,
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
		}),
		/** @this {IExecuteFunctions} */
		async execute() {
			/** @type {INodeExecutionData[]} */
			const out = [];
			const items = this.getInputData();
			for (let i = 0; i < items.length; i++) {
				/** @type {IHttpRequestOptions} */
				const options = {
					method: 'POST',
					url: /** @type {string} */ (this.getNodeParameter('url', i)),
					body: items[i].json,
					json: true,
				};
				const response = await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options);
				out.push({ json: response, pairedItem: { item: i } });
			}
			return [out];
		},
	});

/** Fails for input item 1 (NodeOperationError with itemIndex), honouring continueOnFail. */
/** @type {INodeType} */
const failSecondNode = {
	description: describe_({ name: 'failSecond', properties: [] }),
	/** @this {IExecuteFunctions} */
	async execute() {
		/** @type {INodeExecutionData[]} */
		const out = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				if (i === 1) throw new NodeOperationError(this.getNode(), 'Item 1 is not acceptable', { itemIndex: i });
				out.push({ json: { ok: items[i].json.n }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: /** @type {Error} */ (error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	},
};

/**
 * A trigger whose webhook() checks an HMAC of the raw body (secret from its credentials), answers with
 * its own status and body, and starts the workflow with what it received.
 * @type {INodeType}
 */
const signedTrigger = {
	description: describe_({
		name: 'signedTrigger',
		group: ['trigger'],
		inputs: [],
		credentials: [{ name: 'testApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'callback' }],
		properties: [],
	}),
	/** @this {IWebhookFunctions} */
	async webhook() {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const credentials = await this.getCredentials('testApi');
		const raw = /** @type {Buffer} */ (req.rawBody);
		const expected = crypto.createHmac('sha256', String(credentials.token)).update(raw).digest('hex');
		if (req.headers['x-signature'] !== expected) {
			res.status(401).json({ code: 'SIGN_ERROR', message: 'bad signature' });
			return { noWebhookResponse: true };
		}
		res.status(202).json({ code: 'SUCCESS' });
		return {
			noWebhookResponse: true,
			workflowData: [
				[
					{
						json: {
							raw: raw.toString('utf8'),
							isBuffer: Buffer.isBuffer(raw),
							body: /** @type {IDataObject} */ (this.getBodyData()),
							url: this.getNodeWebhookUrl('default') ?? null,
						},
					},
				],
			],
		};
	},
};

/** A trigger that leaves the reply to n8n (no noWebhookResponse, no workflowData). */
/** @type {INodeType} */
const plainTrigger = {
	description: describe_({
		name: 'plainTrigger',
		group: ['trigger'],
		inputs: [],
		webhooks: [{ name: 'default', httpMethod: 'GET,POST', responseMode: 'onReceived', path: 'plain' }],
		properties: [],
	}),
	/** @this {IWebhookFunctions} */
	async webhook() {
		return { webhookResponse: { received: this.getQueryData() } };
	},
};

/** Credential type whose authenticate is an async function (like n8n's AWS SigV4 credential). */
/** @type {ICredentialType} */
const testApi = {
	name: 'testApi',
	displayName: 'Test API',
	properties: [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scheme', name: 'scheme', type: 'string', default: 'Token' },
	],
	async authenticate(credentials, requestOptions) {
		await new Promise((resolve) => setImmediate(resolve));
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-Test-Auth': `${credentials.scheme} ${credentials.token}` },
		};
	},
};

/** Credential type with a generic (declarative) authenticate. */
/** @type {ICredentialType} */
const genericApi = {
	name: 'genericApi',
	displayName: 'Generic API',
	properties: [{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' }],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' }, qs: { key: '={{$credentials.apiKey}}' } },
	},
};

// ---------------------------------------------------------------------------------------------------
// Helpers

/**
 * @param {string} name
 * @param {string} type
 * @param {IDataObject} [parameters]
 * @param {Partial<INode>} [extra]
 * @returns {INode}
 */
const node = (name, type, parameters = {}, extra = {}) => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: /** @type {any} */ (parameters),
	...extra,
});

const start = node('Start', MANUAL_TRIGGER_NODE_TYPE);
/** @param {unknown[]} items */
const itemsNode = (items) => node('Items', ITEMS_NODE_TYPE, { items: JSON.stringify(items) });

const engine = () =>
	createEngine({
		nodeTypes: {
			'test.echo': echoNode,
			'test.callApi': callApiNode('testApi'),
			'test.callGenericApi': callApiNode('genericApi'),
			'test.failSecond': failSecondNode,
			'test.signedTrigger': signedTrigger,
			'test.plainTrigger': plainTrigger,
		},
		credentialTypes: { testApi, genericApi },
		credentials: { testApi: { token: 'secret-token' }, genericApi: { apiKey: 'k-123' } },
	});

/** A local API that records requests and echoes them. */
async function startApi() {
	/** @type {Array<{ method?: string, url?: string, headers: http.IncomingHttpHeaders, body: string }>} */
	const seen = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			seen.push({ method: req.method, url: req.url, headers: req.headers, body });
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify({ echoed: body ? JSON.parse(body) : null, auth: req.headers['x-test-auth'] ?? null }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		seen,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

// ---------------------------------------------------------------------------------------------------

describe('engine harness: workflows through WorkflowExecute', () => {
	test('expression parameters are resolved per item and pairedItem is kept', async () => {
		const run = await engine().runWorkflow({
			nodes: [
				start,
				itemsNode([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
				node('Echo', 'test.echo', { text: "={{ $json.name }}-{{ $itemIndex }}-{{ $('Items').item.json.name.toUpperCase() }}" }),
			],
			connections: connectChain('Start', 'Items', 'Echo'),
		});

		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.outputOf('Echo')).toEqual([
			{ json: { text: 'a-0-A' }, pairedItem: { item: 0 } },
			{ json: { text: 'b-1-B' }, pairedItem: { item: 1 } },
			{ json: { text: 'c-2-C' }, pairedItem: { item: 2 } },
		]);
		expect(run.outputOf('Items').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(Object.keys(run.data.data.resultData.runData)).toEqual(['Start', 'Items', 'Echo']);
		expect(run.nodeExecutionOrder).toEqual(['Start', 'Items', 'Echo']); // from the lifecycle hooks
		expect(run.data.mode).toBe('manual');
	});

	test('without a trigger the workflow starts from its root (test.items → node)', async () => {
		const run = await engine().runWorkflow({
			nodes: [itemsNode([{ name: 'x' }, { name: 'y' }]), node('Echo', 'test.echo', { text: '={{ $json.name }}' })],
			connections: connectChain('Items', 'Echo'),
		});
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Echo')).toEqual([
			{ json: { text: 'x' }, pairedItem: { item: 0 } },
			{ json: { text: 'y' }, pairedItem: { item: 1 } },
		]);
	});

	test('httpRequestWithAuthentication goes through the credential type’s authenticate function', async () => {
		const api = await startApi();
		try {
			const eng = engine();
			const run = await eng.runWorkflow({
				nodes: [start, itemsNode([{ n: 1 }, { n: 2 }]), node('Call', 'test.callApi', { url: `${api.url}/things` })],
				connections: connectChain('Start', 'Items', 'Call'),
			});

			expect(run.error).toBeUndefined();
			// The server saw the header added by authenticate(), with the credential's default ("Token") applied.
			expect(api.seen.map((request) => request.headers['x-test-auth'])).toEqual(['Token secret-token', 'Token secret-token']);
			expect(api.seen.map((request) => [request.method, request.url, JSON.parse(request.body)])).toEqual([
				['POST', '/things', { n: 1 }],
				['POST', '/things', { n: 2 }],
			]);
			expect(run.outputOf('Call').map((item) => item.json)).toEqual([
				{ echoed: { n: 1 }, auth: 'Token secret-token' },
				{ echoed: { n: 2 }, auth: 'Token secret-token' },
			]);
			expect(eng.credentialsHelper.authenticateCalls).toEqual([
				{ typeName: 'testApi', nodeName: 'Call' },
				{ typeName: 'testApi', nodeName: 'Call' },
			]);
		} finally {
			await api.close();
		}
	});

	test('a generic authenticate object is applied (headers and query string, with expressions)', async () => {
		const api = await startApi();
		try {
			const run = await engine().runWorkflow({
				nodes: [start, node('Call', 'test.callGenericApi', { url: `${api.url}/g` })],
				connections: connectChain('Start', 'Call'),
			});
			expect(run.error).toBeUndefined();
			expect(api.seen).toHaveLength(1);
			expect(api.seen[0].headers['x-api-key']).toBe('k-123');
			expect(api.seen[0].url).toBe('/g?key=k-123');
		} finally {
			await api.close();
		}
	});

	test('without credentials on the node, n8n-core refuses (autoAssignCredentials: false)', async () => {
		const eng = createEngine({
			nodeTypes: { 'test.callApi': callApiNode('testApi') },
			credentialTypes: { testApi },
			credentials: { testApi: { token: 't' } },
			autoAssignCredentials: false,
		});
		const run = await eng.runWorkflow({
			nodes: [start, node('Call', 'test.callApi', { url: 'http://127.0.0.1:9/never' })],
			connections: connectChain('Start', 'Call'),
		});
		expect(run.errorOf('Call')?.message).toMatch(/does not have any credentials set/);
	});

	describe('continueOnFail', () => {
		const nodes = (/** @type {Partial<INode>} */ failOptions) => [
			start,
			itemsNode([{ n: 0 }, { n: 1 }, { n: 2 }]),
			node('Fail', 'test.failSecond', {}, failOptions),
			node('After', 'test.echo', { text: '={{ $json.ok ?? $json.error }}' }),
		];
		const connections = connectChain('Start', 'Items', 'Fail', 'After');

		test.each([
			['onError: continueRegularOutput', { onError: /** @type {const} */ ('continueRegularOutput') }],
			['legacy continueOnFail: true', { continueOnFail: true }],
		])('%s: the failing item becomes an error item, the others are kept', async (_label, failOptions) => {
			const run = await engine().runWorkflow({ nodes: nodes(failOptions), connections });

			expect(run.error).toBeUndefined();
			expect(run.status).toBe('success');
			expect(run.outputOf('Fail')).toEqual([
				{ json: { ok: 0 }, pairedItem: { item: 0 } },
				{ json: { error: 'Item 1 is not acceptable' }, pairedItem: { item: 1 } },
				{ json: { ok: 2 }, pairedItem: { item: 2 } },
			]);
			// A single {{ }} expression keeps its type: the numbers stay numbers.
			expect(run.outputOf('After').map((item) => item.json.text)).toEqual([0, 'Item 1 is not acceptable', 2]);
		});

		test('off: the run fails with the NodeOperationError and stops there', async () => {
			const run = await engine().runWorkflow({ nodes: nodes({}), connections });

			expect(run.status).toBe('error');
			expect(run.error?.message).toBe('Item 1 is not acceptable');
			expect(run.error?.name).toBe('NodeOperationError');
			expect(run.errorOf('Fail')?.message).toBe('Item 1 is not acceptable');
			expect(run.outputOf('Fail')).toEqual([]);
			expect(run.ran('After')).toBe(false);
			expect(run.data.data.resultData.lastNodeExecuted).toBe('Fail');
		});
	});

	test('n8n-core writes its settings into a temporary N8N_USER_FOLDER, not ~/.n8n', async () => {
		await engine().runWorkflow({ nodes: [start], connections: {} });
		expect(process.env.N8N_USER_FOLDER).toBe(userFolder);
		expect(userFolder.startsWith(os.tmpdir())).toBe(true);
		expect(fs.existsSync(path.join(userFolder, '.n8n', 'config'))).toBe(true);
	});
});

describe('engine harness: webhooks through WebhookContext over real HTTP', () => {
	/** @param {string} body */
	const sign = (body) => crypto.createHmac('sha256', 'secret-token').update(body).digest('hex');

	test('webhook() gets the raw body bytes, answers itself and starts the workflow', async () => {
		const hook = await engine().startWebhook({
			node: node('Callback', 'test.signedTrigger', {}, { webhookId: 'hook-id' }),
			nodes: [node('Echo', 'test.echo', { text: '={{ $json.body.note }}' })],
			connections: connectChain('Callback', 'Echo'),
		});
		try {
			expect(hook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/hook-id\/callback$/);
			// Not what JSON.stringify would produce: the raw bytes must reach the node unchanged.
			const body = '{ "id" :  1,\n  "note": "caf\u00e9" }';

			const reply = await hook.request({ body, headers: { 'Content-Type': 'application/json', 'X-Signature': sign(body) } });

			expect(reply.status).toBe(202);
			expect(reply.json).toEqual({ code: 'SUCCESS' });
			expect(hook.calls).toHaveLength(1);
			const call = /** @type {import('.').WebhookCall} */ (reply.call);
			expect(call).toBe(hook.calls[0]);
			expect(call.status).toBe(202);
			expect(JSON.parse(call.replyBody)).toEqual({ code: 'SUCCESS' });
			expect(call.noWebhookResponse).toBe(true);
			expect(call.workflowData).toEqual([
				[{ json: { raw: body, isBuffer: true, body: { id: 1, note: 'café' }, url: hook.url } }],
			]);
			expect(call.request.rawBody?.equals(Buffer.from(body))).toBe(true);
			// The workflow ran from the trigger node, as n8n does with workflowData.
			expect(call.run?.status).toBe('success');
			expect(call.run?.data.mode).toBe('webhook');
			expect(call.run?.outputOf('Echo')).toEqual([{ json: { text: 'café' }, pairedItem: { item: 0 } }]);
			expect(call.run?.nodeExecutionOrder).toEqual(['Callback', 'Echo']);
		} finally {
			await hook.close();
		}
	});

	test('a bad signature gets the node’s own 401 and starts nothing', async () => {
		const hook = await engine().startWebhook({ node: node('Callback', 'test.signedTrigger') });
		try {
			const reply = await hook.request({ body: { id: 2 }, headers: { 'X-Signature': 'wrong' } });
			expect(reply.status).toBe(401);
			expect(reply.json).toEqual({ code: 'SIGN_ERROR', message: 'bad signature' });
			expect(reply.call?.workflowData).toBeUndefined();
			expect(reply.call?.run).toBeUndefined();
		} finally {
			await hook.close();
		}
	});

	test('n8n’s server rules: invalid JSON is a 422 before the node runs; unknown paths and methods are 404', async () => {
		const hook = await engine().startWebhook({ node: node('Callback', 'test.signedTrigger') });
		try {
			const invalid = await hook.request({ body: '{not json', headers: { 'Content-Type': 'application/json' } });
			expect(invalid.status).toBe(422);
			expect(invalid.json).toMatchObject({ code: 422, message: 'Failed to parse request body' });
			expect(invalid.call?.workflowData).toBeUndefined();

			const wrongMethod = await hook.request({ method: 'GET' });
			expect(wrongMethod.status).toBe(404);
			const wrongPath = await hook.request({ url: hook.url.replace('/callback', '/other'), body: {} });
			expect(wrongPath.status).toBe(404);
			expect(hook.calls).toHaveLength(1);
		} finally {
			await hook.close();
		}
	});

	test('without noWebhookResponse n8n answers: webhookResponse with the response code', async () => {
		const hook = await engine().startWebhook({ node: node('Plain', 'test.plainTrigger') });
		try {
			expect(hook.methods).toEqual(['GET', 'POST']);
			const reply = await hook.request({ method: 'GET', query: { a: '1' } });
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({ received: { a: '1' } });
			expect(reply.call?.run).toBeUndefined();
		} finally {
			await hook.close();
		}
	});
});
