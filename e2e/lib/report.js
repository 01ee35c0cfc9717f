// @ts-check
// A minimal check recorder: one "ok"/"not ok" line per check, timings per step, and the closing
// "N passed, N failed" line that CI reads.
'use strict';

const assert = require('assert');

function createReport() {
	let passed = 0;
	let failed = 0;
	const timings = [];
	const t0 = Date.now();
	const log = (line) => process.stdout.write(`${line}\n`);

	/** A check: passes unless fn throws. Failures are reported and counted, and the run goes on. */
	async function check(name, fn) {
		try {
			await fn(assert);
			passed++;
			log(`  ok - ${name}`);
			return true;
		} catch (error) {
			failed++;
			log(`  not ok - ${name}\n      ${String(error && error.message ? error.message : error).split('\n').join('\n      ')}`);
			return false;
		}
	}

	/** A timed step that must succeed (a failure ends the flavour; it is counted as one failed check). */
	async function step(name, fn) {
		const started = Date.now();
		log(`• ${name}`);
		try {
			return await fn();
		} catch (error) {
			failed++;
			log(`  not ok - ${name}\n      ${String(error && error.message ? error.message : error).split('\n').join('\n      ')}`);
			throw Object.assign(new Error(`step failed: ${name}`), { reported: true });
		} finally {
			timings.push([name, Date.now() - started]);
		}
	}

	function summary() {
		log('\ntimings:');
		for (const [name, ms] of timings) log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
		log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  total`);
		log(`\n${passed} passed, ${failed} failed`);
		return failed === 0 && passed > 0;
	}

	return { log, check, step, summary, get failed() { return failed; } };
}

module.exports = { createReport };
