// @ts-check
'use strict';

/**
 * Process environment for running n8n-core inside tests. Required (first) by every module of the harness
 * that loads n8n-core, so it runs before any n8n-core service reads its configuration.
 *
 * - `N8N_USER_FOLDER`: n8n-core's `InstanceSettings` always writes `<user folder>/.n8n/config` (the
 *   instance encryption key) the first time a node execution context is created. Without this variable
 *   that is the real `~/.n8n/config`. It is pointed at a fresh temporary folder, removed on exit.
 * - `N8N_ENCRYPTION_KEY` (only when unset): a fixed test key, so n8n-core does not log
 *   "No encryption key found - Auto-generating ..." in plain `node` scripts.
 * - `N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS` (only when unset): `true` writes that config file with mode
 *   0600 and avoids n8n-core's "Permissions 0644 ... are too wide" warning.
 *
 * - `N8N_LOG_LEVEL` (only when unset): `error`, so that tests do not fill their output with n8n's own log
 *   (the secret scan sets `debug` first, to see every line n8n and the nodes log).
 *
 * n8n's config classes read these variables when they are first instantiated (lazily, through the DI
 * container), not when n8n-core is required.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engine-test-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-engine-test-harness-not-a-secret';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'true';
process.env.N8N_LOG_LEVEL ??= 'error';

const removeUserFolder = () => {
	try {
		fs.rmSync(userFolder, { recursive: true, force: true });
	} catch {
		// best effort: it is a temporary folder
	}
};
// Plain node: on exit. Under jest, `process` is a per-file sandbox object whose 'exit' never fires, so
// the folder is also removed after the test file that loaded the harness (jest loads it once per file).
process.once('exit', removeUserFolder);
/** @type {((fn: () => void) => void) | undefined} */
const jestAfterAll = /** @type {any} */ (globalThis).afterAll;
if (typeof jestAfterAll === 'function') {
	try {
		jestAfterAll(removeUserFolder);
	} catch {
		// loaded from inside a test: hooks cannot be added there; the folder stays in the temp dir
	}
}

module.exports = { userFolder };
