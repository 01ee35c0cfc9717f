#!/usr/bin/env node
// @ts-check
// `npm run test:core2`: the same jest tests as `npm test` (all of test/), on the n8n-core / n8n-workflow pair
// n8n 2.41.1 ships, under Node 24. That pair cannot be a devDependency (the 1.x pair is pinned, and
// n8n-workflow 2.x needs isolated-vm, which does not build on Node 20), so it is installed into the cache
// folder and jest.core2.config.js points every `require('n8n-core' | 'n8n-workflow')` at it.
// Extra arguments go to jest (e.g. `npm run test:core2 -- test/engine`).
'use strict';

const path = require('path');
const { installCore2 } = require('./lib/install-n8n');
const { repo } = require('./lib/install-package');
const { start } = require('./lib/processes');

const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
	const core2 = await installCore2(log);
	log(`jest on n8n-core ${core2.coreVersion} / n8n-workflow ${core2.workflowVersion}, Node ${core2.nodeVersion} (${core2.dir})`);
	const jest = path.join(repo, 'node_modules', 'jest', 'bin', 'jest.js');
	const args = [jest, '--config', path.join(repo, 'jest.core2.config.js'), ...process.argv.slice(2)];
	const child = start(core2.nodeBin, args, {
		cwd: repo,
		env: { ...process.env, N8N_CORE2_DIR: core2.dir },
		onLine: (line) => process.stdout.write(`${line}\n`),
	});
	const { code, signal } = await child.exited;
	process.exitCode = code ?? (signal ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`test:core2 failed: ${error.stack || error}\n`);
	process.exitCode = 1;
});
