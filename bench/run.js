#!/usr/bin/env node
// `npm run bench`: measures the built package (dist/) against the raw crypto limit and against
// wechatpay-axios-plugin, prints one table and writes it as JSON to bench/results/. See bench/README.md.
//
//   node bench/run.js                      all figures
//   node bench/run.js signing trigger      some of them: signing, get, trigger, package
//   node bench/run.js --quick              fewer rounds and smaller batches (a smoke test of the bench itself)
'use strict';

const { startSandbox } = require('../test/sandbox');
const { machineInfo } = require('./lib/machine-info');
const { tableOf, notesOf, machineLine, writeResults } = require('./lib/report');
const { benchSigning } = require('./signing');
const { benchGet } = require('./get-end-to-end');
const { benchTrigger } = require('./trigger-callbacks');
const { benchPackage } = require('./package-load-and-size');

const BENCHES = {
	signing: { run: benchSigning, rounds: 31, sandbox: true },
	get: { run: benchGet, rounds: 25, sandbox: true },
	trigger: { run: benchTrigger, rounds: 31, sandbox: true },
	package: { run: benchPackage, rounds: 9, sandbox: false },
};

async function main() {
	const args = process.argv.slice(2);
	const quick = args.includes('--quick');
	const chosen = args.filter((arg) => !arg.startsWith('--'));
	const unknown = chosen.filter((name) => !(name in BENCHES));
	if (unknown.length > 0) throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
	const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);
	const out = (line = '') => process.stdout.write(`${line}\n`);

	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	const started = process.hrtime.bigint();
	out(`Benchmarking the built package on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}${quick ? ' (quick)' : ''}`);
	const sandbox = names.some((name) => BENCHES[name].sandbox) ? await startSandbox() : undefined;
	const figures = [];
	try {
		for (const name of names) {
			const { run, rounds } = BENCHES[name];
			const benchStarted = process.hrtime.bigint();
			out(`  ${name} …`);
			const result = await run({ sandbox, rounds: quick ? 3 : rounds, quick });
			figures.push(...[].concat(result));
			out(`  ${name} done in ${(Number(process.hrtime.bigint() - benchStarted) / 1e9).toFixed(1)} s`);
		}
	} finally {
		if (sandbox) await sandbox.close();
	}
	machine.loadAverage1mAfter = machineInfo().loadAverage1m;
	const table = tableOf(figures);
	const report = {
		startedAt,
		durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
		quick,
		machine,
		machineLine: machineLine(machine),
		notes: notesOf(figures, machine),
		figures,
		table,
	};
	out();
	out(table);
	out();
	for (const note of report.notes) out(note);
	out(`Machine: ${report.machineLine}`);
	const missed = figures.filter((figure) => figure.goal && !figure.goal.met).map((figure) => figure.id);
	out(missed.length === 0 ? 'Every goal met.' : `Goals missed: ${missed.join(', ')} (see bench/README.md for why and what would close them).`);
	for (const file of writeResults(report)) out(`Wrote ${require('path').relative(process.cwd(), file)}`);
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
