// @ts-check
// What the queue-mode run (e2e/queue.js) asserts about n8n with workers and a webhook processor: a, b, c
// (d and e, several executions at once: queue-concurrency-checks.js).
'use strict';

const fixtures = require('./fixtures');
const { outputOf } = require('./executions');
const { runManually, executionsOf, waitForExecution, waitForExecutions, executionData } = require('./queue-executions');
const { createSecretScan } = require('./secret-scan');

const SANDBOX_PATHS = {
	serviceProvider: '/v3/marketing/partner/product-coupon/notify-configs',
	brand: '/brand/marketing/product-coupon/notify-configs',
};
const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

/** What one check needs: the report, the cluster, PostgreSQL, the sandbox, and where things are noted. */
/**
 * @typedef {object} Context
 * @property {ReturnType<import('./report').createReport>} report
 * @property {Awaited<ReturnType<import('./queue-cluster').createQueueCluster>>} cluster
 * @property {{ query: (sql: string, params?: any[]) => Promise<any[]> }} db
 * @property {ReturnType<import('./flavours').flavour>} flavour
 * @property {any} sandbox
 * @property {Record<string, any>} credentials   serviceProvider, brand, shared
 * @property {string} cookie                    the owner's session, for the REST API
 * @property {Record<string, string>} seen      replies and outputs, scanned for secrets at the end
 * @property {Record<string, string>} ranOn     what → which worker(s), for the summary
 */

