#!/usr/bin/env node
// @ts-check
// `npm run test:e2e`: the package as its users get it (npm pack → n8n's community-package layout) inside real
// n8n, against the WeChat Pay sandbox. See e2e/README.md for what is checked, the env vars and the timings.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSandbox } = require('../test/sandbox');
const fixtures = require('./lib/fixtures');
const couponFixtures = require('./lib/coupon-fixtures');
const { flavour, e2eFlavourNames } = require('./lib/flavours');
const { installN8n } = require('./lib/install-n8n');
const { packPackage, repo } = require('./lib/install-package');
const { freePort } = require('./lib/n8n');
const { ownerCookie } = require('./lib/owner');
const { png } = require('./lib/png');
const { run } = require('./lib/processes');
const { createReport } = require('./lib/report');
const { setupInstance, sandboxCredentials } = require('./lib/setup-instance');
const { checkSetThenGet, checkCallbacks, checkTestButton, checkNoSecrets } = require('./lib/e2e-checks');
const { checkCampaign, checkCouponLifecycle } = require('./lib/coupon-checks');

const report = createReport();
const { log, step } = report;

const flavourNames = e2eFlavourNames();

async function runFlavour(name, tarball) {
	const f = flavour(name);
	log(`\n== ${f.label}`);
	await step(`n8n ${f.n8nVersion} present in ${f.dir} (installed on first use)`, () => installN8n(name, log));
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-wechatpay-e2e-${name}-`));
	const sandbox = await startSandbox();
	let server;
	let ok = false;
	try {
		const credentials = sandboxCredentials(sandbox);
		// the campaign needs each account's brand (with an AppID); the life cycle a product coupon with a stock
		const brands = { serviceProvider: sandbox.seedBrand(credentials.serviceProvider, {}), brand: sandbox.seedBrand(credentials.brand, {}) };
		const seeded = { serviceProvider: sandbox.seedProductCoupon(credentials.serviceProvider, {}), brand: sandbox.seedProductCoupon(credentials.brand, {}) };
		// the PNG the campaign reads from disk, in the one folder n8n's file nodes may read (see lib/n8n.js)
		const banner = png(32);
		const bannerPath = path.join(userFolder, 'files', couponFixtures.BANNER_FILE);
		fs.mkdirSync(path.dirname(bannerPath), { recursive: true });
		fs.writeFileSync(bannerPath, banner);
		const extraWorkflows = [
			fixtures.confirmExample('brand'),
			couponFixtures.campaignWorkflow({ pngPath: bannerPath, brands }),
			couponFixtures.sendWorkflow(seeded),
			couponFixtures.redeemWorkflow(seeded),
		];
		const port = await freePort();
		const n8n = await setupInstance({ flavour: f, userFolder, tarball, credentials, port, extraWorkflows, step });
		const seen = {}; // what n8n printed and replied, scanned for secrets at the end
		await checkSetThenGet({ report, n8n, sandbox, seen });
		// after Set → Get: creating a product coupon needs the account's notify URL, which that run set
		await checkCampaign({ report, n8n, sandbox, credentials, brands, banner, seen });
		server = await step('n8n start (until the trigger\'s production webhook is registered)', () => n8n.startServer({ webhooks: [fixtures.triggerUrl(n8n)] }));
		await checkCallbacks({ report, n8n, flavour: f, sandbox, credentials, seen });
		await checkTestButton({ report, n8n, sandbox, credentials, seen });
		await checkCouponLifecycle({ report, n8n, flavour: f, sandbox, credentials, seeded, cookie: await ownerCookie(n8n.baseUrl), seen });
		await server.stop(); // its log is complete only now
		server = undefined;
		await checkNoSecrets({ report, n8n, credentials, seen });
		ok = report.failed === 0;
	} finally {
		await server?.stop();
		await sandbox.close();
		// Kept when something failed (or E2E_KEEP=1): its logs/ folder has every n8n command's output.
		if (ok && process.env.E2E_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
		else log(`  user folder kept for inspection: ${userFolder} (logs in logs/)`);
	}
}

async function main() {
	log(`n8n-nodes-wechatpay end-to-end in real n8n (${flavourNames.map((n) => flavour(n).label).join(', ')})`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wechatpay-pack-'));
	try {
		if (process.env.E2E_SKIP_BUILD !== '1') {
			await step('npm run build', () => run('npm', ['run', 'build', '--silent'], { cwd: repo, timeoutMs: 300_000 }));
		}
		const tarball = await step('npm pack', () => packPackage(work));
		for (const name of flavourNames) {
			try {
				await runFlavour(name, tarball);
			} catch (error) {
				// a failed step was reported already; anything else is reported here
				if (!error.reported) await report.check(`${name} ran to its end`, () => { throw error; });
			}
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	process.exitCode = report.summary() ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`e2e failed: ${error.stack || error}\n`);
	report.summary();
	process.exitCode = 1;
});
