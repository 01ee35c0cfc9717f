#!/usr/bin/env node
// The main job in a few seconds, with no merchant account: start the embedded WeChat Pay sandbox, then run a
// "Set notify URL" → "Get notify URL" workflow through n8n-core's real engine, for a service provider and a brand,
// with the built package (dist/), and a user coupon's life after it: send → confirm → get → redeem → return.
// Every answer printed here was signature-verified, and checked to answer its request, before the node output it.
'use strict';

const { startSandbox } = require('../test/sandbox');
const { createEngine } = require('../test/engine');
const { WeChatPay } = require('../dist/nodes/WeChatPay/WeChatPay.node');
const { WeChatPayApi } = require('../dist/credentials/WeChatPayApi.credentials');

const NODE_TYPE = 'n8n-nodes-wechatpay.weChatPay';

/** One WeChat Pay node fed by a manual trigger, for one step of a coupon's life. */
function oneStep(parameters) {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'step',
				name: 'WeChat Pay',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'userCoupon', ...parameters },
				credentials: { wechatPayApi: { id: '1', name: 'WeChat Pay (sandbox)' } },
			},
		],
		connections: { Start: { main: [[{ node: 'WeChat Pay', type: 'main', index: 0 }]] } },
	};
}

/** Send → Confirm → Get → Redeem → Return of one coupon, one line each; returns false on the first error. */
async function couponLife(engine, sandbox, credential, out) {
	const seeded = sandbox.seedProductCoupon(credential, {});
	const identity = {
		...(credential.accountType === 'brand' ? {} : { brandId: seeded.brand_id }),
		openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
		productCouponId: seeded.product_coupon_id,
		stockId: seeded.stock_id,
		appid: seeded.appid,
	};
	let couponCode = '';
	const steps = [
		['Send', { operation: 'send' }],
		['Confirm', { operation: 'confirm' }],
		['Get', { operation: 'get' }],
		['Redeem', { operation: 'use', transactionId: '4200000985202011201234567890' }],
		['Return', { operation: 'return' }],
	];
	for (const [label, parameters] of steps) {
		const run = await engine.runWorkflow(oneStep({ ...identity, ...(couponCode ? { couponCode } : {}), ...parameters }));
		const error = run.errorOf('WeChat Pay');
		if (error) {
			out(`${label}: ERROR ${error.message}`);
			return false;
		}
		const coupon = run.outputOf('WeChat Pay')[0].json;
		couponCode = coupon.coupon_code;
		const number = coupon.single_usage_detail?.return_request_no ?? coupon.single_usage_detail?.use_request_no ?? coupon.confirm_request_no ?? coupon.send_request_no;
		out(`${label.padEnd(8)}→ coupon ${coupon.coupon_code} ${coupon.coupon_state}${label === 'Get' ? '' : ` (request number ${number})`}`);
	}
	return true;
}

function setThenGet(notifyUrl) {
	const node = (name, parameters, x) => ({
		id: name,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [x, 0],
		parameters: { resource: 'notifyConfig', ...parameters },
		credentials: { wechatPayApi: { id: '1', name: 'WeChat Pay (sandbox)' } },
	});
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node('Set notify URL', { operation: 'set', notifyUrl }, 200),
			node('Get notify URL', { operation: 'get' }, 400),
		],
		connections: {
			Start: { main: [[{ node: 'Set notify URL', type: 'main', index: 0 }]] },
			'Set notify URL': { main: [[{ node: 'Get notify URL', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	const sandbox = await startSandbox();
	const out = (line = '') => process.stdout.write(`${line}\n`);
	out(`WeChat Pay sandbox listening on ${sandbox.baseUrl} (keys generated for this run)`);
	let failed = false;
	try {
		for (const accountType of ['serviceProvider', 'brand']) {
			const credential = { ...sandbox.createAccount({ accountType }), backupBaseUrl: '' };
			const engine = createEngine({
				nodeTypes: { [NODE_TYPE]: new WeChatPay() },
				credentialTypes: { wechatPayApi: new WeChatPayApi() },
				credentials: { wechatPayApi: credential },
			});
			const id = accountType === 'brand' ? `brand_id ${credential.brandId}` : `mchid ${credential.merchantId}`;
			out(`\n== ${accountType === 'brand' ? 'Brand (品牌方)' : 'Service provider (服务商)'}, ${id}`);
			const run = await engine.runWorkflow(setThenGet(`https://n8n.example.com/webhook/${accountType}/wechatpay`));
			for (const name of ['Set notify URL', 'Get notify URL']) {
				const error = run.errorOf(name);
				if (error) {
					failed = true;
					out(`${name}: ERROR ${error.message}`);
				} else {
					out(`${name} → ${JSON.stringify(run.outputOf(name).map((item) => item.json))}`);
				}
			}
			out('A user coupon, day to day:');
			if (!(await couponLife(engine, sandbox, credential, out))) failed = true;
		}
		out('\nWhat the sandbox saw (each request signed by the credential, each 200 signed by "WeChat Pay"):');
		for (const request of sandbox.requests) {
			out(`  ${request.method} ${request.path.split('?')[0]} → ${request.status}${request.code ? ` ${request.code}` : ''}`);
		}
	} finally {
		await sandbox.close();
	}
	if (failed) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
