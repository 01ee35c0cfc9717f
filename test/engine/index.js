// @ts-check
'use strict';

/**
 * Test harness: runs n8n nodes through n8n-core's real execution engine.
 *
 * - `engine.runWorkflow(...)`: n8n-core's `WorkflowExecute` with real `ExecutionLifecycleHooks`, the way
 *   n8n runs a manual execution (expressions, pairedItem, continueOnFail / onError, credentials,
 *   `httpRequestWithAuthentication` all go through n8n-core).
 * - `engine.startWebhook(...)`: a real HTTP server on 127.0.0.1; each request is prepared like n8n's
 *   server does (raw body on `req.rawBody`, parsed `req.body`) and handed to the node's `webhook()`
 *   through n8n-core's real `WebhookContext`; the reply follows n8n's webhook response rules; when the
 *   node returns `workflowData`, the workflow is then executed from the trigger node, as n8n does.
 *
 * See README.md in this folder.
 */

// First: points N8N_USER_FOLDER at a temporary folder before n8n-core is loaded.
const { userFolder } = require('./env');

const { randomUUID } = require('node:crypto');
const path = require('node:path');
const {
	WorkflowExecute,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	WebhookContext,
	WorkflowHasIssuesError,
} = require('n8n-core');
const { Workflow, NodeHelpers, Node, createRunExecutionData } = require('n8n-workflow');

const { TestCredentialsHelper, TestCredentialTypes } = require('./credentials-helper');
const { TestNodeTypes, ManualTrigger, TestItems, MANUAL_TRIGGER_NODE_TYPE, ITEMS_NODE_TYPE } = require('./node-types');
const { HttpError, prepareRequest, prepareResponse, sendError, matchPath, httpRequest, listen } = require('./http');
const { testDeclaredCredential } = require('./credential-test');

/**
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').IVersionedNodeType} IVersionedNodeType
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} ICredentialDataDecryptedObject
 * @typedef {import('n8n-workflow').IConnections} IConnections
 * @typedef {import('n8n-workflow').IWorkflowSettings} IWorkflowSettings
 * @typedef {import('n8n-workflow').IPinData} IPinData
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 * @typedef {import('n8n-workflow').IRun} IRun
 * @typedef {import('n8n-workflow').IRunExecutionData} IRunExecutionData
 * @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData
 * @typedef {import('n8n-workflow').ExecutionError} ExecutionError
 * @typedef {import('n8n-workflow').IWebhookData} IWebhookData
 * @typedef {import('n8n-workflow').IWebhookDescription} IWebhookDescription
 * @typedef {import('n8n-workflow').IWebhookResponseData} IWebhookResponseData
 * @typedef {import('n8n-workflow').IWorkflowBase} IWorkflowBase
 * @typedef {import('n8n-workflow').IWorkflowExecuteAdditionalData} IWorkflowExecuteAdditionalData
 * @typedef {import('n8n-workflow').IHttpRequestMethods} IHttpRequestMethods
 * @typedef {import('n8n-workflow').WorkflowExecuteMode} WorkflowExecuteMode
 * @typedef {import('./http').WebhookRequest} WebhookRequest
 * @typedef {import('./http').HttpReply} HttpReply
 */

/**
 * @typedef {object} EngineOptions
 * @property {Record<string, INodeType | IVersionedNodeType>} [nodeTypes] node type instances by type name,
 *   e.g. `{ 'n8n-nodes-wechatpay.weChatPay': new WeChatPay() }`. The harness adds
 *   'n8n-nodes-base.manualTrigger' and 'test.items'.
 * @property {Record<string, ICredentialType>} [credentialTypes] credential type instances by name
 * @property {Record<string, ICredentialDataDecryptedObject>} [credentials] decrypted credential data by
 *   credential type name (one credential per type)
 * @property {boolean} [autoAssignCredentials] default true: a node whose type declares a credential type
 *   that has data in `credentials`, and that has no `credentials` entry for it, gets
 *   `{ id: 'test-<type>', name: '<type> (test)' }` (what the n8n editor does when exactly one credential
 *   of that type exists). Set false to test nodes without credentials.
 * @property {string} [instanceBaseUrl] base URL seen by workflow runs (`$execution.resumeUrl`, webhook URLs
 *   in hooks), default 'http://127.0.0.1:5678/'. Webhook servers use their own real URL.
 */

