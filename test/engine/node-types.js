// @ts-check
'use strict';

const { NodeConnectionTypes, NodeHelpers, NodeOperationError, jsonParse } = require('n8n-workflow');

/**
 * @typedef {import('n8n-workflow').INodeType} INodeType
 * @typedef {import('n8n-workflow').IVersionedNodeType} IVersionedNodeType
 * @typedef {import('n8n-workflow').INodeTypes} INodeTypes
 * @typedef {import('n8n-workflow').INodeTypeDescription} INodeTypeDescription
 * @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData
 * @typedef {import('n8n-workflow').IExecuteFunctions} IExecuteFunctions
 * @typedef {import('n8n-workflow').ITriggerFunctions} ITriggerFunctions
 * @typedef {import('n8n-workflow').ITriggerResponse} ITriggerResponse
 * @typedef {import('n8n-workflow').IDataObject} IDataObject
 */

/** Type name of the harness's manual trigger (the same name as n8n's own Manual Trigger node). */
const MANUAL_TRIGGER_NODE_TYPE = 'n8n-nodes-base.manualTrigger';
/** Type name of the harness's "emit these items" node. */
const ITEMS_NODE_TYPE = 'test.items';

/**
 * Minimal stand-in for n8n's Manual Trigger: a `trigger()` whose manual function emits one empty item,
 * exactly what n8n-nodes-base's ManualTrigger does. WorkflowExecute runs it through TriggersAndPollers
 * and a real TriggerContext.
 * @implements {INodeType}
 */
class ManualTrigger {
	/** @type {INodeTypeDescription} */
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Runs the flow when the test harness runs the workflow',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	/**
	 * @this {ITriggerFunctions}
	 * @returns {Promise<ITriggerResponse>}
	 */
	async trigger() {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/**
 * Emits the items given in its `items` parameter (a JSON array of objects, as a string the way n8n
 * stores `json` parameters, or an array). Every output item is paired with the input item(s).
 * @implements {INodeType}
 */
class TestItems {
	/** @type {INodeTypeDescription} */
	description = {
		displayName: 'Test Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Outputs the items given as a JSON array (test harness)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[]',
				description: 'JSON array of objects; each object becomes the JSON of one output item',
			},
		],
	};

	/**
	 * @this {IExecuteFunctions}
	 * @returns {Promise<INodeExecutionData[][]>}
	 */
	async execute() {
		const raw = this.getNodeParameter('items', 0);
		/** @type {unknown} */
		const list = typeof raw === 'string' ? jsonParse(raw) : raw;
		if (!Array.isArray(list) || list.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be a JSON array of objects');
		}
		const inputCount = this.getInputData().length;
		const pairedItem =
			inputCount === 1 ? { item: 0 } : Array.from({ length: inputCount }, (_, item) => ({ item }));
		return [list.map((json) => ({ json: /** @type {IDataObject} */ (json), pairedItem }))];
	}
}

const BINARY_NODE_TYPE = 'test.binary';

/**
 * `test.binary`: each input item goes on with a file attached as binary data (parameters `fileBase64`,
 * `fileName`, `mimeType`, `binaryPropertyName`), stored through n8n-core's own `prepareBinaryData`.
 */
class TestBinary {
	/** @type {INodeTypeDescription} */
	description = {
		displayName: 'Test Binary',
		name: 'binary',
		group: ['input'],
		version: 1,
		description: 'Attaches a file to every item (test harness)',
		defaults: { name: 'File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'File (Base64)', name: 'fileBase64', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file.bin' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/octet-stream' },
			{ displayName: 'Binary Property', name: 'binaryPropertyName', type: 'string', default: 'data' },
		],
	};

	/**
	 * @this {IExecuteFunctions}
	 * @returns {Promise<INodeExecutionData[][]>}
	 */
	async execute() {
		const items = this.getInputData();
		/** @type {INodeExecutionData[]} */
		const output = [];
		for (let item = 0; item < items.length; item++) {
			const bytes = Buffer.from(String(this.getNodeParameter('fileBase64', item)), 'base64');
			const data = await this.helpers.prepareBinaryData(bytes, String(this.getNodeParameter('fileName', item)), String(this.getNodeParameter('mimeType', item)));
			output.push({ json: items[item].json, binary: { [String(this.getNodeParameter('binaryPropertyName', item))]: data }, pairedItem: { item } });
		}
		return [output];
	}
}

/**
 * INodeTypes over a plain map of node type name → instance, with the harness's own types added
 * (they can be overridden). Versioned node types resolve through n8n-workflow's NodeHelpers.
 * @implements {INodeTypes}
 */
class TestNodeTypes {
	/** @param {Record<string, INodeType | IVersionedNodeType>} [types] */
	constructor(types = {}) {
		/** @type {Record<string, INodeType | IVersionedNodeType>} */
		this.types = {
			[MANUAL_TRIGGER_NODE_TYPE]: new ManualTrigger(),
			[ITEMS_NODE_TYPE]: new TestItems(),
			[BINARY_NODE_TYPE]: new TestBinary(),
			...types,
		};
	}

	/** @param {string} nodeType */
	getByName(nodeType) {
		const type = this.types[nodeType];
		if (type === undefined) {
			throw new Error(
				`Unknown node type "${nodeType}": pass it to createEngine({ nodeTypes: { '${nodeType}': new X() } })`,
			);
		}
		return type;
	}

	/**
	 * @param {string} nodeType
	 * @param {number} [version]
	 */
	getByNameAndVersion(nodeType, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		/** @type {IDataObject} */
		const known = {};
		for (const [name, type] of Object.entries(this.types)) {
			known[name] = { className: type.constructor.name, sourcePath: '' };
		}
		return known;
	}
}

module.exports = { ManualTrigger, TestItems, TestBinary, TestNodeTypes, MANUAL_TRIGGER_NODE_TYPE, ITEMS_NODE_TYPE, BINARY_NODE_TYPE };
