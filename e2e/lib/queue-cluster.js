// @ts-check
// n8n in queue mode on one machine: one main process (editor, REST API, activation; no production webhooks),
// two workers (`n8n worker`) and one webhook processor (`n8n webhook`), sharing a throwaway PostgreSQL and
// Redis. Each process has its own user folder with this package installed as n8n's community installer does.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { installIntoUserFolder } = require('./install-package');
const { createN8n, freePort } = require('./n8n');

const WORKERS = ['worker-1', 'worker-2'];

/**
 * @param {object} o
 * @param {ReturnType<import('./flavours').flavour>} o.flavour
 * @param {string} o.root          folder for the user folders and logs/
 * @param {string} o.tarball       the packed package
 * @param {{ n8nEnv: Record<string, string>, query: (sql: string, params?: any[]) => Promise<any[]> }} o.postgres
 * @param {{ n8nEnv: Record<string, string> }} o.redis
 * @param {number} [o.workerConcurrency]
 * @param {(name: string, fn: () => Promise<any>) => Promise<any>} o.step
 */
async function createQueueCluster({ flavour, root, tarball, postgres, redis, workerConcurrency = 1, step }) {
	const logDir = path.join(root, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	const webhookPort = await freePort();
	const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
	const shared = {
		...postgres.n8nEnv,
		...redis.n8nEnv,
		EXECUTIONS_MODE: 'queue',
		// manual runs (the editor's "Execute workflow", POST /rest/workflows/:id/run) go to the workers too
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// every process must decrypt the same credentials: one key for all, new each run
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('base64url'),
		// production webhook URLs name the webhook processor, as a load balancer would route them
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
	};

	/** @param {string} name @param {number} port @param {Record<string, string>} [extra] */
	async function processFolder(name, port, extra = {}) {
		const userFolder = path.join(root, name);
		fs.mkdirSync(userFolder, { recursive: true });
		await installIntoUserFolder(tarball, userFolder);
		return createN8n(flavour, { userFolder, port, logDir, logPrefix: `${name}-`, envOverrides: { ...shared, ...extra }, query: postgres.query });
	}

	// the main process serves the editor and REST API; production webhooks are the webhook processor's alone
	const main = await step('main: user folder with the package installed', async () =>
		processFolder('main', await freePort(), { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
	);
	const workers = await step('two workers and a webhook processor: user folders with the package installed', async () => {
		const list = [];
		for (const name of WORKERS) list.push({ name, n8n: await processFolder(name, await freePort()) });
		return list;
	});
	const webhook = await processFolder('webhook', webhookPort);

	/** @type {{ name: string, stop: () => Promise<void> }[]} */
	const running = [];

	async function start({ webhooks = [] } = {}) {
		const server = await step('n8n start (main, queue mode; runs the migrations, activates workflows)', () => main.startServer({ webhooks: [] }));
		running.push({ name: 'main', stop: server.stop });
		const started = await step(`n8n worker ×${WORKERS.length} (concurrency ${workerConcurrency}) and n8n webhook, until ready`, () =>
			Promise.all([
				...workers.map((w) => w.n8n.startCommand({ args: ['worker', `--concurrency=${workerConcurrency}`], ready: /n8n worker is now ready/, logName: 'worker' })),
				webhook.startCommand({ args: ['webhook'], ready: /Webhook listener waiting for requests/, logName: 'webhook' }),
			]),
		);
		started.forEach((proc, i) => running.push({ name: workers[i]?.name ?? 'webhook', stop: proc.stop }));
		await step('the webhook processor serves the active trigger\'s production URL', () => untilRegistered(webhooks));
	}

	/** OPTIONS (n8n's CORS pre-flight) answers 2xx once the webhook processor knows the URL; it runs no node. */
	async function untilRegistered(urls, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		for (const url of urls) {
			for (;;) {
				const ok = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
				if (ok) break;
				if (Date.now() > deadline) throw new Error(`${url} not served after ${timeoutMs / 1000} s`);
				await new Promise((r) => setTimeout(r, 250));
			}
		}
	}

	/**
	 * Newest first: the webhook processor and workers, then the main process (stopped all at once they hang in
	 * their shutdown until killed). Returns how long each took.
	 */
	async function stop() {
		const took = [];
		for (const proc of running.splice(0).reverse()) {
			const started = Date.now();
			await proc.stop();
			took.push(`${proc.name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}
		return took.join(', ');
	}

	/** Which worker ran which execution, from the workers' "Worker started execution N" log lines. */
	function workerOfExecutions() {
		/** @type {Record<string, string>} */
		const byExecution = {};
		for (const name of WORKERS) {
			const file = path.join(logDir, `${name}-worker.log`);
			if (!fs.existsSync(file)) continue;
			for (const m of fs.readFileSync(file, 'utf8').matchAll(/Worker started execution (\d+)/g)) byExecution[m[1]] = name;
		}
		return byExecution;
	}

	return {
		main,
		webhookBaseUrl,
		workers,
		webhook,
		logDir,
		start,
		stop,
		workerOfExecutions,
		/** production URL of a trigger node's webhook, on the webhook processor */
		webhookUrl: (webhookId, webhookPath) => `${webhookBaseUrl}/webhook/${webhookId}/${webhookPath}`,
	};
}

module.exports = { createQueueCluster, WORKERS };
