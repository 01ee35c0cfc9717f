// @ts-check
// The credentials and workflows imported into real n8n, in the JSON that `n8n import:*` reads.
// Fixed ids, so the e2e checks and the dev instructions can name them.
'use strict';

const ACTION = 'n8n-nodes-wechatpay.weChatPay';
const TRIGGER = 'n8n-nodes-wechatpay.weChatPayTrigger';

const ids = {
	credential: { serviceProvider: 'WcpSandboxSp0001', brand: 'WcpSandboxBr0001' },
	setGet: { serviceProvider: 'WcpSetGetSp00001', brand: 'WcpSetGetBr00001' },
	trigger: 'WcpTriggerSp0001',
	// the trigger's webhookId: its production URL is /webhook/<this>/wechatpay
	webhookId: '6f1d2c3b-8a4e-4f5a-9b7c-0d1e2f3a4b5c',
};

const names = {
	credential: { serviceProvider: 'WeChat Pay sandbox (service provider)', brand: 'WeChat Pay sandbox (brand)' },
	setGet: { serviceProvider: 'WeChat Pay: set then get notify URL (service provider)', brand: 'WeChat Pay: set then get notify URL (brand)' },
	trigger: 'WeChat Pay: receive product coupon events (service provider)',
};

/** Credential data from the sandbox; never printed. backupBaseUrl '' so failover cannot reach the real host. */
function credentialsFile(sandboxCredentials) {
	return Object.entries(sandboxCredentials).map(([accountType, data]) => ({
		id: ids.credential[accountType],
		name: names.credential[accountType],
		type: 'wechatPayApi',
		data: { ...data, backupBaseUrl: '' },
	}));
}

function credentialRef(accountType) {
	return { wechatPayApi: { id: ids.credential[accountType], name: names.credential[accountType] } };
}

/** The notify URL the Set sends: public-looking https (the node refuses local URLs), shaped like the trigger's. */
/** The trigger's production URL on a local n8n: where the sandbox delivers callbacks. */
function triggerUrl(n8n) {
	return n8n.webhookUrl(ids.webhookId, 'wechatpay');
}

function publicNotifyUrl() {
	return `https://n8n.example.com/webhook/${ids.webhookId}/wechatpay`;
}

function setThenGet(accountType, notifyUrl = publicNotifyUrl()) {
	const node = (id, name, parameters, x) => ({
		id,
		name,
		type: ACTION,
		typeVersion: 1,
		position: [x, 300],
		parameters: { resource: 'notifyConfig', ...parameters, options: {} },
		credentials: credentialRef(accountType),
	});
	return {
		id: ids.setGet[accountType],
		name: names.setGet[accountType],
		active: false,
		nodes: [
			{ id: 'a1e2c3d4-0000-4000-8000-000000000001', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} },
			node('a1e2c3d4-0000-4000-8000-000000000002', 'Set notify URL', { operation: 'set', notifyUrl }, 260),
			node('a1e2c3d4-0000-4000-8000-000000000003', 'Get notify URL', { operation: 'get' }, 520),
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Set notify URL', type: 'main', index: 0 }]] },
			'Set notify URL': { main: [[{ node: 'Get notify URL', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function triggerWorkflow() {
	return {
		id: ids.trigger,
		name: names.trigger,
		active: false,
		nodes: [
			{
				id: 'b1e2c3d4-0000-4000-8000-000000000001',
				name: 'WeChat Pay Trigger',
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 300],
				webhookId: ids.webhookId,
				parameters: { events: ['*'] },
				credentials: credentialRef('serviceProvider'),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function workflowsFile() {
	return [setThenGet('serviceProvider'), setThenGet('brand'), triggerWorkflow()];
}

module.exports = { ACTION, TRIGGER, ids, names, credentialsFile, credentialRef, workflowsFile, setThenGet, publicNotifyUrl, triggerUrl };
