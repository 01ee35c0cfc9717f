'use strict';
// What the figures were measured on: CPU, cores, memory, Node, and the versions of everything compared.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { ROOT, DIST } = require('./paths');

/** The version `require` finds: for n8n-core and n8n-workflow, the 2.x pair when the core2 hook maps them. */
function versionOf(name) {
	try {
		return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
	} catch {
		return 'not installed';
	}
}

/** Which code was measured: the commit, whether the product sources differ from it, and a hash of dist/. */
function codeInfo() {
	const git = (...args) => {
		try {
			return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		} catch {
			return undefined;
		}
	};
	const hash = crypto.createHash('sha256');
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.js')) hash.update(path.relative(DIST, file)).update(fs.readFileSync(file));
		}
	};
	if (fs.existsSync(DIST)) walk(DIST);
	const changed = git('status', '--porcelain', '--', 'nodes', 'credentials', 'package.json');
	return {
		commit: git('rev-parse', '--short', 'HEAD'),
		productSourcesChanged: changed === undefined ? undefined : changed.length > 0,
		distJsSha256: hash.digest('hex').slice(0, 16),
	};
}

function machineInfo() {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
		cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
		cpuMHz: cpus[0] && cpus[0].speed > 0 ? cpus[0].speed : undefined,
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		openssl: process.versions.openssl,
		packageVersion: require(path.join(ROOT, 'package.json')).version,
		code: codeInfo(),
		versions: {
			'n8n-core': versionOf('n8n-core'),
			'n8n-workflow': versionOf('n8n-workflow'),
			'wechatpay-axios-plugin': versionOf('wechatpay-axios-plugin'),
			axios: versionOf('axios'),
		},
	};
}

module.exports = { machineInfo };
