// @ts-check
// Drives the real n8n editor in headless Debian chromium (playwright-core, never its own browser download).
// Each step waits for what must be on screen, so a picture is never of a half-loaded page.
'use strict';

const { CHROMIUM_ARGS } = require('./system-packages');
const { loginContext } = require('./owner');

const VIEWPORT = { width: 1440, height: 900 };

const UNROLL_CREDENTIAL_MODAL = ['', ' .el-dialog__body', ' .modal-content', ' .modal-content > div', ' .modal-content > div > div']
	.map((inner) => `[data-test-id="editCredential-modal"]${inner}`)
	.join(',\n')
	.concat(' { height: auto !important; max-height: none !important; overflow: visible !important; }');

/**
 * @param {any} playwright the playwright-core module
 * @param {{ chromium: string, baseUrl: string, userDataDir: string, flavourName: 'n8n1' | 'n8n2' }} o
 */
async function openEditor(playwright, { chromium, baseUrl, userDataDir, flavourName }) {
	playwright.selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	// A persistent context on a fresh, empty --user-data-dir (Playwright passes --headless itself).
	const context = await playwright.chromium.launchPersistentContext(userDataDir, {
		executablePath: chromium,
		headless: true,
		args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		timeout: 60_000,
	});
	context.setDefaultTimeout(30_000);
	await loginContext(context, baseUrl);
	const page = context.pages()[0] ?? (await context.newPage());

	async function settle() {
		await page.evaluate(() => document.fonts.ready);
		await page.waitForTimeout(600); // n8n's panels slide in
	}

	async function openWorkflow(workflowId) {
		await page.setViewportSize(VIEWPORT);
		await page.goto(`${baseUrl}/workflow/${workflowId}`);
		await page.getByTestId('canvas-node').first().waitFor();
	}

	return {
		page,
		/** The node panel: WeChat Pay's actions (Get/Set notify URL), as a user finds them. */
		async nodeOperations(workflowId) {
			await openWorkflow(workflowId);
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('WeChat Pay');
			await page.getByTestId('node-creator-item-name').filter({ hasText: /^WeChat Pay$/ }).first().click();
			await page.getByTestId('node-creator-item-name').filter({ hasText: 'Set notify URL' }).waitFor();
			await page.getByTestId('node-creator-item-name').filter({ hasText: 'Get notify URL' }).waitFor();
			await settle();
		},
		/** Runs the workflow from the editor ("Execute workflow") and opens `nodeName` with its output. */
		async executedWorkflow(workflowId, nodeName) {
			await openWorkflow(workflowId);
			await page.getByTestId('execute-workflow-button').click();
			const node = page.getByTestId('canvas-node').filter({ hasText: nodeName });
			await node.getByTestId('canvas-node-status-success').waitFor();
			await node.dblclick();
			await page.getByTestId('output-panel').getByText('notify_url').first().waitFor();
			await settle();
		},
		/** The credential form of an imported credential, after n8n's own connection test passed. */
		async credentialForm(credentialId) {
			await page.setViewportSize({ width: VIEWPORT.width, height: 2000 });
			await page.goto(`${baseUrl}/home/credentials/${credentialId}`);
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			// The modal is 750 px high and scrolls; unroll it so one picture shows every field.
			await page.addStyleTag({ content: UNROLL_CREDENTIAL_MODAL });
			await settle();
			return page.getByTestId('editCredential-modal');
		},
		/** A production execution of the trigger workflow, opened from the workflow's Executions tab. */
		async triggerExecution(workflowId, executionId, nodeName) {
			await page.setViewportSize(VIEWPORT);
			await page.goto(`${baseUrl}/workflow/${workflowId}/executions/${executionId}`);
			// n8n 1.x shows a past execution in an iframe, node panel included; 2.x in the page itself
			const frame = flavourName === 'n8n1' ? page.frameLocator('iframe') : null;
			const node = (frame ?? page.getByTestId('execution-preview-host')).getByTestId('canvas-node').filter({ hasText: nodeName });
			await node.waitFor();
			await node.dblclick();
			const output = (frame ?? page).getByTestId('output-panel');
			await output.getByText('resource').first().waitFor();
			await output.getByTestId('radio-button-json').click(); // the whole decrypted event, nested
			await output.getByText('coupon_code').first().waitFor();
			await settle();
		},
		async close() {
			await context.close();
		},
	};
}

module.exports = { openEditor };
