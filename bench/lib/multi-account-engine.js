'use strict';
// n8n-core's engine (test/engine) with one credential per account. The harness keeps one credential per type;
// n8n looks credentials up by the id a node names, and so does this wrapper, so that a workflow can hold one
// WeChat Pay node per account — the README's way to serve several accounts. The floor node of figure 2c
// (floor-node.js) is registered next to ours, with the same credential type. Nothing else of the harness changes,
// but for its record of `authenticate` calls (kept for test assertions), which the bench turns off so that a run of
// 10,000 items does not grow the harness's memory.
const { fromDist, ROOT } = require('./paths');
const { FloorGetNotifyUrl, DescribedFloorGetNotifyUrl, FLOOR_NODE_TYPE, DESCRIBED_FLOOR_NODE_TYPE } = require('./floor-node');
const path = require('path');

const NODE_TYPE = 'n8n-nodes-wechatpay.weChatPay';

/**
 * @param {object[]} credentials sandbox credential data, one per account
 */
function createMultiAccountEngine(credentials) {
	const { createEngine } = require(path.join(ROOT, 'test', 'engine'));
	const { WeChatPay } = fromDist('nodes/WeChatPay/WeChatPay.node.js');
	const { WeChatPayApi } = fromDist('credentials/WeChatPayApi.credentials.js');
	const ours = new WeChatPay();
	const engine = createEngine({
		nodeTypes: { [NODE_TYPE]: ours, [FLOOR_NODE_TYPE]: new FloorGetNotifyUrl(), [DESCRIBED_FLOOR_NODE_TYPE]: new DescribedFloorGetNotifyUrl(ours) },
		credentialTypes: { wechatPayApi: new WeChatPayApi() },
		credentials: { wechatPayApi: credentials[0] },
	});
	const byId = new Map(credentials.map((credential, index) => [credentialId(index), credential]));
	const helper = engine.credentialsHelper;
	helper.authenticateCalls = { push: () => 0 };
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
 * `floor`: the same chain of floor nodes (figure 2c) instead; 'described': floor nodes carrying our node's
 * description and parameters (figure 2d). `firstAccount`: the credential id of node 0.
 * `fanOut` (figure 5): every WeChat Pay node is connected to the Items node instead (Items → node i, for each i),
 * so that each gets the same items and the workflow stays two levels deep however many accounts it has: n8n's
 * engine walks a node's ancestors for every node it runs (n8n-workflow's get-connected-nodes, getHighestNode), so in a
 * chain of hundreds of nodes its own cost per item grows with the chain's length.
 */
function getNotifyUrlChain(accountCount, itemsPerAccount, { floor = false, firstAccount = 0, fanOut = false } = {}) {
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
			type: floor === 'described' ? DESCRIBED_FLOOR_NODE_TYPE : floor ? FLOOR_NODE_TYPE : NODE_TYPE,
			typeVersion: 1,
			position: [400 + 200 * index, 0],
			parameters: floor && floor !== 'described' ? {} : { resource: 'notifyConfig', operation: 'get' },
			credentials: { wechatPayApi: { id: credentialId(firstAccount + index), name: `Account ${firstAccount + index}` } },
		});
	}
	const connections = {};
	const link = (from, to) => ((connections[from] ??= { main: [[]] }).main[0].push({ node: to, type: 'main', index: 0 }));
	link('Start', 'Items');
	for (let i = 2; i < nodes.length; i++) link(fanOut ? 'Items' : nodes[i - 1].name, nodes[i].name);
	return { workflow: { nodes, connections }, nodeName };
}

module.exports = { createMultiAccountEngine, getNotifyUrlChain, credentialId };
