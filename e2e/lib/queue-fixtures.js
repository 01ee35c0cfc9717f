// @ts-check
// The extra credential and workflows of the queue-mode test (e2e/queue.js), in `n8n import:*` JSON. The
// Set → Get and trigger workflows are the e2e's own (fixtures.js).
'use strict';

const { ACTION } = require('./fixtures');

const ids = {
	// one account that two workers share
	sharedCredential: 'WcpQueueShared01',
	// two "Set notify URL" runs of 60 items each for that account, one per worker
	sharedSet: { a: 'WcpQueueSetA0001', b: 'WcpQueueSetB0001' },
	// an account with a seeded product coupon, and the Send → Confirm workflow run 20 times at once
	couponCredential: 'WcpQueueCoupon01',
	sendConfirm: 'WcpQueueSendConf',
};
const SHARED_CREDENTIAL_NAME = 'WeChat Pay sandbox (shared by two workers)';
const COUPON_CREDENTIAL_NAME = 'WeChat Pay sandbox (user coupons)';
const ITEMS = 60;
const COUPON_USERS = Array.from({ length: 10 }, (_, i) => `oUpF8uQueueUser${String(i).padStart(4, '0')}`);

/** The URL item i of run `run` sets: distinct per run and item, public-looking https as the node requires. */
function sharedUrl(run, i) {
	return `https://shop${i}.${run}.example.com/wx`;
}

function sharedCredentialFile(data) {
	return [{ id: ids.sharedCredential, name: SHARED_CREDENTIAL_NAME, type: 'wechatPayApi', data: { ...data, backupBaseUrl: '' } }];
}

function couponCredentialFile(data) {
	return [{ id: ids.couponCredential, name: COUPON_CREDENTIAL_NAME, type: 'wechatPayApi', data: { ...data, backupBaseUrl: '' } }];
}

/**
 * Manual trigger → one item per user of COUPON_USERS → Send (a coupon of the seeded stock; a new send request
 * number per item) → Confirm (the coupon just sent; its code as the request number, as the shipped example does).
 * @param {{ brand_id: string, product_coupon_id: string, stock_id?: string, appid: string }} seeded  sandbox.seedProductCoupon's answer (a single-use stock)
 */
function sendConfirmWorkflow(seeded) {
	const coupon = { brandId: seeded.brand_id, productCouponId: seeded.product_coupon_id, stockId: seeded.stock_id, appid: seeded.appid };
	const credentials = { wechatPayApi: { id: ids.couponCredential, name: COUPON_CREDENTIAL_NAME } };
	const node = (n, name, type, parameters, extra = {}) => ({
		id: `d1e2c3d4-0000-4000-8000-00000000000${n}`,
		name,
		type,
		typeVersion: type === 'n8n-nodes-base.set' ? 3.4 : 1,
		position: [n * 220, 300],
		parameters,
		...extra,
	});
	return {
		id: ids.sendConfirm,
		name: 'Queue: send then confirm a coupon for each of 10 users',
		active: false,
		nodes: [
			node(1, 'Start', 'n8n-nodes-base.manualTrigger', {}),
			node(2, 'Users', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ openid: COUPON_USERS }), options: {} }),
			node(3, 'One item per user', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'openid', include: 'noOtherFields', options: {} }),
			node(4, 'Send coupon', ACTION, { resource: 'userCoupon', operation: 'send', ...coupon, openid: '={{ $json.openid }}', options: {} }, { credentials }),
			node(
				5,
				'Confirm coupon',
				ACTION,
				{
					resource: 'userCoupon',
					operation: 'confirm',
					...coupon,
					// the answer to Send does not name the user: the item it came from does
					openid: "={{ $('One item per user').item.json.openid }}",
					couponCode: '={{ $json.coupon_code }}',
					outRequestNo: '={{ $json.coupon_code }}',
					options: {},
				},
				{ credentials },
			),
		],
		connections: {
			Start: { main: [[{ node: 'Users', type: 'main', index: 0 }]] },
			Users: { main: [[{ node: 'One item per user', type: 'main', index: 0 }]] },
			'One item per user': { main: [[{ node: 'Send coupon', type: 'main', index: 0 }]] },
			'Send coupon': { main: [[{ node: 'Confirm coupon', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Manual trigger → 60 items (Edit Fields, raw JSON, then Split Out: no Code node, so no task runner) →
 * "Set notify URL" with `={{ $json.url }}`, for the shared account.
 * @param {'a' | 'b'} run
 */
function sharedSetWorkflow(run) {
	const urls = Array.from({ length: ITEMS }, (_, i) => sharedUrl(run, i));
	return {
		id: ids.sharedSet[run],
		name: `Queue: ${ITEMS} × set notify URL, shared account (${run})`,
		active: false,
		nodes: [
			{ id: `c1e2c3d4-000${run === 'a' ? 1 : 2}-4000-8000-000000000001`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} },
			{
				id: `c1e2c3d4-000${run === 'a' ? 1 : 2}-4000-8000-000000000002`,
				name: 'URLs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 300],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ url: urls }), options: {} },
			},
			{
				id: `c1e2c3d4-000${run === 'a' ? 1 : 2}-4000-8000-000000000003`,
				name: 'One item per URL',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 300],
				parameters: { fieldToSplitOut: 'url', include: 'noOtherFields', options: {} },
			},
			{
				id: `c1e2c3d4-000${run === 'a' ? 1 : 2}-4000-8000-000000000004`,
				name: 'Set notify URL',
				type: ACTION,
				typeVersion: 1,
				position: [660, 300],
				parameters: { resource: 'notifyConfig', operation: 'set', notifyUrl: '={{ $json.url }}', options: {} },
				credentials: { wechatPayApi: { id: ids.sharedCredential, name: SHARED_CREDENTIAL_NAME } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'URLs', type: 'main', index: 0 }]] },
			URLs: { main: [[{ node: 'One item per URL', type: 'main', index: 0 }]] },
			'One item per URL': { main: [[{ node: 'Set notify URL', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

module.exports = { ids, ITEMS, COUPON_USERS, sharedUrl, sharedCredentialFile, sharedSetWorkflow, couponCredentialFile, sendConfirmWorkflow };
