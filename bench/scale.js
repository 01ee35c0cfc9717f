'use strict';
// Figure 5, scale: 200 items against 10,000 items through our WeChat Pay node in n8n-core's engine. Does the cost
// per item stay flat, and does peak memory grow only with the output data?
//
// Many accounts, so that pacing never waits: the node paces itself at 20 requests per 1.1 s per account for Get
// notify URL (the sandbox enforces WeChat Pay's 20/s), so the workflow holds one WeChat Pay node per account and
// each node gets 20 items: Start → Items (20) → Get notify URL (account i), for i = 1 … N side by side (N = items /
// 20), each node one signed, verified GET per item. Side by side rather than chained: n8n's engine walks a node's
// ancestors for every node it runs, so in a chain of 500 nodes its own cost per item grows several-fold (measured
// with a node that does nothing: 8 µs per item at 50 chained nodes, 40 at 500; 5–7 side by side). 10,000 items are 500 accounts. The child counts every wait of our rate
// limiter (there must be none) and the sandbox every answer (200s only, no 429).
//
// Each run is a fresh process (lib/scale-child.js, --expose-gc) holding only n8n's engine and our node: the
// sandbox runs in a process of its own (lib/sandbox-process.js), so CPU time and memory are the node's and n8n's.
// Before measuring, the child warms up on 8 runs of 10 other accounts (1,600 items: after only 600 the JIT had
// not settled, and a 200-item run cost some 15 % more per item than a 2,000-item one; after 2,400 they were
// alike). The sizes alternate (200, 10,000, then 10,000, 200, …) over a few rounds; figures are medians over the
// rounds, ratios paired per round.
const path = require('path');
const { fork } = require('child_process');
const { startSandboxProcess } = require('./lib/sandbox-process');
const { median, range } = require('./lib/stats');

const ITEMS_PER_ACCOUNT = 20;
const WARMUP_RUNS = 8;
const WARMUP_ACCOUNTS = 10;
const COOL_DOWN_MS = 1200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forks one measured run with the same Node and preloads as this process (the n8n-core 2.x hook, if any). */
function runChild(task) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'lib', 'scale-child.js'), [], {
			execArgv: [...process.execArgv.filter((arg) => !arg.startsWith('--max-old-space-size')), '--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			serialization: 'advanced',
		});
		let answer;
		child.once('message', (message) => {
			answer = message;
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			if (answer && answer.result) resolve(answer.result);
			else reject(new Error(`scale run of ${task.items} items failed (exit ${code}): ${answer ? answer.error : 'no answer'}`));
		});
		child.send(task);
	});
}

/**
 * @param {{ rounds: number, quick?: boolean }} context
 */
