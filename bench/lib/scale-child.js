'use strict';
// One run of figure 5 in a fresh process (forked by bench/scale.js, with --expose-gc): n8n's engine and our node,
// nothing else (the sandbox is another process). It gets its accounts over IPC, warms up on some of them, then
// runs one workflow of `items` items through one WeChat Pay node per account (20 items each: the node's own pacing
// allows 20 per 1.1 s per account, so it never waits), and reports CPU and wall time, the heap's high-water mark,
// the heap the result keeps, and the process's peak RSS. The nodes all hang off the Items node (fan-out), so n8n's
// engine does not walk a chain of hundreds of nodes for each node it runs (see getNotifyUrlChain).
const v8 = require('v8');
const { createMultiAccountEngine, getNotifyUrlChain } = require('./multi-account-engine');
const { notifyUrlOf } = require('./accounts');

const HEAP_SAMPLE_MS = 5;

/** Calls of setTimeout from our rate limiter (its only way to wait): the run must make none. */
function countPacingWaits() {
	const counts = { waits: 0 };
	const original = globalThis.setTimeout;
	globalThis.setTimeout = function countingSetTimeout(callback, ms, ...rest) {
		if (ms >= 1 && /rateLimiter/.test(new Error().stack || '')) counts.waits += 1;
		return original.call(this, callback, ms, ...rest);
	};
	return counts;
}

function heapUsed() {
	return v8.getHeapStatistics().used_heap_size;
}

async function runNodes(engine, accounts, firstAccount, itemsPerAccount, credentials, floor = false) {
	const { workflow, nodeName } = getNotifyUrlChain(accounts, itemsPerAccount, { firstAccount, fanOut: true, floor });
	const run = await engine.runWorkflow(workflow);
	let outputBytes = 0;
	for (let index = 0; index < accounts; index++) {
		const name = nodeName(index);
		const error = run.errorOf(name);
		if (error) throw new Error(`scale: ${name} failed: ${error.message}`);
		const output = run.outputOf(name);
		const expected = notifyUrlOf(credentials[firstAccount + index].merchantId);
		if (output.length !== itemsPerAccount || output.some((item) => item.json.notify_url !== expected)) {
			throw new Error(`scale: ${name} did not output ${itemsPerAccount} verified notify URLs`);
		}
		for (const item of output) outputBytes += JSON.stringify(item.json).length;
	}
	return { run, outputBytes };
}

async function main({ credentials, items, itemsPerAccount, warmupRuns, warmupAccounts, floor = false }) {
	if (typeof global.gc !== 'function') throw new Error('scale child: run with --expose-gc');
	const engine = createMultiAccountEngine(credentials);
	const pacing = countPacingWaits();
	// Warm-up on accounts of their own (never reused within a second), so that the JIT has seen every path.
	for (let run = 0; run < warmupRuns; run++) await runNodes(engine, warmupAccounts, run * warmupAccounts, itemsPerAccount, credentials, floor);
	const firstAccount = warmupRuns * warmupAccounts;
	const accounts = items / itemsPerAccount;
	global.gc();
	global.gc();
	const before = { heap: heapUsed(), rssBytes: process.memoryUsage().rss, maxRssKiB: process.resourceUsage().maxRSS };
	const readsBefore = engine.counters.credentialReads;
	pacing.waits = 0;

	let peakHeap = heapUsed();
	const sampler = setInterval(() => {
		const used = heapUsed();
		if (used > peakHeap) peakHeap = used;
	}, HEAP_SAMPLE_MS);
	const cpuStart = process.cpuUsage();
	const started = process.hrtime.bigint();
	const measured = await runNodes(engine, accounts, firstAccount, itemsPerAccount, credentials, floor);
	const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = process.cpuUsage(cpuStart);
	clearInterval(sampler);
	peakHeap = Math.max(peakHeap, heapUsed());
	const maxRssKiB = process.resourceUsage().maxRSS;
	const { outputBytes } = measured;

	// What the finished run keeps (n8n's run data: every node's output items): the heap with it, then without it.
	const settle = async () => {
		await new Promise((resolve) => setTimeout(resolve, 20)); // a turn, so that nothing of this one is held
		global.gc();
		global.gc();
		return heapUsed();
	};
	const withRun = await settle();
	if (!measured.run.ran('Start')) throw new Error('scale: the run lost its start');
	measured.run = undefined;
	const retainedHeap = withRun - (await settle());
	return {
		items,
		accounts,
		itemsPerAccount,
		wallSeconds,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		credentialReads: engine.counters.credentialReads - readsBefore,
		pacingWaits: pacing.waits,
		heapBefore: before.heap,
		peakHeap,
		retainedHeap,
		outputBytes,
		rssBefore: before.rssBytes,
		maxRssBeforeKiB: before.maxRssKiB,
		maxRssKiB,
	};
}

process.once('message', (task) => {
	main(task).then(
		(result) => process.send({ result }, () => process.exit(0)),
		(error) => process.send({ error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
	);
});
