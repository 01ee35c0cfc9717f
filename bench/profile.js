#!/usr/bin/env node
// Where our side's time goes, for a figure that misses its goal: runs only "ours" of a figure (same set-up as the
// bench) under V8's sampling profiler, writes the .cpuprofile to bench/results/ (open it in Chrome DevTools) and
// prints the time per operation by owner (our dist/ code, n8n-core, axios, Node's net/http, the in-process sandbox,
// RSA) and by line of dist/.
//
//   node bench/profile.js get|floor|signing|trigger [side]   side: ours (default), peer/raw/floor (the reference),
//                                                           or for get peerNewConnection
'use strict';

const fs = require('fs');
const path = require('path');
const inspector = require('inspector');
const { startSandbox } = require('../test/sandbox');
const { RESULTS } = require('./lib/paths');
const { summarize } = require('./lib/profile-summary');

const post = (session, method, params) =>
	new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

/** Captures `batches` of the chosen figure and side by replacing the bench's interleave with a recorder. */
async function captureBatches(figure, side, sandbox) {
	const interleaveModule = require('./lib/interleave');
	let captured;
	interleaveModule.interleave = async (options) => {
		captured = options;
		throw new Error('captured');
	};
	const benches = { signing: './signing', get: './get-end-to-end', floor: './get-floor', trigger: './trigger-callbacks' };
	const exported = require(benches[figure]);
	const run = Object.values(exported)[0];
	await run({ sandbox, rounds: 1 }).catch((error) => {
		if (error.message !== 'captured') throw error;
	});
	const others = Object.keys(captured.batches).filter((key) => key !== 'ours');
	const name = side === 'ours' ? 'ours' : side in captured.batches ? side : others[0];
	return { beforeBatch: captured.beforeBatch || (async () => {}), batch: captured.batches[name], name };
}

async function main() {
	const [figure, side = 'ours'] = process.argv.slice(2);
	if (!['get', 'floor', 'signing', 'trigger'].includes(figure)) throw new Error('usage: node bench/profile.js get|floor|signing|trigger [side]');
	const sandbox = await startSandbox();
	try {
		const { beforeBatch, batch, name } = await captureBatches(figure, side, sandbox);
		for (let warm = 0; warm < 3; warm++) {
			await beforeBatch(name);
			await batch();
		}
		const session = new inspector.Session();
		session.connect();
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.setSamplingInterval', { interval: 50 });
		const profiles = [];
		let operations = 0;
		let seconds = 0;
		for (let round = 0; round < 12; round++) {
			await beforeBatch(name);
			await post(session, 'Profiler.start');
			const start = process.hrtime.bigint();
			operations += await batch();
			seconds += Number(process.hrtime.bigint() - start) / 1e9;
			profiles.push((await post(session, 'Profiler.stop')).profile);
		}
		session.disconnect();
		fs.mkdirSync(RESULTS, { recursive: true });
		const file = path.join(RESULTS, `profile-${figure}-${name}.cpuprofile`);
		fs.writeFileSync(file, JSON.stringify(profiles[profiles.length - 1]));
		const merged = profiles.map((profile) => summarize(profile, 1));
		const add = (list, key) => list.reduce((sum, entry) => sum + (entry.key === key ? entry.microsecondsPerOperation : 0), 0);
		const keys = (field) => [...new Set(merged.flatMap((summary) => summary[field].map((entry) => entry.key)))];
		const table = (field) =>
			keys(field)
				.map((key) => [key, merged.reduce((sum, summary) => sum + add(summary[field], key), 0) / operations])
				.sort((a, b) => b[1] - a[1])
				.slice(0, field === 'byLine' ? 20 : 15);
		const out = (line = '') => process.stdout.write(`${line}\n`);
		out(`${figure}, ${name}: ${operations} operations, ${((seconds / operations) * 1e6).toFixed(0)} µs each (under the profiler)`);
		out('\nµs per operation by owner:');
		for (const [key, value] of table('byOwner')) out(`${value.toFixed(1).padStart(9)}  ${key}`);
		out('\nµs per operation by line of our dist/ code (self time):');
		for (const [key, value] of table('byLine')) out(`${value.toFixed(1).padStart(9)}  ${key}`);
		out(`\nWrote ${path.relative(process.cwd(), file)}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	process.stderr.write(`profile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
