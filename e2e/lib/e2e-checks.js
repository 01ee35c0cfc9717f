// @ts-check
// What the e2e run asserts about real n8n.
'use strict';

const path = require('path');
const fixtures = require('./fixtures');
const { createSecretScan } = require('./secret-scan');
const { outputOf, executionsOf, executionData, waitForExecutions } = require('./executions');
const { ownerCookie } = require('./owner');
const { generateRsaKeyPair, privateKeyPem } = require('../../test/sandbox/keys');

const ACCOUNT_TYPES = /** @type {const} */ (['serviceProvider', 'brand']);
const SANDBOX_PATHS = {
	serviceProvider: '/v3/marketing/partner/product-coupon/notify-configs',
	brand: '/brand/marketing/product-coupon/notify-configs',
};

/** `n8n execute` of the Set → Get workflow, per account type, while the sandbox runs in this process. */
async function checkSetThenGet({ report, n8n, sandbox, seen }) {
	const expectedUrl = fixtures.publicNotifyUrl();
	for (const accountType of ACCOUNT_TYPES) {
		const before = sandbox.requests.length;
		const result = await report.step(`n8n execute --id=${fixtures.ids.setGet[accountType]} (${accountType})`, () =>
			n8n.execute(fixtures.ids.setGet[accountType]),
		);
		seen[`n8n execute (${accountType})`] = JSON.stringify(result.run);
		const runData = result.run?.data?.resultData?.runData;
		await report.check(`${accountType}: the run finished without error`, (assert) => {
			assert.equal(result.run?.data?.resultData?.error, undefined, JSON.stringify(result.run?.data?.resultData?.error));
			assert.ok(['success', undefined].includes(result.run.status), `status ${result.run.status}`);
		});
		await report.check(`${accountType}: "Set notify URL" outputs WeChat Pay's answer`, (assert) => {
			const out = outputOf(runData, 'Set notify URL');
			assert.equal(out?.length, 1, JSON.stringify(out));
			assert.equal(out[0].notify_url, expectedUrl);
			assert.match(out[0].update_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
		});
		await report.check(`${accountType}: "Get notify URL" reads back the URL just set`, (assert) => {
			const out = outputOf(runData, 'Get notify URL');
			assert.deepEqual(Object.keys(out?.[0] ?? {}).sort(), ['notify_url', 'update_time']);
			assert.equal(out[0].notify_url, expectedUrl);
		});
		await report.check(`${accountType}: the sandbox saw one signed POST and one GET, both 200`, (assert) => {
			const requests = sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(requests, [`POST ${SANDBOX_PATHS[accountType]} 200`, `GET ${SANDBOX_PATHS[accountType]} 200`]);
		});
	}
}

/** Sandbox callbacks at the active trigger's production URL on the running `n8n start`. */
async function checkCallbacks({ report, n8n, flavour, sandbox, credentials, seen }) {
	const url = fixtures.triggerUrl(n8n);
	const cred = credentials.serviceProvider;
	const workflowId = fixtures.ids.trigger;

	const valid = await sandbox.deliverCallback(url, cred, { variant: 'valid' });
	seen['reply to the valid callback'] = `${valid.status} ${JSON.stringify(valid.headers)} ${valid.body}`;
	await report.check(`a valid callback at the production URL is answered 2xx (got ${valid.status})`, (assert) => {
		assert.ok(valid.status >= 200 && valid.status < 300, `status ${valid.status}: ${valid.body}`);
	});
	let executionId;
	await report.check('it starts one successful production execution', async (assert) => {
		const rows = await waitForExecutions(n8n, workflowId, (r) => r.some((e) => e.status !== 'running' && e.status !== 'new'));
		assert.equal(rows.length, 1, JSON.stringify(rows));
		assert.equal(rows[0].status, 'success', JSON.stringify(rows));
		assert.equal(rows[0].mode, 'webhook');
		executionId = rows[0].id;
	});
	await report.check("the execution's data holds the decrypted event", async (assert) => {
		assert.ok(executionId, 'no execution');
		const data = await executionData(n8n, flavour, executionId);
		seen['saved execution data'] = JSON.stringify(data);
		const [item] = outputOf(data.resultData.runData, 'WeChat Pay Trigger') ?? [];
		const sent = valid.callback.envelope;
		assert.equal(item?.id, sent.id);
		assert.equal(item.event_type, 'PRODUCT_COUPON_SP.SEND');
		assert.equal(item.create_time, sent.create_time);
		assert.deepEqual(item.resource, valid.callback.payload); // decrypted, not the ciphertext envelope
	});

	for (const variant of ['badSignature', 'bodyChangedAfterSigning']) {
		const reply = await sandbox.deliverCallback(url, cred, { variant });
		seen[`reply to ${variant}`] = `${reply.status} ${JSON.stringify(reply.headers)} ${reply.body}`;
		await report.check(`a tampered callback (${variant}) gets a 4xx FAIL reply (got ${reply.status})`, (assert) => {
			assert.ok(reply.status >= 400 && reply.status < 500, `status ${reply.status}`);
			assert.equal(JSON.parse(reply.body).code, 'FAIL');
		});
	}
	// Give n8n the time a (wrongly started) execution would need to be saved, then count.
	await new Promise((r) => setTimeout(r, 1500));
	await report.check('tampered callbacks create no successful execution', async (assert) => {
		const rows = await executionsOf(n8n, workflowId);
		assert.deepEqual(rows.filter((e) => e.status === 'success').map((e) => e.id), [executionId]);
	});
}

/** The credential's Test button in the running n8n: POST /rest/credentials/test, as the editor sends it. */
async function checkTestButton({ report, n8n, sandbox, credentials, seen }) {
	const cookie = await ownerCookie(n8n.baseUrl);
	const press = async (accountType, changes = {}) => {
		const res = await fetch(`${n8n.baseUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({
				credentials: {
					id: fixtures.ids.credential[accountType],
					name: fixtures.names.credential[accountType],
					type: 'wechatPayApi',
					data: { ...credentials[accountType], ...changes },
				},
			}),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		seen[`Test button ${accountType} ${Object.keys(changes).join(',')}`] = text;
		if (!res.ok) throw new Error(`POST /rest/credentials/test answered ${res.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text).data;
	};
	for (const accountType of ACCOUNT_TYPES) {
		await report.check(`Test button, ${accountType}: "Connection successful!" after one signed GET`, async (assert) => {
			sandbox.resetStats();
			assert.deepEqual(await press(accountType), { status: 'OK', message: 'Connection successful!' });
			assert.deepEqual(sandbox.requests.map((r) => [r.method, r.path, r.status]), [['GET', SANDBOX_PATHS[accountType], 200]]);
		});
	}
	await report.check('Test button, an account with no notify URL yet (404 RESOURCE_NOT_EXISTS): success', async (assert) => {
		const fresh = sandbox.createAccount({ accountType: 'serviceProvider' });
		sandbox.resetStats();
		assert.deepEqual(await press('serviceProvider', fresh), { status: 'OK', message: 'Connection successful!' });
		assert.deepEqual(sandbox.requests.map((r) => [r.status, r.code]), [[404, 'RESOURCE_NOT_EXISTS']]);
	});
	await report.check('Test button, a private key WeChat Pay refuses: SIGN_ERROR and what to check', async (assert) => {
		const answer = await press('serviceProvider', { privateKey: privateKeyPem(generateRsaKeyPair().privateKey) });
		assert.equal(answer.status, 'Error');
		assert.match(answer.message, /^SIGN_ERROR: WeChat Pay refused the signature: check the Merchant ID/);
	});
	await report.check('Test button, an unreadable private key: names the field, sends nothing', async (assert) => {
		sandbox.resetStats();
		const answer = await press('serviceProvider', { privateKey: 'not a key' });
		assert.equal(answer.status, 'Error');
		assert.match(answer.message, /Private Key/);
		assert.equal(sandbox.stats.requests, 0);
	});
}

/** After n8n stopped: no secret in anything it printed, logged, saved or replied. */
async function checkNoSecrets({ report, n8n, credentials, seen }) {
	await report.check('no sandbox secret in n8n\'s output, logs, saved execution or replies', (assert) => {
		const scan = createSecretScan(Object.values(credentials));
		const texts = { ...seen, ...scan.filesOf(path.join(n8n.userFolder, 'logs')) };
		assert.deepEqual(scan.scan(texts), [], `scanned: ${Object.keys(texts).join(', ')}`);
	});
}

module.exports = { checkSetThenGet, checkCallbacks, checkTestButton, checkNoSecrets };
