// @ts-check
// Puts this package into an n8n user folder the way n8n's community-package installer does
// (n8n 1.123 CommunityPackagesService.downloadPackage): a tarball made by `npm pack`, extracted into
// <userFolder>/.n8n/nodes/node_modules/<name>, its dev/peer/optional dependencies dropped from its package.json,
// `npm install` run inside it with n8n's flags, and its version recorded in .n8n/nodes/package.json.
// The only difference: the tarball is packed from this repository, not downloaded from the registry.
'use strict';

const fs = require('fs');
const path = require('path');
const { run } = require('./processes');
const { npmEnv } = require('./cached-install');

const repo = path.resolve(__dirname, '..', '..');

/** `npm pack` of the built package (dist/ must be current). @returns {Promise<string>} the tarball's path */
async function packPackage(outDir) {
	fs.mkdirSync(outDir, { recursive: true });
	const { name, version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
	const file = path.join(outDir, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
	fs.rmSync(file, { force: true });
	await run('npm', ['pack', '--silent', `--pack-destination=${outDir}`], { cwd: repo, env: npmEnv(), timeoutMs: 120_000 });
	if (!fs.existsSync(file)) throw new Error(`npm pack made no ${file}`);
	return file;
}

/** @param {string} tarball @param {string} userFolder */
async function installIntoUserFolder(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const nodesPackageJson = path.join(nodesDir, 'package.json');
	fs.mkdirSync(nodesDir, { recursive: true });
	if (!fs.existsSync(nodesPackageJson)) {
		fs.writeFileSync(nodesPackageJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const { name } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { timeoutMs: 60_000 });

	const packageJsonPath = path.join(packageDir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	// n8n's own install flags; with no runtime dependencies this installs nothing, which is the point.
	await run(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageDir, env: npmEnv(), timeoutMs: 120_000 },
	);
	const nodesJson = JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'));
	nodesJson.dependencies = { ...nodesJson.dependencies, [name]: packageJson.version };
	fs.writeFileSync(nodesPackageJson, JSON.stringify(nodesJson, null, 2));
	return { name, version: packageJson.version, packageDir };
}

module.exports = { packPackage, installIntoUserFolder, repo };