/**
 * @typedef {object} WorkflowInput
 * @property {INode[]} nodes nodes (cloned, never mutated); `id` is filled in when missing
 * @property {IConnections} [connections]
 * @property {IWorkflowSettings} [settings] default `{ executionOrder: 'v1' }` (n8n's default for new workflows)
 * @property {IPinData} [pinData]
 * @property {IDataObject} [staticData]
 * @property {string} [startNode] name of the node to start from; default: n8n's choice (the trigger), or
 *   when there is no trigger, the only root node (or the first `test.items` root)
 * @property {string} [destinationNode] run only up to this node (inclusive), like "Execute step"
 * @property {WorkflowExecuteMode} [mode] default 'manual'
 */

/**
 * @typedef {object} RunResult
 * @property {IRun} data the full run, as n8n stores it
 * @property {ExecutionError | undefined} error the workflow error (`data.data.resultData.error`)
 * @property {IRun['status']} status
 * @property {(nodeName: string, outputIndex?: number) => INodeExecutionData[]} outputOf items of main output
 *   `outputIndex` (default 0) of the node's last run; [] if the node did not run or output nothing
 * @property {(nodeName: string) => ExecutionError | undefined} errorOf the error of the node's last run
 * @property {(nodeName: string) => boolean} ran whether the node ran at all
 * @property {string[]} nodeExecutionOrder node names in the order their runs finished, as reported by
 *   the execution lifecycle hook `nodeExecuteAfter`
 */

/**
 * @typedef {object} WebhookCall one request to the webhook's path with an accepted method (the node's
 *   webhook() ran, unless the body could not be parsed: then `error` is set and the reply is n8n's 422)
 * @property {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders, rawBody: Buffer | undefined, body: unknown, query: IDataObject }} request
 *   what the node saw
 * @property {INodeExecutionData[][] | undefined} workflowData `workflowData` returned by webhook()
 * @property {boolean} noWebhookResponse whether webhook() returned `noWebhookResponse: true`
 * @property {unknown} webhookResponse `webhookResponse` returned by webhook()
 * @property {Error | undefined} error what webhook() (or request parsing) threw
 * @property {number} status HTTP status of the reply (0 while / if nothing was sent)
 * @property {import('node:http').OutgoingHttpHeaders} replyHeaders
 * @property {string} replyBody the reply body as UTF-8 text
 * @property {Buffer} replyRawBody
 * @property {RunResult | undefined} run the workflow execution started by `workflowData`, if any
 * @property {Promise<void>} done resolves when webhook(), the execution and the reply are all finished
 */

/**
 * @typedef {object} WebhookOptions
 * @property {INode} node the trigger node (cloned); `id` and `webhookId` are filled in when missing
 * @property {string} [webhookName] default 'default'
 * @property {INode[]} [nodes] the rest of the workflow (the trigger node may be in it or not; `node` wins)
 * @property {IConnections} [connections]
 * @property {IWorkflowSettings} [settings]
 * @property {IDataObject} [staticData]
 * @property {boolean} [activate] default true: before listening, run the node's webhook lifecycle as n8n's
 *   activation does (WebhookService.createWebhookIfNotExists: `checkExists`, then `create` when it returned
 *   false, each through n8n-core's HookContext); an error there rejects startWebhook, as it fails n8n's activation
 * @property {boolean} [test] true: a test webhook (mode 'manual', URL under /webhook-test/); default
 *   false: a production webhook (mode 'webhook', URL under /webhook/)
 */

