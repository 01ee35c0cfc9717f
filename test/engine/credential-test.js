// @ts-check
'use strict';

/**
 * The credential Test button, as n8n's CLI runs it (packages/cli CredentialsTester.testCredentials, n8n 1.123):
 * a credential type's declarative `test` becomes the `routing.request` of a one-property copy of the No Op node,
 * n8n-core's real RoutingNode sends it through `httpRequestWithAuthentication` (so the credential's `authenticate`
 * signs it), and the outcome is judged by the CLI's rules, reproduced here:
 * - a thrown error with an HTTP response: the first `responseCode` rule matching its status, else
 *   "Received HTTP status code: N" (or the status text);
 * - a thrown error with a network code: that code;
 * - any other thrown error: its message;
 * - a 2xx: the first `responseSuccessBody` rule whose key has its value, else "Connection successful!".
 * Left out: a node's `testedBy` (only a credential's own `test` is run), the CLI's credential overwrites and
 * external secrets, and the expression isolate. The e2e (`npm run test:e2e`) presses the same button in real n8n.
 */

const { ExecuteContext, RoutingNode } = require('n8n-core');
const { Workflow, createEmptyRunExecutionData } = require('n8n-workflow');

/**
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').ICredentialsDecrypted} ICredentialsDecrypted
 * @typedef {import('n8n-workflow').INodeCredentialTestResult} INodeCredentialTestResult
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').IWorkflowExecuteAdditionalData} IWorkflowExecuteAdditionalData
 */

/** The description of n8n's No Op node, which the CLI borrows when no node names the test. */
const NO_OP_DESCRIPTION = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

/**
 * @param {object} options
 * @param {ICredentialType} options.credentialType
 * @param {ICredentialsDecrypted} options.credentialsDecrypted data with the type's defaults applied
 * @param {IWorkflowExecuteAdditionalData} options.additionalData
 * @returns {Promise<INodeCredentialTestResult>}
 */
async function testDeclaredCredential({ credentialType, credentialsDecrypted, additionalData }) {
	const testRequest = credentialType.test;
	if (testRequest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	/** @type {INode} */
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NO_OP_DESCRIPTION.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	/** @type {INodeType} */
	const nodeTypeCopy = /** @type {any} */ ({
		description: {
			...NO_OP_DESCRIPTION,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	});
	const nodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const inputData = { main: [[{ json: {} }]] };
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		inputData,
		/** @type {any} */ (executeData),
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);

	/** @type {any} */
	let response;
	try {
		response = await routingNode.runNode();
	} catch (thrown) {
		/** @type {any} */
		const error = thrown;
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const value = rule.properties.key.split('.').reduce((/** @type {any} */ at, key) => at?.[key], response[0][0].json);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testDeclaredCredential };
