// @ts-check
'use strict';

require('./env');

const { Credentials, getAdditionalKeys } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow, isExpression } = require('n8n-workflow');

/**
 * @typedef {import('n8n-workflow').ICredentialType} ICredentialType
 * @typedef {import('n8n-workflow').ICredentialTypes} ICredentialTypes
 * @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} ICredentialDataDecryptedObject
 * @typedef {import('n8n-workflow').ICredentialsExpressionResolveValues} ICredentialsExpressionResolveValues
 * @typedef {import('n8n-workflow').IExecuteData} IExecuteData
 * @typedef {import('n8n-workflow').IHttpRequestHelper} IHttpRequestHelper
 * @typedef {import('n8n-workflow').IHttpRequestOptions} IHttpRequestOptions
 * @typedef {import('n8n-workflow').IRequestOptionsSimplified} IRequestOptionsSimplified
 * @typedef {import('n8n-workflow').INode} INode
 * @typedef {import('n8n-workflow').INodeCredentialsDetails} INodeCredentialsDetails
 * @typedef {import('n8n-workflow').INodeParameters} INodeParameters
 * @typedef {import('n8n-workflow').INodeProperties} INodeProperties
 * @typedef {import('n8n-workflow').INodeTypes} INodeTypes
 * @typedef {import('n8n-workflow').IWorkflowDataProxyAdditionalKeys} IWorkflowDataProxyAdditionalKeys
 * @typedef {import('n8n-workflow').IWorkflowExecuteAdditionalData} IWorkflowExecuteAdditionalData
 * @typedef {import('n8n-workflow').WorkflowExecuteMode} WorkflowExecuteMode
 */

/**
 * ICredentialTypes over a plain map of credential type name → instance.
 * @implements {ICredentialTypes}
 */
class TestCredentialTypes {
	/** @param {Record<string, ICredentialType>} [types] */
	constructor(types = {}) {
		this.types = types;
	}

	/** @param {string} name */
	recognizes(name) {
		return name in this.types;
	}

	/** @param {string} name */
	getByName(name) {
		const type = this.types[name];
		if (type === undefined) {
			throw new Error(
				`Unknown credential type "${name}": pass it to createEngine({ credentialTypes: { ${name}: new X() } })`,
			);
		}
		return type;
	}

	/** @param {string} _name @returns {string[]} */
	getSupportedNodes(_name) {
		return [];
	}

	/**
	 * All ancestors named by `extends`, recursively (as n8n's CLI CredentialTypes does). Ancestors that
	 * are not registered end the recursion.
	 * @param {string} name
	 * @returns {string[]}
	 */
	getParentTypes(name) {
		const parents = this.types[name]?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}
}

/** Node used to resolve expressions in credential data outside of a node execution (as n8n's CLI). */
/** @type {INode} */
const mockNode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };

/** @type {INodeTypes} */
const mockNodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};
/** @type {import('n8n-workflow').INodeType} */
const mockNodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

