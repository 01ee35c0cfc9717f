#!/usr/bin/env node
// The main job in a few seconds, with no merchant account: start the embedded WeChat Pay sandbox, then run a
// "Set notify URL" → "Get notify URL" workflow through n8n-core's real engine, for a service provider and a brand,
// with the built package (dist/). Every answer printed here was signature-verified before the node output it.
'use strict';

const { startSandbox } = require('../test/sandbox');
const { createEngine } = require('../test/engine');
const { WeChatPay } = require('../dist/nodes/WeChatPay/WeChatPay.node');
const { WeChatPayApi } = require('../dist/credentials/WeChatPayApi.credentials');

const NODE_TYPE = 'n8n-nodes-wechatpay.weChatPay';

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
		}
		out('\nWhat the sandbox saw (each request signed by the credential, each 200 signed by "WeChat Pay"):');
		for (const request of sandbox.requests) {
			out(`  ${request.method} ${request.path} → ${request.status}${request.code ? ` ${request.code}` : ''}  Request-ID ${request.requestId}`);
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
