// @ts-check
// The credentials and workflows imported into real n8n, in the JSON that `n8n import:*` reads.
// Fixed ids, so the e2e checks and the dev instructions can name them.
'use strict';

const fs = require('fs');
const path = require('path');

const ACTION = 'n8n-nodes-wechatpay.weChatPay';
const TRIGGER = 'n8n-nodes-wechatpay.weChatPayTrigger';

const ids = {
	credential: { serviceProvider: 'WcpSandboxSp0001', brand: 'WcpSandboxBr0001' },
	setGet: { serviceProvider: 'WcpSetGetSp00001', brand: 'WcpSetGetBr00001' },
	trigger: 'WcpTriggerSp0001',
	// the trigger's webhookId: its production URL is /webhook/<this>/wechatpay
	webhookId: '6f1d2c3b-8a4e-4f5a-9b7c-0d1e2f3a4b5c',
	// the shipped examples (examples/*.workflow.json), imported with the sandbox credentials
	examples: {
		confirm: { serviceProvider: 'WcpExConfirmSp01', brand: 'WcpExConfirmBr01' },
		campaign: 'WcpExCampaignSp1',
	},
	// the brand copy of the confirm example needs a webhook of its own (the service provider's keeps the shipped one)
	confirmBrandWebhookId: '3f0c6a52-2f3e-4e55-b1a4-7d3c9e8f0b02',
};

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
/** The credential placeholder the shipped examples name; the import maps it to a sandbox credential. */
const EXAMPLE_CREDENTIAL_ID = 'wechatpay-account';

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

/** The trigger's production URL on a local n8n: where the sandbox delivers callbacks. */
function triggerUrl(n8n, webhookId = ids.webhookId) {
	return n8n.webhookUrl(webhookId, 'wechatpay');
}

/** Where the public n8n would be: notify URLs must be public https hosts (the node refuses local URLs). */
const PUBLIC_N8N = 'https://n8n.example.com/';

/** The notify URL the Set sends: public-looking https, shaped like a trigger's production URL. */
function publicNotifyUrl(webhookId = ids.webhookId) {
	return `${PUBLIC_N8N}webhook/${webhookId}/wechatpay`;
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

/**
 * A shipped example as `n8n import:workflow` reads it: a fixed id, and its credential placeholder mapped to the
 * sandbox credential of `accountType` (what a user does by picking a credential in each node). Nothing else changes
 * but the `name` and `webhookId` given (the brand copy of the confirm example, beside the service provider's).
 * @param {'confirm-coupons' | 'campaign'} file
 * @param {{ id: string, accountType: 'serviceProvider' | 'brand', name?: string, webhookId?: string }} o
 */
function exampleWorkflow(file, { id, accountType, name, webhookId }) {
	const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, `${file}.workflow.json`), 'utf8'));
	const nodes = example.nodes.map((node) => {
		const out = { ...node };
		if (node.credentials?.wechatPayApi) {
			if (node.credentials.wechatPayApi.id !== EXAMPLE_CREDENTIAL_ID) throw new Error(`examples/${file}.workflow.json: node "${node.name}" names credential ${node.credentials.wechatPayApi.id}, not ${EXAMPLE_CREDENTIAL_ID}`);
			out.credentials = { ...node.credentials, ...credentialRef(accountType) };
		}
		if (webhookId && node.webhookId) out.webhookId = webhookId;
		return out;
	});
	return { ...example, id, name: name ?? example.name, active: false, nodes };
}

/** examples/confirm-coupons.workflow.json for an account type; the brand copy listens on a webhook of its own. */
function confirmExample(accountType) {
	return accountType === 'brand'
		? exampleWorkflow('confirm-coupons', { id: ids.examples.confirm.brand, accountType, name: `${confirmExampleName()} (brand)`, webhookId: ids.confirmBrandWebhookId })
		: exampleWorkflow('confirm-coupons', { id: ids.examples.confirm.serviceProvider, accountType });
}

/** The webhookId of the confirm example's trigger, as imported for this account type. */
function confirmExampleWebhookId(accountType) {
	return confirmExample(accountType).nodes.find((node) => node.type === TRIGGER).webhookId;
}

function confirmExampleName() {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, 'confirm-coupons.workflow.json'), 'utf8')).name;
}

function campaignExample() {
	return exampleWorkflow('campaign', { id: ids.examples.campaign, accountType: 'serviceProvider' });
}

/** The brand and AppID the campaign example names (npm run dev seeds them into the sandbox). */
function campaignExampleBrand() {
	const nodes = campaignExample().nodes;
	const send = nodes.find((node) => node.parameters?.resource === 'userCoupon' && node.parameters?.operation === 'send');
	const create = nodes.find((node) => node.parameters?.resource === 'productCoupon' && node.parameters?.operation === 'create');
	if (!send || !create || send.parameters.appid !== create.parameters.notifyAppid || send.parameters.brandId !== create.parameters.brandId) {
		throw new Error('examples/campaign.workflow.json: expected one brand and AppID in "Create coupon" and "Send to a user"');
	}
	return { brandId: String(send.parameters.brandId), appid: String(send.parameters.appid) };
}

/** The shipped examples' names, for npm run dev's instructions. */
function exampleNames() {
	return { confirm: confirmExampleName(), campaign: campaignExample().name };
}

function workflowsFile() {
	return [setThenGet('serviceProvider'), setThenGet('brand'), triggerWorkflow()];
}

/** Both shipped examples with the service provider's sandbox credential (the e2e, npm run dev, the screenshots). */
function exampleWorkflows() {
	return [confirmExample('serviceProvider'), campaignExample()];
}

module.exports = {
	ACTION,
	TRIGGER,
	PUBLIC_N8N,
	ids,
	names,
	credentialsFile,
	credentialRef,
	workflowsFile,
	exampleWorkflows,
	setThenGet,
	publicNotifyUrl,
	triggerUrl,
	confirmExample,
	confirmExampleWebhookId,
	campaignExample,
	campaignExampleBrand,
	exampleNames,
};
