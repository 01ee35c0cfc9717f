// @ts-check
// The common set-up of a real n8n for the e2e run, `npm run dev` and the screenshots: the packed package
// installed into the user folder, sandbox credentials, the e2e's workflows and the shipped examples imported, the
// trigger active.
'use strict';

const fs = require('fs');
const path = require('path');
const fixtures = require('./fixtures');
const { installIntoUserFolder } = require('./install-package');
const { createN8n } = require('./n8n');

/** Credential data for both account types, from a running sandbox (never printed). */
function sandboxCredentials(sandbox) {
	return {
		serviceProvider: sandbox.createAccount({ accountType: 'serviceProvider' }),
		brand: sandbox.createAccount({ accountType: 'brand' }),
	};
}

/**
 * @param {object} o
 * @param {ReturnType<import('./flavours').flavour>} o.flavour
 * @param {string} o.userFolder
 * @param {string} o.tarball
 * @param {Record<string, any>} o.credentials   from sandboxCredentials()
 * @param {number} o.port
 * @param {boolean} [o.keepExistingWorkflows]  import only the example workflows that are not there yet
 * @param {object[]} [o.extraWorkflows]  more workflows to import with them (the e2e's campaign and coupon runs)
 * @param {(name: string, fn: () => Promise<any>) => Promise<any>} [o.step]
 */
async function setupInstance({ flavour, userFolder, tarball, credentials, port, keepExistingWorkflows = false, extraWorkflows = [], step = (_n, fn) => fn() }) {
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = await createN8n(flavour, { userFolder, port, logDir: path.join(userFolder, 'logs') });
	await step('install the packed package into <user folder>/.n8n/nodes as n8n does', () => installIntoUserFolder(tarball, userFolder));
	// Imports upsert by id: re-running (npm run dev) refreshes the sandbox keys and port in the same records.
	await step('n8n import:credentials (sandbox service provider and brand)', () => n8n.importJson('credentials', fixtures.credentialsFile(credentials)));
	let workflows = [...fixtures.workflowsFile(), ...fixtures.exampleWorkflows(), ...extraWorkflows];
	if (keepExistingWorkflows) {
		// npm run dev: never overwrite the example workflows a developer has changed in the editor
		const ids = new Set((await n8n.query('SELECT id FROM workflow_entity')).map((r) => r.id));
		workflows = workflows.filter((w) => !ids.has(w.id));
	}
	if (workflows.length > 0) {
		await step(`n8n import:workflow (${workflows.length} workflows)`, () => n8n.importJson('workflow', workflows));
	}
	await step(`activate the trigger workflow (${flavour.name === 'n8n2' ? 'publish:workflow' : 'update:workflow --active=true'})`, () => n8n.activate(fixtures.ids.trigger));
	return n8n;
}

module.exports = { setupInstance, sandboxCredentials };