/**
 * @typedef {object} WebhookRequestOptions
 * @property {string} [method] default: the webhook's first HTTP method
 * @property {Record<string, string>} [headers]
 * @property {string | Buffer | object} [body] an object is sent as JSON (with Content-Type application/json
 *   unless given); a string or Buffer is sent as is, byte for byte
 * @property {Record<string, string>} [query]
 * @property {string} [url] full URL to call instead of `hook.url` (e.g. with path parameters filled in)
 * @property {number} [timeoutMs] default 5000
 */

/**
 * @typedef {object} WebhookHandle
 * @property {string} url the production (or test) URL, the same as the node's `getNodeWebhookUrl(name)`
 *   would give for a production webhook
 * @property {string} path the webhook path after /webhook/ (as stored by n8n)
 * @property {string[]} methods accepted HTTP methods
 * @property {WebhookCall[]} calls
 * @property {(options?: WebhookRequestOptions) => Promise<HttpReply & { call: WebhookCall | undefined }>} request
 *   sends one request and resolves once the reply is in and the call is `done`
 * @property {() => Promise<void>} settled waits for every call so far to be done
 * @property {() => Promise<void>} close stops the server (open connections are destroyed)
 * @property {Workflow} workflow the n8n Workflow the calls run in (static data persists across calls)
 */

let executionCounter = 0;
const nextExecutionId = () => String(++executionCounter);

/**
 * `WorkflowExecute.run`: n8n-core 2.x takes one options object, 1.x the same values as positional arguments.
 * @param {WorkflowExecute} workflowExecute
 * @param {{ workflow: Workflow, startNode?: INode, destinationNode?: import('n8n-workflow').IDestinationNode, pinData?: import('n8n-workflow').IPinData }} o
 */
function runFromStart(workflowExecute, { workflow, startNode, destinationNode, pinData }) {
	/** @type {any} */
	const run = workflowExecute.run.bind(workflowExecute);
	return workflowExecute.run.length === 1 ? run({ workflow, startNode, destinationNode, pinData }) : run(workflow, startNode, destinationNode, pinData);
}

/**
 * n8n-core keeps a 60 s cleanup interval in SSHClientsManager (created with every TriggerContext) and
 * possibly a cron log interval in ScheduledTaskManager; they would keep a plain node script alive and
 * make jest warn about open handles. They are unref'ed, nothing else changes.
 */
function unrefBackgroundTimers() {
	try {
		const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
		const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
		const services = [
			['ssh-clients-manager', 'SSHClientsManager', 'cleanupTimer'],
			['scheduled-task-manager', 'ScheduledTaskManager', 'logInterval'],
		];
		for (const [file, className, timer] of services) {
			const service = require(path.join(coreDir, 'dist/execution-engine', file))[className];
			if (service && Container.has(service)) Container.get(service)[timer]?.unref?.();
		}
	} catch {
		// internals moved in another n8n-core version: at worst a process stays alive a bit longer
	}
}

/**
 * What n8n's `WorkflowExecuteAdditionalData.getBase()` provides, minus the database and queue parts.
 * @param {object} options
 * @param {TestCredentialsHelper} options.credentialsHelper
 * @param {string} options.baseUrl ends with '/'
 * @param {string} options.executionId
 * @param {ExecutionLifecycleHooks} [options.hooks]
 * @returns {IWorkflowExecuteAdditionalData}
 */
