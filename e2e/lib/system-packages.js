// @ts-check
// Debian packages some commands need, installed with apt-get when missing and we are root, unless
// E2E_APT_INSTALL=0. The screenshots need chromium and a CJK font (the UI shows 服务商/品牌方; without one they
// render as empty boxes); the queue-mode test needs redis-server and postgresql.
'use strict';

const fs = require('fs');
const { run } = require('./processes');

const CHROMIUM = '/usr/bin/chromium';

async function hasCjkFont() {
	try {
		const { output } = await run('fc-list', [':lang=zh', 'family'], { timeoutMs: 30_000 });
		return output.trim().length > 0;
	} catch {
		return false;
	}
}

async function ensureBrowser(log) {
	const missing = [];
	if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
	if (!(await hasCjkFont())) missing.push('fonts-noto-cjk');
	await aptInstall(missing, log);
	return CHROMIUM;
}

/**
 * Installs the Debian packages that are missing (none: nothing happens), with apt-get when we are root,
 * unless E2E_APT_INSTALL=0; otherwise says what to install.
 * @param {string[]} missing @param {(line: string) => void} log
 */
async function aptInstall(missing, log) {
	if (missing.length === 0) return;
	const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
	if (process.env.E2E_APT_INSTALL === '0' || process.getuid?.() !== 0) {
		throw new Error(`missing Debian packages: ${missing.join(', ')}; install them with: ${command}`);
	}
	log(`installing Debian packages ${missing.join(', ')} (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
	await run('apt-get', ['install', '-y', '-qq', ...missing], { env, timeoutMs: 600_000 });
}

// Flags for a closed network: without the background-networking ones chromium keeps dialling Google's hosts.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

module.exports = { ensureBrowser, aptInstall, CHROMIUM_ARGS };