async function benchScale({ rounds, quick }) {
	const sizes = quick ? [200, 1000] : [200, 10000];
	const sandbox = await startSandboxProcess();
	const runs = Object.fromEntries(sizes.map((size) => [size, []]));
	try {
		for (let round = 0; round < rounds; round++) {
			const order = round % 2 === 0 ? sizes : [...sizes].reverse();
			for (const items of order) {
				// Fresh accounts for every run: no account is ever used twice within a second.
				const count = WARMUP_RUNS * WARMUP_ACCOUNTS + items / ITEMS_PER_ACCOUNT;
				const credentials = await sandbox.accounts(count);
				await sleep(COOL_DOWN_MS);
				await sandbox.takeStats();
				const result = await runChild({ credentials, items, itemsPerAccount: ITEMS_PER_ACCOUNT, warmupRuns: WARMUP_RUNS, warmupAccounts: WARMUP_ACCOUNTS });
				const { responses } = await sandbox.takeStats();
				const expected = WARMUP_RUNS * WARMUP_ACCOUNTS * ITEMS_PER_ACCOUNT + items;
				if (responses['200'] !== expected || Object.keys(responses).length !== 1) {
					throw new Error(`scale bench: expected ${expected} answers 200, the sandbox saw ${JSON.stringify(responses)}`);
				}
				if (result.pacingWaits !== 0) throw new Error(`scale bench: the node's pacing waited ${result.pacingWaits} times in a run of ${items} items`);
				runs[items].push(result);
			}
		}
	} finally {
		await sandbox.close();
	}

	const [small, large] = sizes;
	const perItem = (run, field) => (run[field] / run.items) * 1e6;
	const paired = (field) => runs[large].map((run, index) => perItem(run, field) / perItem(runs[small][index], field));
	const summary = (items) => {
		const list = runs[items];
		const mb = (bytes) => bytes / 1024 ** 2;
		return {
			items,
			accounts: items / ITEMS_PER_ACCOUNT,
			cpuMicrosecondsPerItem: median(list.map((run) => perItem(run, 'cpuSeconds'))),
			wallMicrosecondsPerItem: median(list.map((run) => perItem(run, 'wallSeconds'))),
			peakHeapMiB: median(list.map((run) => mb(run.peakHeap))),
			heapBeforeMiB: median(list.map((run) => mb(run.heapBefore))),
			peakHeapGrowthMiB: median(list.map((run) => mb(run.peakHeap - run.heapBefore))),
			retainedHeapMiB: median(list.map((run) => mb(run.retainedHeap))),
			maxRssMiB: median(list.map((run) => run.maxRssKiB / 1024)),
			maxRssBeforeMiB: median(list.map((run) => run.maxRssBeforeKiB / 1024)),
			outputJsonBytesPerItem: median(list.map((run) => run.outputBytes / run.items)),
			credentialReadsPerItem: median(list.map((run) => run.credentialReads / run.items)),
		};
	};
	const at = { [small]: summary(small), [large]: summary(large) };
	const extra = large - small;
	const perExtraItem = (field) => (median(runs[large].map((run) => run[field])) - median(runs[small].map((run) => run[field]))) / extra;
	const memory = {
		peakHeapBytesPerItem: perExtraItem('peakHeap'),
		retainedHeapBytesPerItem: perExtraItem('retainedHeap'),
		maxRssBytesPerItem: (perExtraItem('maxRssKiB') * 1024),
		outputJsonBytesPerItem: at[large].outputJsonBytesPerItem,
	};
	const cpuRatios = paired('cpuSeconds');
	const wallRatios = paired('wallSeconds');
	const method =
		`${sizes.join(' and ')} items, one WeChat Pay node per account, ${ITEMS_PER_ACCOUNT} items each (${small / ITEMS_PER_ACCOUNT} and ` +
		`${large / ITEMS_PER_ACCOUNT} accounts); each run a fresh process after ${WARMUP_RUNS} warm-up runs of ${WARMUP_ACCOUNTS} other accounts; ` +
		`sandbox in another process; ${rounds} rounds, sizes alternating; no pacing wait, no 429`;
	const common = { rounds, perRound: { runs }, scale: { at, memory }, method };
	const label = (items) => items.toLocaleString('en-US');
	return [
		{
			id: 'scaleCpu',
			title: `5a. Scale: CPU per item, ${label(large)} vs ${label(small)} items (node's process)`,
			unit: 'µs/item',
			ours: at[large].cpuMicrosecondsPerItem,
			peer: at[small].cpuMicrosecondsPerItem,
			ratio: median(cpuRatios),
			ratioRange: range(cpuRatios),
			ratioLabel: `time per item at ${large} / at ${small}`,
			goal: { text: '≤ 1.10', met: median(cpuRatios) <= 1.1 },
			...common,
		},
		{
			id: 'scaleWall',
			title: `5b. Scale: wall time per item, ${label(large)} vs ${label(small)} items`,
			unit: 'µs/item',
			ours: at[large].wallMicrosecondsPerItem,
			peer: at[small].wallMicrosecondsPerItem,
			ratio: median(wallRatios),
			ratioRange: range(wallRatios),
			ratioLabel: `time per item at ${large} / at ${small}`,
			goal: { text: '≤ 1.10', met: median(wallRatios) <= 1.1 },
			rounds,
			method: 'measured in the same runs as 5a',
		},
		{
			id: 'scaleHeap',
			title: `5c. Scale: heap high-water, ${label(large)} vs ${label(small)} items`,
			unit: 'MiB',
			ours: at[large].peakHeapMiB,
			peer: at[small].peakHeapMiB,
			rounds,
			note:
				`peak heap +${Math.round(memory.peakHeapBytesPerItem)} B and kept heap +${Math.round(memory.retainedHeapBytesPerItem)} B per extra item ` +
				`(n8n's run data: each output item is ${Math.round(memory.outputJsonBytesPerItem)} B of JSON); peak RSS ${at[small].maxRssMiB.toFixed(0)} → ` +
				`${at[large].maxRssMiB.toFixed(0)} MiB (+${Math.round(memory.maxRssBytesPerItem)} B per extra item)`,
			method: 'measured in the same runs as 5a',
		},
	];
}

module.exports = { benchScale };
