'use strict';
// Figure 4, package: time to `require` the built nodes and credential in a fresh `node` process, and the size
// `npm pack` would publish. n8n has n8n-workflow loaded long before it loads a community package, so the timed
// part starts after `require('n8n-workflow')`; the cold figure (n8n-workflow included) is recorded for reference.
const { execFileSync } = require('child_process');
const { ROOT, fromDist } = require('./lib/paths');
const { median } = require('./lib/stats');

const fs = require('fs');
const path = require('path');

const PACKAGE_FILES = require('../package.json').n8n;

/** The packed-size limit `npm run check:package` enforces (scripts/check-package.mjs), so both agree. */
function packedSizeLimit() {
	const source = fs.readFileSync(path.join(ROOT, 'scripts', 'check-package.mjs'), 'utf8');
	const match = /MAX_PACKED_BYTES\s*=\s*(\d+)\s*\*\s*1024/.exec(source);
	if (!match) throw new Error('bench: MAX_PACKED_BYTES not found in scripts/check-package.mjs');
	return Number(match[1]) * 1024;
}
const FILES = [...PACKAGE_FILES.nodes, ...PACKAGE_FILES.credentials].map((file) => `./${file}`);

/** One fresh process: milliseconds to load n8n-workflow, then our files. */
function timeRequireOnce() {
	const script = `
		const t0 = process.hrtime.bigint();
		require('n8n-workflow');
		const t1 = process.hrtime.bigint();
		for (const file of ${JSON.stringify(FILES)}) require(file);
		const t2 = process.hrtime.bigint();
		process.stdout.write(JSON.stringify({ n8nWorkflowMs: Number(t1 - t0) / 1e6, packageMs: Number(t2 - t1) / 1e6 }));
	`;
	return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

function packedSize() {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const [pack] = JSON.parse(output);
	return { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount };
}

/**
 * @param {{ rounds: number, quick?: boolean }} context
 */
async function benchPackage({ rounds }) {
	for (const file of FILES) fromDist(file.replace('./dist/', '')); // built? (fails with a clear message)
	timeRequireOnce(); // warm the file system cache
	const samples = Array.from({ length: rounds }, timeRequireOnce);
	const requireMs = median(samples.map((sample) => sample.packageMs));
	const coldMs = median(samples.map((sample) => sample.n8nWorkflowMs + sample.packageMs));
	const pack = packedSize();
	const maxBytes = packedSizeLimit();
	return [
		{
			id: 'require',
			title: '4a. Package: `require` nodes + credential (n8n-workflow loaded)',
			unit: 'ms',
			ours: requireMs,
			goal: { text: '≤ 50 ms', met: requireMs <= 50 },
			rounds,
			perRound: { packageMs: samples.map((s) => s.packageMs), n8nWorkflowMs: samples.map((s) => s.n8nWorkflowMs) },
			extra: { coldWithN8nWorkflowMs: coldMs, files: FILES },
			method: `median of ${rounds} fresh \`node -e\` processes after 1 warm-up; cold incl. n8n-workflow: ${coldMs.toFixed(0)} ms`,
		},
		{
			id: 'packedSize',
			title: '4b. Package: packed size (`npm pack`)',
			unit: 'KB',
			ours: pack.size / 1024,
			goal: { text: `≤ ${maxBytes / 1024} KB`, met: pack.size <= maxBytes },
			extra: pack,
			method: `${pack.entryCount} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`,
		},
	];
}

module.exports = { benchPackage };
