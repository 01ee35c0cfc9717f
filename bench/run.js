#!/usr/bin/env node
// `npm run bench`: measures the built package (dist/) against the raw crypto limit, against wechatpay-axios-plugin
// and against the floor of any n8n node, on both n8n-core lines: the 1.x pair of devDependencies under this Node
// (20), then the 2.x pair n8n 2.41.1 ships under Node 24 (installed into the cache on first use, as
// `npm run test:core2` does). Prints one table per line and writes them as JSON and Markdown to bench/results/.
// See bench/README.md.
//
//   node bench/run.js                      all figures on the 1.x line, then the n8n-core figures on the 2.x line
//   node bench/run.js signing trigger      some of them: signing, get, floor, trigger, package, scale
//   node bench/run.js --line=1             the 1.x line only (--line=2: the 2.x line only)
//   node bench/run.js --quick              fewer rounds and smaller batches (a smoke test of the bench itself)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { ROOT } = require('./lib/paths');

const BENCHES = {
	signing: { module: './signing', rounds: 31, sandbox: true, core2: false },
	get: { module: './get-end-to-end', rounds: 25, sandbox: true, core2: true },
	floor: { module: './get-floor', rounds: 41, sandbox: true, core2: true },
	trigger: { module: './trigger-callbacks', rounds: 31, sandbox: true, core2: false },
	package: { module: './package-load-and-size', rounds: 9, sandbox: false, core2: false },
	scale: { module: './scale', rounds: 3, sandbox: false, core2: true },
};

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (since) => (Number(process.hrtime.bigint() - since) / 1e9).toFixed(1);

/** Runs the chosen figures in this process (on whichever n8n-core pair `require` resolves to) → one line's report. */
async function runLine(names, quick, lineId) {
	const { startSandbox } = require('../test/sandbox');
	const { machineInfo } = require('./lib/machine-info');
	const { tableOf, notesOf, machineLine } = require('./lib/report');
	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	const started = process.hrtime.bigint();
	const lineName =
		`n8n-core ${machine.versions['n8n-core']} / n8n-workflow ${machine.versions['n8n-workflow']} ` +
		`(${lineId === 'core2' ? 'the pair inside n8n 2.41.1' : 'devDependencies'}), Node ${machine.node}`;
	out(`${lineName}, ${machine.cpuModel}, ${machine.cores} cores${quick ? ' (quick)' : ''}`);
	const sandbox = names.some((name) => BENCHES[name].sandbox) ? await startSandbox() : undefined;
	const figures = [];
	try {
		for (const name of names) {
			const { module, rounds } = BENCHES[name];
			const benchStarted = process.hrtime.bigint();
			out(`  ${name} …`);
			const run = Object.values(require(module))[0];
			const result = await run({ sandbox, rounds: quick ? 3 : rounds, quick });
			figures.push(...[].concat(result));
			out(`  ${name} done in ${seconds(benchStarted)} s`);
		}
	} finally {
		if (sandbox) await sandbox.close();
	}
	machine.loadAverage1mAfter = machineInfo().loadAverage1m;
	return {
		lineId,
		line: lineName,
		startedAt,
		durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
		quick,
		machine,
		machineLine: machineLine(machine),
		notes: notesOf(figures, machine),
		figures,
		table: tableOf(figures),
	};
}

/** The 2.x line: this script again under Node 24, with n8n-core / n8n-workflow mapped to the cached 2.x pair. */
async function runCore2Line(names, quick) {
	const { installCore2 } = require('../e2e/lib/install-n8n');
	const core2 = await installCore2((line) => out(`  ${line}`));
	const reportFile = path.join(os.tmpdir(), `n8n-wechatpay-bench-core2-${process.pid}.json`);
	const args = ['-r', path.join(__dirname, 'lib', 'core2-hook.js'), __filename, '--line-child', reportFile, ...names, ...(quick ? ['--quick'] : [])];
	const code = await new Promise((resolve, reject) => {
		const child = spawn(core2.nodeBin, args, { cwd: ROOT, env: { ...process.env, N8N_CORE2_DIR: core2.dir }, stdio: 'inherit' });
		child.once('error', reject);
		child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
	});
	if (code !== 0 || !fs.existsSync(reportFile)) throw new Error(`the n8n-core 2.x line failed (exit ${code})`);
	const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
	fs.rmSync(reportFile, { force: true });
	return report;
}

function printLine(report) {
	out();
	out(`### ${report.line}`);
	out();
	out(report.table);
	out();
	for (const note of report.notes) out(note);
	out(`Machine: ${report.machineLine}`);
}

async function main() {
	const args = process.argv.slice(2);
	const quick = args.includes('--quick');
	const childAt = args.indexOf('--line-child');
	const lineArg = args.find((arg) => arg.startsWith('--line='));
	const chosen = args.filter((arg, index) => !arg.startsWith('--') && !(childAt >= 0 && index === childAt + 1));
	const unknown = chosen.filter((name) => !(name in BENCHES));
	if (unknown.length > 0) throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
	const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);

	if (childAt >= 0) {
		// The 2.x line's own process: run, hand the report to the parent through the file it named.
		const report = await runLine(names, quick, 'core2');
		fs.writeFileSync(args[childAt + 1], JSON.stringify(report));
		return;
	}

	const lines = lineArg ? [lineArg.slice('--line='.length)] : ['1', '2'];
	if (lines.some((line) => line !== '1' && line !== '2')) throw new Error(`${lineArg}: use --line=1 (n8n-core 1.x) or --line=2 (n8n-core 2.x)`);
	const started = process.hrtime.bigint();
	const reports = [];
	if (lines.includes('1')) reports.push(await runLine(names, quick, 'core1'));
	const core2Names = names.filter((name) => BENCHES[name].core2);
	if (lines.includes('2') && core2Names.length > 0) {
		out();
		reports.push(await runCore2Line(core2Names, quick));
	}
	for (const report of reports) printLine(report);
	out();
	const missed = reports.flatMap((report) =>
		report.figures.filter((figure) => figure.goal && !figure.goal.met).map((figure) => `${figure.id} (n8n-core ${report.machine.versions['n8n-core']})`),
	);
	out(missed.length === 0 ? 'Every goal met.' : `Goals missed: ${missed.join(', ')} (see bench/README.md for why and what would close them).`);
	const { writeResults } = require('./lib/report');
	for (const file of writeResults(reports, Number(process.hrtime.bigint() - started) / 1e9)) out(`Wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
