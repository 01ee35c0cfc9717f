#!/usr/bin/env node
// @ts-check
// `npm run test:queue`: the package in n8n 2.41.1 in queue mode — one main process, two workers, one webhook
// processor, a throwaway PostgreSQL and Redis (Debian packages, installed when missing) — against the WeChat Pay
// sandbox running in this process. Ends with `N passed, N failed`. See e2e/README.md.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSandbox } = require('../test/sandbox');
const fixtures = require('./lib/fixtures');
const queueFixtures = require('./lib/queue-fixtures');
const { flavour } = require('./lib/flavours');
const { installN8n } = require('./lib/install-n8n');
const { packPackage, repo } = require('./lib/install-package');
const { ownerCookie } = require('./lib/owner');
const { run } = require('./lib/processes');
const { createReport } = require('./lib/report');
const { sandboxCredentials } = require('./lib/setup-instance');
const { aptInstall } = require('./lib/system-packages');
const { serverBinDir, startPostgres } = require('./lib/throwaway-postgres');
const { startRedis } = require('./lib/throwaway-redis');
const { createQueueCluster } = require('./lib/queue-cluster');
const { checkSetThenGetThroughQueue, checkTriggerBehindWebhookProcessor, checkNoSecrets } = require('./lib/queue-checks');
const { checkSharedAccount, checkSendConfirmRuns } = require('./lib/queue-concurrency-checks');
const { createSecretScan } = require('./lib/secret-scan');

const report = createReport();
const { log, step } = report;

async function hasCommand(cmd) {
	return run('sh', ['-c', `command -v ${cmd}`], { timeoutMs: 10_000 }).then(() => true, () => false);
}

async function main() {
	const f = flavour('n8n2');
	log(`n8n-nodes-wechatpay in queue mode (${f.label}: main, 2 workers, webhook processor; PostgreSQL, Redis)`);
	const missing = [...((await hasCommand('redis-server')) ? [] : ['redis-server']), ...(serverBinDir() ? [] : ['postgresql'])];
	await step(`Debian packages redis-server and postgresql present${missing.length ? ` (installing ${missing.join(', ')})` : ''}`, () => aptInstall(missing, log));
	await step(`n8n ${f.n8nVersion} present in ${f.dir} (installed on first use)`, () => installN8n('n8n2', log));
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wechatpay-queue-'));
	if (process.env.E2E_SKIP_BUILD !== '1') {
		await step('npm run build', () => run('npm', ['run', 'build', '--silent'], { cwd: repo, timeoutMs: 300_000 }));
	}
	const tarball = await step('npm pack', () => packPackage(root));
	const sandbox = await startSandbox();
	let postgres;
	let redis;
	let cluster;
	let ok = false;
	try {
		postgres = await step('PostgreSQL: a throwaway cluster on 127.0.0.1', () => startPostgres({ pgModuleFrom: f.dir }));
		redis = await step('Redis: a throwaway server on 127.0.0.1', () => startRedis({ dir: root, ioredisFrom: f.dir }));
		const credentials = {
			...sandboxCredentials(sandbox),
			shared: sandbox.createAccount({ accountType: 'serviceProvider' }),
			coupon: sandbox.createAccount({ accountType: 'serviceProvider' }),
		};
		// a product coupon whose stock can give each of the 10 users a coupon in each of the 20 runs
		const seeded = sandbox.seedProductCoupon(credentials.coupon, { maxCountPerUser: 100 });
		cluster = await createQueueCluster({ flavour: f, root, tarball, postgres, redis, step });
		const { main: n8n } = cluster;
		await step('n8n import:credentials (service provider, brand, the shared account, the coupon account)', () =>
			n8n.importJson('credentials', [
				...fixtures.credentialsFile({ serviceProvider: credentials.serviceProvider, brand: credentials.brand }),
				...queueFixtures.sharedCredentialFile(credentials.shared),
				...queueFixtures.couponCredentialFile(credentials.coupon),
			]),
		);
		await step('n8n import:workflow (Set → Get ×2, the trigger, two 60-item Set runs, Send → Confirm)', () =>
			n8n.importJson('workflow', [...fixtures.workflowsFile(), queueFixtures.sharedSetWorkflow('a'), queueFixtures.sharedSetWorkflow('b'), queueFixtures.sendConfirmWorkflow(seeded)]),
		);
		await step('n8n publish:workflow (the trigger)', () => n8n.activate(fixtures.ids.trigger));
		await cluster.start({ webhooks: [cluster.webhookUrl(fixtures.ids.webhookId, 'wechatpay')] });
		const cookie = await step('owner set up and logged in (REST API)', () => ownerCookie(n8n.baseUrl));

		/** @type {Record<string, string>} */
		const seen = {};
		/** @type {Record<string, string>} */
		const ranOn = {};
		const context = { report, cluster, db: postgres, flavour: f, sandbox, credentials, cookie, seen, ranOn };
		await checkSetThenGetThroughQueue(context);
		await checkTriggerBehindWebhookProcessor(context);
		await checkSharedAccount(context);
		await checkSendConfirmRuns(context);

		const stopTimes = await step('stop n8n (main, workers, webhook processor): their logs are complete', () => cluster.stop());
		log(`  stopped: ${stopTimes}`);
		const texts = { ...seen };
		for (const [key, value] of Object.entries(await step('Redis: every key and value', () => redis.dumpAll()))) texts[`redis ${key}`] = value;
		texts['pg_dump'] = await step('PostgreSQL: pg_dump of n8n\'s database', () => postgres.dump());
		await Promise.all([redis.stop(), postgres.stop()]);
		Object.assign(texts, createSecretScan([]).filesOf(cluster.logDir));
		texts['postgres.log'] = fs.readFileSync(postgres.logFile, 'utf8');
		texts['redis.log'] = fs.readFileSync(redis.logFile, 'utf8');
		await checkNoSecrets({ report, credentials, texts });

		log('\nwhich worker ran what:');
		for (const [what, worker] of Object.entries(ranOn)) log(`  ${what}: ${worker}`);
		ok = report.failed === 0;
	} finally {
		await cluster?.stop();
		await Promise.all([redis?.stop(), postgres?.stop()]);
		postgres?.remove();
		await sandbox.close();
		// Kept when something failed (or E2E_KEEP=1): logs/ has every n8n process's output.
		if (ok && process.env.E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
		else log(`  folder kept for inspection: ${root} (logs in logs/)`);
	}
}

main()
	.catch((error) => {
		if (!error.reported) process.stderr.write(`test:queue failed: ${error.stack || error}\n`);
	})
	.finally(() => {
		process.exitCode = report.summary() ? 0 : 1;
	});
