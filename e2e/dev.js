#!/usr/bin/env node
// @ts-check
// `npm run dev`: the WeChat Pay sandbox and a real n8n editor on 127.0.0.1 with this package installed (packed
// and installed as n8n's community-package installer does), sandbox credentials, the e2e's workflows and the two
// shipped examples (examples/*.workflow.json) imported. Data stays in .dev/ (git-ignored) between runs. Ctrl-C
// stops everything.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { startSandbox } = require('../test/sandbox');
const fixtures = require('./lib/fixtures');
const { flavour, editorFlavourName } = require('./lib/flavours');
const { installN8n } = require('./lib/install-n8n');
const { packPackage, repo } = require('./lib/install-package');
const { freePort } = require('./lib/n8n');
const { OWNER, ensureOwner } = require('./lib/owner');
const { png } = require('./lib/png');
const { run, onShutdown } = require('./lib/processes');
const { setupInstance, sandboxCredentials } = require('./lib/setup-instance');

const log = (line = '') => process.stdout.write(`${line}\n`);
const name = editorFlavourName(); // n8n 2.x unless E2E_N8N=1
// 1.x and 2.x keep separate data: 2.x migrates a database one way.
const devDir = path.join(repo, '.dev');
const userFolder = path.join(devDir, name === 'n8n2' ? 'n8n2' : 'n8n');

/** DEV_PORT, else 5678 when free, else any free port. */
async function choosePort() {
	if (process.env.DEV_PORT) return Number(process.env.DEV_PORT);
	const net = require('net');
	const free = await new Promise((resolve) => {
		const s = net.createServer().once('error', () => resolve(false));
		s.listen(5678, '127.0.0.1', () => s.close(() => resolve(true)));
	});
	return free ? 5678 : freePort();
}

async function main() {
	const f = flavour(name);
	await installN8n(name, log);
	log('building and packing the package');
	await run('npm', ['run', 'build', '--silent'], { cwd: repo, timeoutMs: 300_000 });
	const tarball = await packPackage(path.join(devDir, 'pack'));

	const sandbox = await startSandbox();
	onShutdown(() => sandbox.close());
	const credentials = sandboxCredentials(sandbox); // new keys and port every run: the credentials are re-imported
	// the campaign example names a brand and an AppID: the sandbox account gets them, as authorised and bound
	const exampleBrand = fixtures.campaignExampleBrand();
	sandbox.seedBrand(credentials.serviceProvider, { brandId: exampleBrand.brandId, appid: exampleBrand.appid });
	const port = await choosePort();
	log(`setting up n8n in ${path.relative(repo, userFolder)}/ (${f.label})`);
	const n8n = await setupInstance({ flavour: f, userFolder, tarball, credentials, port, keepExistingWorkflows: true });
	log('starting n8n');
	const server = await n8n.startServer({ webhooks: [fixtures.triggerUrl(n8n)] });
	onShutdown(() => server.stop());
	await ensureOwner(n8n.baseUrl);
	fs.rmSync(tarball, { force: true });
	// Notify URLs must be public https: callbacks to https://n8n.example.com/… come here, as through a reverse proxy.
	sandbox.forwardCallbacks(fixtures.PUBLIC_N8N, `${n8n.baseUrl}/`);
	// a PNG for the campaign example, in the one folder n8n's file nodes may read here
	const bannerPath = path.join(n8n.filesDir, 'coupon-banner.png');
	fs.writeFileSync(bannerPath, png(32));

	const productionUrl = fixtures.triggerUrl(n8n);
	const testUrl = productionUrl.replace('/webhook/', '/webhook-test/');
	const examples = fixtures.exampleNames();
	const confirmPublicUrl = fixtures.publicNotifyUrl(fixtures.confirmExampleWebhookId('serviceProvider'));
	log(`
n8n (${f.label}) with n8n-nodes-wechatpay:  ${n8n.baseUrl}
  sign in:  ${OWNER.email} / ${OWNER.password}   (a local account in ${path.relative(repo, userFolder)}/, not a secret)
WeChat Pay sandbox:  ${sandbox.baseUrl}  (the credentials "${fixtures.names.credential.serviceProvider}" and "… (brand)" point here)

What to click:
  1. Overview → "${fixtures.names.setGet.serviceProvider}" → Execute workflow,
     then double-click "Get notify URL" to see WeChat Pay's signed, verified answer. The brand one works the same.
  2. Overview → Credentials → a WeChat Pay sandbox credential: the form, and its connection test.
  3. "${fixtures.names.trigger}" is active: press Enter here to have the sandbox send it a signed, encrypted
     PRODUCT_COUPON_SP.SEND event, then open the workflow's Executions tab to see the decrypted event.
     Or open its trigger node, click "Execute step" (n8n listens on the Test URL) and type t + Enter here:
     the event appears in the node's output.
  4. "${examples.campaign}" (examples/campaign.workflow.json, with the
     service provider's sandbox credential; the sandbox knows its brand ${exampleBrand.brandId} and AppID ${exampleBrand.appid}).
     Run 1 first: creating a coupon needs the notify URL it sets. Its "Download banner" fetches a placeholder URL
     on example.com: replace it by "Read/Write Files from Disk" (Read File(s) From Disk) reading
       ${bannerPath}
     (the one folder n8n's file nodes may use here), then Execute workflow: upload, create, raise the budget, send to
     a user, stop. The send makes the sandbox send a SEND event to the notify URL: the workflow of 3 receives it.
  5. "${examples.confirm}" (examples/confirm-coupons.workflow.json, same credential):
     activate it (n8n 2.x: Publish), then in "${fixtures.names.setGet.serviceProvider}" set Notify URL to
       ${confirmPublicUrl}
     and execute it. The sandbox forwards ${fixtures.PUBLIC_N8N}… here, as a reverse proxy would; coupons sent from
     then on (run 4 again) are confirmed by the example: see its Executions tab.

Keys (then Enter):  (nothing) event to the production URL · t  event to the test URL · bad  tampered event · q  quit
n8n log: ${path.relative(repo, path.join(userFolder, 'logs', 'n8n-start.log'))}`);

	async function fire(url, variant) {
		try {
			const reply = await sandbox.deliverCallback(url, credentials.serviceProvider, { variant });
			log(`  sandbox → ${url.replace(n8n.baseUrl, '')} (${variant}): n8n answered ${reply.status}${reply.body ? ` ${reply.body}` : ''}`);
		} catch (error) {
			log(`  sandbox → ${url}: ${error.message}`);
		}
	}

	if (process.stdin.isTTY) {
		const rl = readline.createInterface({ input: process.stdin });
		rl.on('line', async (line) => {
			const command = line.trim();
			if (command === 'q') process.kill(process.pid, 'SIGINT');
			else if (command === 't') await fire(testUrl, 'valid');
			else if (command === 'bad') await fire(productionUrl, 'badSignature');
			else await fire(productionUrl, 'valid');
		});
	} else {
		log('(stdin is not a terminal: no keys; stop with Ctrl-C or SIGTERM)');
	}
	const { code, signal } = await server.exited;
	log(`n8n stopped (${code ?? signal})`);
	await sandbox.close();
	process.exit(code === 0 ? 0 : 1);
}

main().catch((error) => {
	process.stderr.write(`dev failed: ${error.stack || error}\n`);
	process.exit(1); // the 'exit' handler stops any child still running
});
