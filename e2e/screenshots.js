#!/usr/bin/env node
// @ts-check
// `npm run screenshots`: pictures of the real n8n editor (headless Debian chromium driven by playwright-core)
// with this package installed, saved to docs/. Each picture is taken only after what it must show is on screen.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSandbox } = require('../test/sandbox');
const fixtures = require('./lib/fixtures');
const { flavour, editorFlavourName } = require('./lib/flavours');
const { installN8n, installPlaywright } = require('./lib/install-n8n');
const { packPackage, repo } = require('./lib/install-package');
const { freePort } = require('./lib/n8n');
const { ensureOwner } = require('./lib/owner');
const { openEditor } = require('./lib/editor');
const { run } = require('./lib/processes');
const { setupInstance, sandboxCredentials } = require('./lib/setup-instance');
const { ensureBrowser } = require('./lib/system-packages');
const { waitForExecutions } = require('./lib/executions');

const log = (line) => process.stdout.write(`${line}\n`);
// E2E_SCREENSHOTS_DIR: try the pictures somewhere else without replacing the ones in docs/
const docs = path.resolve(process.env.E2E_SCREENSHOTS_DIR || path.join(repo, 'docs'));

async function main() {
	const chromium = await ensureBrowser(log);
	const name = editorFlavourName(); // n8n 2.x unless E2E_N8N=1
	const f = flavour(name);
	await installN8n(name, log);
	const playwright = await installPlaywright(log);
	log('building and packing the package');
	await run('npm', ['run', 'build', '--silent'], { cwd: repo, timeoutMs: 300_000 });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wechatpay-shots-'));
	const sandbox = await startSandbox();
	let server;
	let editor;
	try {
		const tarball = await packPackage(work);
		const userFolder = path.join(work, 'n8n');
		const credentials = sandboxCredentials(sandbox);
		const n8n = await setupInstance({ flavour: f, userFolder, tarball, credentials, port: await freePort() });
		log('starting n8n');
		server = await n8n.startServer({ webhooks: [fixtures.triggerUrl(n8n)] });
		await ensureOwner(n8n.baseUrl);
		editor = await openEditor(playwright, { chromium, baseUrl: n8n.baseUrl, userDataDir: path.join(work, 'chromium'), flavourName: name });
		fs.mkdirSync(docs, { recursive: true });
		const saved = [];
		const save = async (name, target) => {
			const file = path.join(docs, name);
			await (target ?? editor.page).screenshot({ path: file });
			saved.push(file);
		};
		await editor.nodeOperations(fixtures.ids.setGet.serviceProvider);
		await save('n8n-node-operations.png');
		await editor.executedWorkflow(fixtures.ids.setGet.serviceProvider, 'Get notify URL');
		await save('n8n-executed-workflow.png');
		await save('n8n-credential.png', await editor.credentialForm(fixtures.ids.credential.serviceProvider));
		// A real signed, encrypted callback at the production URL, then its execution opened in the editor.
		const reply = await sandbox.deliverCallback(fixtures.triggerUrl(n8n), credentials.serviceProvider);
		if (reply.status !== 204) throw new Error(`the trigger answered the callback ${reply.status}`);
		const [execution] = await waitForExecutions(n8n, fixtures.ids.trigger, (rows) => rows.some((r) => r.status === 'success'));
		await editor.triggerExecution(fixtures.ids.trigger, execution.id, 'WeChat Pay Trigger');
		await save('n8n-trigger-execution.png');
		log(`saved:\n${saved.map((s) => `  ${path.relative(process.cwd(), s)}`).join('\n')}`);
	} finally {
		await editor?.close();
		await server?.stop();
		await sandbox.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`screenshots failed: ${error.stack || error}\n`);
	process.exitCode = 1;
});