/**
 * n8n-workflow's ICredentialsHelper for tests: credentials come from memory (one data object per
 * credential type, decrypted), and authentication follows n8n's CLI CredentialsHelper:
 * - `authenticate`: a credential type's `authenticate` function is called with (credentials, requestOptions);
 *   a generic `authenticate` object has its headers/qs/body/auth entries resolved as expressions with
 *   `$credentials` and merged into the request options.
 * - `preAuthentication`: as n8n, only for credential types with a hidden `expirable` property and a
 *   `preAuthentication` function, when that property is empty or the credentials expired; the result
 *   is stored. Otherwise (the usual case) it returns undefined.
 * - `getDecrypted`: a copy of the configured data with the credential type's defaults applied and
 *   expressions (`={{ ... }}`) resolved, as n8n does.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {object} options
	 * @param {TestCredentialTypes} options.credentialTypes
	 * @param {Record<string, ICredentialDataDecryptedObject>} [options.credentials] decrypted data by credential type name
	 */
	constructor({ credentialTypes, credentials = {} }) {
		super();
		this.credentialTypes = credentialTypes;
		/** @type {Record<string, ICredentialDataDecryptedObject>} */
		this.store = {};
		for (const [type, data] of Object.entries(credentials)) this.store[type] = structuredClone(data);
		/** Every `authenticate` call, for assertions: `{ typeName, nodeName }`. */
		/** @type {Array<{ typeName: string, nodeName: string | undefined }>} */
		this.authenticateCalls = [];
	}

	/**
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {IHttpRequestOptions | IRequestOptionsSimplified} requestOptions
	 * @param {Workflow} [workflow]
	 * @param {INode} [node]
	 * @returns {Promise<IHttpRequestOptions>}
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		this.authenticateCalls.push({ typeName, nodeName: node?.name });
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, /** @type {IHttpRequestOptions} */ (requestOptions));
		}
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node) {
				throw new Error('Workflow and node are required for generic credential authentication');
			}
			requestOptions.headers ??= {};
			/** @type {Record<string, Record<string, unknown>>} */
			const target = /** @type {any} */ (requestOptions);
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(/** @type {Record<string, string>} */ (outerValue))) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(value, { $credentials: credentials }, workflow, node);
					target[outerKey] ??= {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return /** @type {IHttpRequestOptions} */ (requestOptions);
	}

	/**
	 * @param {string} value
	 * @param {IWorkflowDataProxyAdditionalKeys} additionalKeys
	 * @param {Workflow} workflow
	 * @param {INode} node
	 * @returns {string}
	 */
	resolveValue(value, additionalKeys, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', additionalKeys, undefined, '');
		return resolved ? String(resolved) : '';
	}

	/**
	 * @param {IHttpRequestHelper} helpers
	 * @param {ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {INode} node
	 * @param {boolean} credentialsExpired
	 * @returns {Promise<ICredentialDataDecryptedObject | undefined>}
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (!nodeCredentials) return undefined;
		await this.updateCredentials(nodeCredentials, typeName, /** @type {ICredentialDataDecryptedObject} */ ({ ...this.store[typeName], ...output }));
		return Object.assign(credentials, output);
	}

	/** @param {string} name */
	getParentTypes(name) {
		return this.credentialTypes.getParentTypes(name);
	}

	/**
	 * n8n-core 2.x asks this before a node gets credentials; as n8n 2.x's CLI CredentialsHelper: false only for a
	 * credential type with `restrictToSupportedNodes` whose supported nodes (none here) lack the node type.
	 * @param {string} credentialType @param {string} nodeType
	 */
	isCredentialUsableByNode(credentialType, nodeType) {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		/** @type {any} */
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	/**
	 * @param {INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 */
	async getCredentials(nodeCredentials, type) {
		const credentials = new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		credentials.setData(this.getStored(nodeCredentials, type));
		return credentials;
	}

	/**
	 * @param {INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @returns {ICredentialDataDecryptedObject}
	 */
	getStored(nodeCredentials, type) {
		const data = this.store[type];
		if (data === undefined) {
			throw new Error(
				`Credential with ID "${nodeCredentials?.id}" does not exist for type "${type}" ` +
					`(test harness: pass createEngine({ credentials: { ${type}: {...} } }))`,
			);
		}
		return structuredClone(data);
	}

	/**
	 * @param {IWorkflowExecuteAdditionalData} additionalData
	 * @param {INodeCredentialsDetails} nodeCredentials
	 * @param {string} type
	 * @param {WorkflowExecuteMode} mode
	 * @param {IExecuteData} [_executeData]
	 * @param {boolean} [raw]
	 * @param {ICredentialsExpressionResolveValues} [expressionResolveValues]
	 * @returns {Promise<ICredentialDataDecryptedObject>}
	 */
	async getDecrypted(additionalData, nodeCredentials, type, mode, _executeData, raw, expressionResolveValues) {
		const stored = this.getStored(nodeCredentials, type);
		if (raw === true) return stored;

		const properties = this.getCredentialsProperties(type);
		/** @type {any} */
		let data = NodeHelpers.getNodeParameters(properties, /** @type {INodeParameters} */ (stored), true, false, null, null) ?? {};
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				undefined,
				false,
				data,
			);
		} else {
			const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
			data = workflow.expression.getComplexParameterValue(mockNode, data, mode, additionalKeys, undefined, undefined, data);
		}
		return data;
	}

	/**
	 * @param {INodeCredentialsDetails} _nodeCredentials
	 * @param {string} type
	 * @param {ICredentialDataDecryptedObject} data
	 */
	async updateCredentials(_nodeCredentials, type, data) {
		this.store[type] = structuredClone(data);
	}

	/**
	 * @param {INodeCredentialsDetails} _nodeCredentials
	 * @param {string} type
	 * @param {ICredentialDataDecryptedObject} data
	 */
	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.store[type] = { ...this.store[type], oauthTokenData: structuredClone(data.oauthTokenData) };
	}

	/**
	 * The credential type's properties, merged with those of the types it `extends` (as n8n's CLI).
	 * @param {string} type
	 * @returns {INodeProperties[]}
	 */
	getCredentialsProperties(type) {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		/** @type {INodeProperties[]} */
		const combined = [];
		for (const parent of credentialType.extends) {
			if (this.credentialTypes.recognizes(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}

module.exports = { TestCredentialsHelper, TestCredentialTypes };