function createAdditionalData({ credentialsHelper, baseUrl, executionId, hooks }) {
	/** @type {any} */
	const additionalData = {
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('Sub-workflow execution is not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}rest`,
		instanceBaseUrl: baseUrl,
		formWaitingBaseUrl: `${baseUrl}form-waiting`,
		webhookBaseUrl: `${baseUrl}webhook`,
		webhookWaitingBaseUrl: `${baseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}webhook-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners (Code node) are not supported by the test harness');
		},
		externalSecretsProxy: new ExternalSecretsProxy(),
		hooks,
	};
	return additionalData;
}

/**
 * @param {IRun} run
 * @param {string[]} nodeExecutionOrder
 * @returns {RunResult}
 */
function toRunResult(run, nodeExecutionOrder) {
	const runData = run.data.resultData.runData ?? {};
	const last = (/** @type {string} */ name) => runData[name]?.at(-1);
	return {
		data: run,
		error: run.data.resultData.error,
		status: run.status,
		outputOf: (name, outputIndex = 0) => last(name)?.data?.main?.[outputIndex] ?? [],
		errorOf: (name) => last(name)?.error,
		ran: (name) => (runData[name]?.length ?? 0) > 0,
		nodeExecutionOrder,
	};
}

/**
 * Creates an engine: node types, credential types and credentials for any number of runs and webhooks.
 * @param {EngineOptions} [options]
 */
function createEngine(options = {}) {
	const nodeTypes = new TestNodeTypes(options.nodeTypes);
	const credentialTypes = new TestCredentialTypes(options.credentialTypes);
	const credentialsHelper = new TestCredentialsHelper({ credentialTypes, credentials: options.credentials });
	const autoAssign = options.autoAssignCredentials !== false;
	const instanceBaseUrl = withSlash(options.instanceBaseUrl ?? 'http://127.0.0.1:5678/');

	/**
	 * @param {INode[]} nodes
	 * @returns {INode[]}
	 */
	function prepareNodes(nodes) {
		return nodes.map((original) => {
			const node = structuredClone(original);
			node.id ??= randomUUID();
			if (!autoAssign) return node;
			const declared = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? [];
			for (const { name } of declared) {
				if (credentialsHelper.store[name] !== undefined && !node.credentials?.[name]) {
					node.credentials = { ...node.credentials, [name]: { id: `test-${name}`, name: `${name} (test)` } };
				}
			}
			return node;
		});
	}

	/**
	 * @param {{ nodes: INode[], connections?: IConnections, settings?: IWorkflowSettings, pinData?: IPinData, staticData?: IDataObject }} input
	 */
	function buildWorkflow({ nodes, connections = {}, settings, pinData, staticData }) {
		return new Workflow({
			id: `test-workflow-${randomUUID().slice(0, 8)}`,
			name: 'Test workflow',
			nodes: prepareNodes(nodes),
			connections: structuredClone(connections),
			active: false,
			nodeTypes,
			settings: { executionOrder: 'v1', ...settings },
			pinData,
			staticData: staticData && structuredClone(staticData),
		});
	}

	/**
	 * Runs `workflow` through WorkflowExecute with real lifecycle hooks.
	 * @param {Workflow} workflow
	 * @param {object} run
	 * @param {WorkflowExecuteMode} run.mode
	 * @param {string} run.executionId
	 * @param {string} run.baseUrl
	 * @param {(workflowExecute: WorkflowExecute) => PromiseLike<IRun>} run.start
	 * @param {IRunExecutionData} [run.runExecutionData] to start from a prepared node execution stack
	 * @param {INode} [run.startNode] for the error message on workflow issues
	 * @returns {Promise<RunResult>}
	 */
	async function execute(workflow, { mode, executionId, baseUrl, start, startNode, runExecutionData }) {
		/** @type {IWorkflowBase} */
		const workflowData = {
			id: workflow.id,
			name: workflow.name ?? 'Test workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			settings: workflow.settings,
		};
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		/** @type {string[]} */
		const nodeExecutionOrder = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			nodeExecutionOrder.push(nodeName);
		});
		const additionalData = createAdditionalData({ credentialsHelper, baseUrl, executionId, hooks });
		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		try {
			return toRunResult(await start(workflowExecute), nodeExecutionOrder);
		} catch (error) {
			if (error instanceof WorkflowHasIssuesError) {
				const issues = workflowExecute.checkReadyForExecution(workflow, {
					startNode: startNode?.name ?? workflow.getStartNode()?.name,
					pinDataNodeNames: Object.keys(workflow.pinData ?? {}),
				});
				error.message += ` Issues (node → issue): ${JSON.stringify(issues)}`;
			}
			throw error;
		} finally {
			unrefBackgroundTimers();
		}
	}

	/**
	 * Runs a workflow like a manual execution in n8n ("Execute workflow").
	 * @param {WorkflowInput} input
	 * @returns {Promise<RunResult>}
	 */
	async function runWorkflow(input) {
		const workflow = buildWorkflow(input);
		const mode = input.mode ?? 'manual';
		if (input.destinationNode !== undefined) requireNode(workflow, input.destinationNode);
		const startNode =
			input.startNode === undefined ? defaultStartNode(workflow, input.destinationNode) : requireNode(workflow, input.startNode);
		const destinationNode =
			input.destinationNode === undefined ? undefined : { nodeName: input.destinationNode, mode: /** @type {const} */ ('inclusive') };
		return await execute(workflow, {
			mode,
			executionId: nextExecutionId(),
			baseUrl: instanceBaseUrl,
			startNode,
			start: (workflowExecute) => runFromStart(workflowExecute, { workflow, startNode, destinationNode, pinData: input.pinData }),
		});
	}

	/**
	 * Presses the credential's Test button for the stored credential of `typeName`, as n8n's CLI does for a
	 * declarative `test` (see credential-test.js).
	 * @param {string} typeName
	 * @returns {Promise<import('n8n-workflow').INodeCredentialTestResult>}
	 */
	async function testCredential(typeName) {
		const additionalData = createAdditionalData({ credentialsHelper, baseUrl: instanceBaseUrl, executionId: nextExecutionId() });
		const details = { id: `test-${typeName}`, name: `${typeName} (test)` };
		const withDefaults = await credentialsHelper.getDecrypted(additionalData, details, typeName, 'internal');
		try {
			return await testDeclaredCredential({
				credentialType: credentialTypes.getByName(typeName),
				credentialsDecrypted: { ...details, type: typeName, data: withDefaults },
				additionalData,
			});
		} finally {
			unrefBackgroundTimers();
		}
	}

	/**
	 * Serves a trigger node's webhook on 127.0.0.1 through n8n-core's WebhookContext.
	 * @param {WebhookOptions} options
	 * @returns {Promise<WebhookHandle>}
	 */
	async function startWebhook({ node, webhookName = 'default', nodes = [], connections, settings, staticData, test = false, activate = true }) {
		const trigger = structuredClone(node);
		trigger.webhookId ??= randomUUID();
		const workflow = buildWorkflow({
			nodes: [trigger, ...nodes.filter((other) => other.name !== trigger.name)],
			connections,
			settings,
			staticData,
		});
		const workflowNode = requireNode(workflow, trigger.name);
		const nodeType = nodeTypes.getByNameAndVersion(workflowNode.type, workflowNode.typeVersion);
		const description = nodeType.description.webhooks?.find((webhook) => webhook.name === webhookName);
		if (description === undefined) {
			throw new Error(`Node type "${workflowNode.type}" has no webhook named "${webhookName}"`);
		}
		if (typeof nodeType.webhook !== 'function') {
			throw new Error(`Node type "${workflowNode.type}" has no webhook() method`);
		}
		const webhookFn = nodeType.webhook;

		// Path and methods exactly as n8n's WebhookService.getNodeWebhooks computes them.
		const expression = workflow.expression;
		let nodePath = String(expression.getSimpleParameterValue(workflowNode, description.path, 'internal', {}) ?? '');
		nodePath = nodePath.replace(/^\//, '').replace(/\/$/, '');
		const isFullPath = expression.getSimpleParameterValue(workflowNode, description.isFullPath, 'internal', {}, undefined, false) === true;
		const restartWebhook =
			expression.getSimpleParameterValue(workflowNode, description.restartWebhook, 'internal', {}, undefined, false) === true;
		const webhookPath = NodeHelpers.getNodeWebhookPath(workflow.id, workflowNode, nodePath, isFullPath, restartWebhook);
		const methods = String(expression.getSimpleParameterValue(workflowNode, description.httpMethod, 'internal', {}, undefined, 'GET'))
			.split(',')
			.map((method) => method.trim().toUpperCase())
			.filter(Boolean);
		const mode = test ? 'manual' : 'webhook';
		const routePath = `/${test ? 'webhook-test' : 'webhook'}/${webhookPath}`;

		/** @type {WebhookCall[]} */
		const calls = [];
		/** @type {Map<number, WebhookCall>} */
		const callsByClientPort = new Map();

		/**
		 * @param {import('node:http').IncomingMessage} incoming
		 * @param {import('node:http').ServerResponse} serverResponse
		 */
		const onRequest = (incoming, serverResponse) => {
			const { res, replyBody } = prepareResponse(serverResponse);
			const url = new URL(incoming.url ?? '/', baseUrl);
			const method = incoming.method ?? 'GET';
			const params = matchPath(routePath, url.pathname);
			if (params === undefined) {
				sendError(res, 404, `The requested webhook "${method} ${url.pathname}" is not registered.`);
				return;
			}
			if (!methods.includes(method)) {
				sendError(res, 404, `This webhook is not registered for ${method} requests. Did you mean to make a ${methods[0]} request?`);
				return;
			}

			/** @type {WebhookCall} */
			const call = {
				request: { method, url: incoming.url ?? '/', headers: incoming.headers, rawBody: undefined, body: undefined, query: {} },
				workflowData: undefined,
				noWebhookResponse: false,
				webhookResponse: undefined,
				error: undefined,
				status: 0,
				replyHeaders: {},
				replyBody: '',
				replyRawBody: Buffer.alloc(0),
				run: undefined,
				done: Promise.resolve(),
			};
			const replied = new Promise((resolve) => {
				const record = () => {
					call.status = res.headersSent ? res.statusCode : 0;
					call.replyHeaders = res.getHeaders();
					call.replyRawBody = replyBody();
					call.replyBody = call.replyRawBody.toString('utf8');
					resolve(undefined);
				};
				res.once('finish', record);
				res.once('close', record);
			});
			const processed = handleCall(call, incoming, res, url, params).catch((error) => {
				call.error ??= error;
				sendError(res, 500, `Test harness error: ${error instanceof Error ? error.message : String(error)}`);
			});
			Object.defineProperty(call, 'done', {
				value: Promise.all([processed, replied]).then(() => undefined),
				enumerable: false,
			});
			calls.push(call);
			if (incoming.socket.remotePort !== undefined) callsByClientPort.set(incoming.socket.remotePort, call);
		};

		/**
		 * What n8n's WebhookHelpers.executeWebhook does for one request, minus the database.
		 * @param {WebhookCall} call
		 * @param {import('node:http').IncomingMessage} incoming
		 * @param {import('./http').WebhookResponse} res
		 * @param {URL} url
		 * @param {Record<string, string>} params
		 */
		async function handleCall(call, incoming, res, url, params) {
			const executionId = nextExecutionId();
			const additionalData = createAdditionalData({ credentialsHelper, baseUrl, executionId });
			const additionalKeys = { $executionId: executionId };
			const responseMode = expression.getSimpleParameterValue(workflowNode, description?.responseMode, mode, additionalKeys, undefined, 'onReceived');
			const responseCode = Number(expression.getSimpleParameterValue(workflowNode, description?.responseCode, mode, additionalKeys, undefined, 200));
			const responseData = expression.getComplexParameterValue(workflowNode, description?.responseData, mode, additionalKeys, undefined, 'firstEntryJson');

			/** @type {WebhookRequest} */
			let req;
			try {
				req = await prepareRequest(incoming, url, params);
			} catch (error) {
				call.error = /** @type {Error} */ (error);
				if (error instanceof HttpError) sendError(res, error.status, error.message, error.hint);
				else throw error;
				return;
			}
			call.request.rawBody = req.rawBody;
			call.request.body = req.body;
			call.request.query = /** @type {IDataObject} */ (req.query);

			/** @type {any} */ (additionalData).httpRequest = req;
			/** @type {any} */ (additionalData).httpResponse = res;
			/** @type {IWebhookData} */
			const webhookData = {
				httpMethod: /** @type {IHttpRequestMethods} */ (req.method),
				node: workflowNode.name,
				path: webhookPath,
				webhookDescription: /** @type {IWebhookDescription} */ (description),
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: workflowNode.webhookId,
				isTest: test,
			};
			// As n8n's WebhookService.runWebhook: no close functions, no run execution data.
			const context = new WebhookContext(workflow, workflowNode, additionalData, mode, webhookData, [], null);

			/** @type {IWebhookResponseData} */
			let result;
			try {
				// As n8n's WebhookService.runWebhook: class-style nodes get the context as argument.
				result = nodeType instanceof Node ? await /** @type {any} */ (nodeType).webhook(context) : await webhookFn.call(context);
			} catch (error) {
				call.error = /** @type {Error} */ (error);
				sendError(res, 500, 'Workflow Webhook Error: Workflow could not be started!');
				return;
			}
			call.workflowData = result.workflowData;
			call.noWebhookResponse = result.noWebhookResponse === true;
			call.webhookResponse = result.webhookResponse;
			let responded = call.noWebhookResponse;

			if (result.workflowData === undefined) {
				if (!responded) {
					sendStatic(res, responseCode, result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
				}
				return;
			}
			if (responseMode === 'onReceived' && !responded) {
				// n8n's extractWebhookOnReceivedResponse, including its use of the evaluated responseData
				// (which defaults to the string 'firstEntryJson' when the webhook description has none).
				const body =
					responseData === 'noData'
						? undefined
						: responseData || (result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Workflow was started' });
				sendStatic(res, responseCode, body);
				responded = true;
			}

			const workflowData = result.workflowData;
			call.run = await execute(workflow, {
				mode,
				executionId,
				baseUrl,
				startNode: workflowNode,
				// As n8n's prepareExecutionData: the trigger node first on the stack with the webhook's data;
				// WorkflowExecute passes it through (a webhook node's "execution" is its input).
				runExecutionData: createRunExecutionData({
					executionData: { nodeExecutionStack: [{ node: workflowNode, data: { main: workflowData }, source: null }] },
				}),
				start: (workflowExecute) => workflowExecute.processRunExecutionData(workflow),
			});

			if (responded) return;
			if (responseMode !== 'lastNode') {
				sendError(res, 500, `Response mode "${String(responseMode)}" is not supported by the test harness`);
				return;
			}
			const run = call.run;
			const lastNode = run.data.data.resultData.lastNodeExecuted;
			if (run.error || (lastNode !== undefined && run.errorOf(lastNode))) {
				sendStatic(res, 500, { message: 'Error in workflow' });
				return;
			}
			const items = lastNode === undefined ? [] : run.outputOf(lastNode);
			if (responseData === 'noData') sendStatic(res, responseCode, undefined);
			else if (responseData === 'allEntries') sendStatic(res, responseCode, items.map((item) => item.json));
			else if (items.length === 0) {
				sendStatic(res, responseCode, { message: 'Workflow executed successfully but the last node did not return any data' });
			} else sendStatic(res, responseCode, items[0].json);
		}

		if (activate) {
			// As n8n's WebhookService.createWebhookIfNotExists / runWebhookMethod, with the activation's mode.
			const webhookData = {
				httpMethod: /** @type {IHttpRequestMethods} */ (methods[0]),
				node: workflowNode.name,
				path: webhookPath,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: createAdditionalData({ credentialsHelper, baseUrl: instanceBaseUrl, executionId: nextExecutionId() }),
				webhookId: workflowNode.webhookId,
				isTest: test,
			};
			const lifecycle = nodeType.webhookMethods?.[description.name];
			const run = async (/** @type {'checkExists' | 'create'} */ method) => {
				const fn = lifecycle?.[method];
				if (fn === undefined) return true;
				const context = new HookContext(workflow, workflowNode, webhookData.workflowExecuteAdditionalData, test ? 'manual' : 'trigger', test ? 'manual' : 'activate', webhookData);
				return nodeType instanceof Node ? await /** @type {any} */ (fn)(context) : await fn.call(context);
			};
			if (!(await run('checkExists'))) await run('create');
		}

		const server = await listen(onRequest);
		const baseUrl = `http://127.0.0.1:${server.port}/`;
		const url = `http://127.0.0.1:${server.port}${routePath}`;

		/** @type {WebhookHandle} */
		const handle = {
			url,
			path: webhookPath,
			methods,
			calls,
			workflow,
			async request({ method, headers, body, query, url: target, timeoutMs } = {}) {
				const address = new URL(target ?? url);
				for (const [key, value] of Object.entries(query ?? {})) address.searchParams.append(key, value);
				const reply = await httpRequest(address.toString(), { method: method ?? methods[0], headers, body, timeoutMs });
				const call = reply.localPort === undefined ? undefined : callsByClientPort.get(reply.localPort);
				if (reply.localPort !== undefined) callsByClientPort.delete(reply.localPort);
				if (call) await call.done;
				return { ...reply, call };
			},
			async settled() {
				await Promise.all(calls.map((call) => call.done));
			},
			async close() {
				await server.close();
				await Promise.allSettled(calls.map((call) => call.done));
			},
		};
		return handle;
	}

	return {
		runWorkflow,
		startWebhook,
		testCredential,
		nodeTypes,
		credentialTypes,
		credentialsHelper,
	};
}

/** @typedef {ReturnType<typeof createEngine>} Engine */

/**
 * The legacy reply n8n sends for static responses: strings as text (Express `send`), the rest as JSON.
 * @param {import('./http').WebhookResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendStatic(res, status, body) {
	res.status(status);
	if (body === undefined) res.end();
	else if (typeof body === 'string') res.send(body);
	else res.json(body);
}

/**
 * n8n's choice of start node (a trigger, or one of its starting node types). A workflow with none of
 * those, e.g. `test.items` → node under test, makes n8n's "Execute workflow" fail with "No node to start
 * the workflow from could be found", while "Execute step" on its last node runs it from its root. The
 * harness does the latter: it starts from the only root node (no parents), or from the first `test.items`
 * root when there are several.
 * @param {Workflow} workflow
 * @param {string} [destinationNode]
 * @returns {INode | undefined} undefined: let WorkflowExecute decide (and fail)
 */
function defaultStartNode(workflow, destinationNode) {
	const chosen = workflow.getStartNode(destinationNode);
	if (chosen !== undefined) return undefined;
	const roots = Object.values(workflow.nodes).filter(
		(node) => node.disabled !== true && workflow.getParentNodes(node.name).length === 0,
	);
	if (roots.length === 1) return roots[0];
	return roots.find((node) => node.type === ITEMS_NODE_TYPE);
}

/**
 * @param {Workflow} workflow
 * @param {string} name
 * @returns {INode}
 */
function requireNode(workflow, name) {
	const node = workflow.getNode(name);
	if (node === null) throw new Error(`No node named "${name}" in the workflow`);
	return node;
}

/** @param {string} url */
function withSlash(url) {
	return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Connections for a straight chain of nodes: `connectChain('Start', 'Items', 'WeChat Pay')`.
 * @param {...string} names
 * @returns {IConnections}
 */
function connectChain(...names) {
	/** @type {IConnections} */
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

module.exports = {
	createEngine,
	connectChain,
	TestCredentialsHelper,
	TestCredentialTypes,
	TestNodeTypes,
	ManualTrigger,
	TestItems,
	MANUAL_TRIGGER_NODE_TYPE,
	ITEMS_NODE_TYPE,
	userFolder,
};
