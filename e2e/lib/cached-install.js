// @ts-check
// Installs a small npm project (n8n, Node 24, playwright-core) into the cache folder once, and reuses it.
// The install runs in "<dir>.partial-<pid>" and is renamed into place only when it finished, so an
// interrupted install never looks complete and two runs at once do not corrupt each other.
'use strict';

const fs = require('fs');
const path = require('path');
const { run } = require('./processes');

const DONE = '.e2e-install-complete';

function isInstalled(dir) {
	return fs.existsSync(path.join(dir, DONE));
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

// Leftovers of an interrupted install (its process is gone) are removed, so they do not fill the disk.
function removeStalePartials(dir) {
	const parent = path.dirname(dir);
	if (!fs.existsSync(parent)) return;
	for (const entry of fs.readdirSync(parent)) {
		const m = entry.match(/^(.*)\.partial-(\d+)$/);
		if (m && m[1] === path.basename(dir) && !alive(Number(m[2]))) {
			fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
		}
	}
}

// npm settings that describe the machine, not this package: kept for child npm commands.
const MACHINE_NPM_SETTINGS = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;

/**
 * The environment for npm as a child process: without the npm_* variables a surrounding `npm run` exports from
 * this package's .npmrc and folder (ignore-scripts, legacy-peer-deps, local_prefix would change the install).
 */
function npmEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || MACHINE_NPM_SETTINGS.test(k)) env[k] = v;
	return { ...env, ...extra };
}

/**
 * @param {object} o
 * @param {string} o.dir                 final folder
 * @param {string} o.label               for the log line
 * @param {object} o.packageJson         the package.json of the install project
 * @param {string[][]} o.steps           npm argument lists run in order in the folder
 * @param {Record<string,string>} [o.env]
 * @param {number} [o.timeoutMs]
 * @param {(line: string) => void} o.log
 */
async function ensureInstalled({ dir, label, packageJson, steps, env = {}, timeoutMs = 20 * 60_000, log }) {
	if (isInstalled(dir)) return { dir, installed: false, ms: 0 };
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	removeStalePartials(dir);
	const partial = `${dir}.partial-${process.pid}`;
	fs.rmSync(partial, { recursive: true, force: true });
	fs.mkdirSync(partial, { recursive: true });
	fs.writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
	const logFile = path.join(partial, 'install.log');
	log(`installing ${label} into ${dir} (once; later runs reuse it); npm log: ${dir}/install.log`);
	const started = Date.now();
	try {
		for (const args of steps) {
			const left = timeoutMs - (Date.now() - started);
			await run('npm', args, { cwd: partial, env: npmEnv(env), timeoutMs: left, logFile });
		}
		fs.writeFileSync(path.join(partial, DONE), `${new Date().toISOString()}\n`);
		try {
			fs.renameSync(partial, dir);
		} catch (error) {
			// another run finished the same install first: use that one
			if (!isInstalled(dir)) throw error;
			fs.rmSync(partial, { recursive: true, force: true });
		}
	} catch (error) {
		const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
		fs.rmSync(partial, { recursive: true, force: true });
		throw new Error(`installing ${label} failed: ${error.message}\n--- last npm output ---\n${tail}`);
	}
	const ms = Date.now() - started;
	log(`installed ${label} in ${Math.round(ms / 1000)} s`);
	return { dir, installed: true, ms };
}

module.exports = { ensureInstalled, isInstalled, npmEnv };