/** a. The e2e's Set → Get workflow, run through the queue: a worker executes it. @param {Context} c */
async function checkSetThenGetThroughQueue(c) {
	const { report, cluster, db, flavour, sandbox, cookie, seen, ranOn } = c;
	const expectedUrl = fixtures.publicNotifyUrl();
	for (const accountType of /** @type {const} */ (['serviceProvider', 'brand'])) {
		const before = sandbox.requests.length;
		const workflowId = fixtures.ids.setGet[accountType];
		const executionId = await report.step(`a. run "${fixtures.names.setGet[accountType]}" (POST /rest/workflows/${workflowId}/run)`, () =>
			runManually(cluster.main.baseUrl, cookie, workflowId, MANUAL_TRIGGER),
		);
		const row = await waitForExecution(db, executionId);
		const data = await executionData(db, flavour.dir, executionId);
		seen[`a. execution ${executionId}`] = JSON.stringify(data);
		const worker = cluster.workerOfExecutions()[executionId];
		ranOn[`a. Set → Get, ${accountType} (execution ${executionId})`] = worker ?? 'no worker';
		await report.check(`a. ${accountType}: execution ${executionId} succeeded on a worker (${worker ?? 'none'})`, (assert) => {
			assert.equal(row.status, 'success', JSON.stringify(data?.resultData?.error ?? row));
			assert.ok(worker, 'no worker logged "Worker started execution"');
		});
		await report.check(`a. ${accountType}: Set outputs WeChat Pay's answer, Get reads back the URL just set`, (assert) => {
			const set = outputOf(data.resultData.runData, 'Set notify URL');
			const get = outputOf(data.resultData.runData, 'Get notify URL');
			assert.equal(set?.length, 1, JSON.stringify(set));
			assert.equal(set[0].notify_url, expectedUrl);
			assert.match(set[0].update_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
			assert.deepEqual(get, [{ notify_url: expectedUrl, update_time: set[0].update_time }]);
		});
		await report.check(`a. ${accountType}: the sandbox saw one signed POST and one GET, both 200`, (assert) => {
			const requests = sandbox.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(requests, [`POST ${SANDBOX_PATHS[accountType]} 200`, `GET ${SANDBOX_PATHS[accountType]} 200`]);
		});
	}
}

/** b. The trigger behind the webhook processor: valid callbacks run on the workers, broken ones run nothing. @param {Context} c */
async function checkTriggerBehindWebhookProcessor(c, { valid = 50, parallel = 10 } = {}) {
	const { report, cluster, db, flavour, sandbox, credentials, seen, ranOn } = c;
	const url = cluster.webhookUrl(fixtures.ids.webhookId, 'wechatpay');
	const workflowId = fixtures.ids.trigger;
	const cred = credentials.serviceProvider;
	const sent = [];
	await report.step(`b. ${valid} valid sandbox callbacks at the webhook processor (${parallel} at a time)`, async () => {
		for (let i = 0; i < valid; i += parallel) {
			const batch = Array.from({ length: Math.min(parallel, valid - i) }, () => sandbox.deliverCallback(url, cred, {}));
			sent.push(...(await Promise.all(batch)));
		}
	});
	sent.forEach((reply, i) => (seen[`b. reply to valid callback ${i}`] = `${reply.status} ${JSON.stringify(reply.headers)} ${reply.body}`));
	await report.check(`b. all ${valid} valid callbacks answered 204`, (assert) => {
		assert.deepEqual(sent.map((r) => r.status).filter((s) => s !== 204), [], JSON.stringify(sent.filter((r) => r.status !== 204).map((r) => [r.status, r.body])));
	});
	let rows = [];
	await report.check(`b. they give ${valid} successful webhook executions`, async (assert) => {
		rows = await waitForExecutions(db, workflowId, (r) => r.filter((e) => ['success', 'error', 'crashed', 'canceled'].includes(e.status)).length >= valid);
		assert.equal(rows.length, valid, JSON.stringify(rows.map((r) => [r.id, r.status])));
		assert.deepEqual(rows.filter((r) => r.status !== 'success' || r.mode !== 'webhook'), []);
	});
	await report.check('b. each ran on a worker', (assert) => {
		const workerOf = cluster.workerOfExecutions();
		const perWorker = {};
		for (const r of rows) perWorker[workerOf[r.id] ?? 'no worker'] = (perWorker[workerOf[r.id] ?? 'no worker'] ?? 0) + 1;
		ranOn[`b. ${rows.length} trigger executions (${rows[0]?.id}–${rows[rows.length - 1]?.id})`] = Object.entries(perWorker).map(([w, n]) => `${w}: ${n}`).join(', ');
		assert.equal(perWorker['no worker'], undefined, JSON.stringify(perWorker));
	});
	await report.check('b. their saved data holds the decrypted events, each callback exactly once', async (assert) => {
		const received = [];
		for (const r of rows) {
			const data = await executionData(db, flavour.dir, r.id);
			seen[`b. execution ${r.id}`] = JSON.stringify(data);
			received.push(...(outputOf(data.resultData.runData, 'WeChat Pay Trigger') ?? []));
		}
		const byId = new Map(received.map((item) => [item.id, item]));
		assert.equal(received.length, valid, `${received.length} items`);
		for (const reply of sent) {
			const item = byId.get(reply.callback.envelope.id);
			assert.ok(item, `event ${reply.callback.envelope.id} not in any execution`);
			assert.equal(item.event_type, 'PRODUCT_COUPON_SP.SEND');
			assert.deepEqual(item.resource, reply.callback.payload); // decrypted, not the ciphertext envelope
		}
	});

	const broken = sandbox.callbackVariants.filter((v) => v !== 'valid');
	const replies = {};
	await report.step(`b. ${broken.length} broken callbacks (every sandbox variant but 'valid')`, async () => {
		for (const variant of broken) replies[variant] = await sandbox.deliverCallback(url, cred, { variant });
	});
	for (const [variant, reply] of Object.entries(replies)) seen[`b. reply to ${variant}`] = `${reply.status} ${JSON.stringify(reply.headers)} ${reply.body}`;
	await report.check(`b. each broken callback gets a 4xx {"code":"FAIL",…} (nonJsonBody: n8n's own 422)`, (assert) => {
		const wrong = [];
		for (const [variant, reply] of Object.entries(replies)) {
			const fail = (() => {
				try {
					return JSON.parse(reply.body).code === 'FAIL';
				} catch {
					return false;
				}
			})();
			// n8n's JSON body parser refuses a body that is not JSON before any node runs (README: Trigger)
			const ok = variant === 'nonJsonBody' ? reply.status === 422 : reply.status >= 400 && reply.status < 500 && fail;
			if (!ok) wrong.push(`${variant}: ${reply.status} ${reply.body.slice(0, 120)}`);
		}
		assert.ok(wrong.length === 0, wrong.join('\n'));
	});
	await new Promise((r) => setTimeout(r, 3000)); // the time a (wrongly) queued execution would need to appear
	await report.check('b. broken callbacks start no execution', async (assert) => {
		const after = await executionsOf(db, workflowId);
		assert.deepEqual(after.map((r) => r.id), rows.map((r) => r.id));
	});
}

/** The failed node's error as n8n saved it (message, description), for the report. */
function describeError(data) {
	const error = data?.resultData?.error;
	if (!error) return 'no error saved';
	return `${error.node?.name ? `${error.node.name}: ` : ''}${error.message}${error.description ? ` — ${error.description}` : ''}`;
}

/** c. No sandbox secret in any process's log, in Redis or in PostgreSQL. */
function checkNoSecrets({ report, credentials, texts }) {
	return report.check(`c. no sandbox private key or APIv3 key in ${Object.keys(texts).length} logs, Redis keys/values, pg_dump and replies`, (assert) => {
		const scan = createSecretScan(Object.values(credentials));
		assert.deepEqual(scan.scan(texts), []);
	});
}

module.exports = { checkSetThenGetThroughQueue, checkTriggerBehindWebhookProcessor, checkNoSecrets, describeError };
