'use strict';
// n8n-core's engine (test/engine) with one credential per account. The harness keeps one credential per type;
// n8n looks credentials up by the id a node names, and so does this wrapper, so that a workflow can hold one
// WeChat Pay node per account — the README's way to serve several accounts. Nothing else of the harness changes.
const { fromDist, ROOT } = require('./paths');
const path = require('path');

const NODE_TYPE = 'n8n-nodes-wechatpay.weChatPay';

/**
 * @param {object[]} credentials sandbox credential data, one per account
 */
function createMultiAccountEngine(credentials) {
	const { createEngine } = require(path.join(ROOT, 'test', 'engine'));
	const { WeChatPay } = fromDist('nodes/WeChatPay/WeChatPay.node.js');
	const { WeChatPayApi } = fromDist('credentials/WeChatPayApi.credentials.js');
	const engine = createEngine({
		nodeTypes: { [NODE_TYPE]: new WeChatPay() },
		credentialTypes: { wechatPayApi: new WeChatPayApi() },
		credentials: { wechatPayApi: credentials[0] },
	});
	const byId = new Map(credentials.map((credential, index) => [credentialId(index), credential]));
	const helper = engine.credentialsHelper;
	// how often n8n is asked for a credential: each ask is, in n8n, a database read and a decryption
	const counters = { credentialReads: 0 };
	const getDecrypted = helper.getDecrypted.bind(helper);
	helper.getDecrypted = (...args) => {
		counters.credentialReads += 1;
		return getDecrypted(...args);
	};
	helper.getStored = (nodeCredentials, type) => {
		const data = byId.get(nodeCredentials && nodeCredentials.id);
		if (type !== 'wechatPayApi' || data === undefined) throw new Error(`bench: no credential ${nodeCredentials && nodeCredentials.id}`);
		return structuredClone(data);
	};
	return Object.assign(engine, { counters });
}

const credentialId = (index) => `bench-account-${index}`;

/**
 * Start → Items (itemsPerAccount items) → WeChat Pay "Get notify URL" for account 0 → … → for account N-1.
 * Each WeChat Pay node gets the items of the node before it and makes one GET per item.
 */
function getNotifyUrlChain(accountCount, itemsPerAccount) {
	const nodeName = (index) => `Get notify URL ${index}`;
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(Array.from({ length: itemsPerAccount }, (_, item) => ({ item }))) },
		},
	];
	for (let index = 0; index < accountCount; index++) {
		nodes.push({
			id: `get-${index}`,
			name: nodeName(index),
			type: NODE_TYPE,
			typeVersion: 1,
			position: [400 + 200 * index, 0],
			parameters: { resource: 'notifyConfig', operation: 'get' },
			credentials: { wechatPayApi: { id: credentialId(index), name: `Account ${index}` } },
		});
	}
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { workflow: { nodes, connections }, nodeName };
}

module.exports = { createMultiAccountEngine, getNotifyUrlChain };
