'use strict';
// Figure 2c, "Get notify URL" against the floor: items per second of our WeChat Pay node against the least a
// correct n8n node must do per item (lib/floor-node.js: read the credential, sign, `this.helpers.httpRequest`,
// verify, parse), both run by the same n8n-core engine (test/engine), against the same in-process sandbox, in the
// same many-accounts workflow as figure 2 (Start → Items → one node per account, 15 items each), in interleaved
// rounds. Both sides pay n8n's HTTP path (a new connection per request), n8n's engine and the sandbox alike, so
// the ratio is what our node costs on top of what any node must pay inside n8n.
//
// A third side, for diagnosis (2d): the same floor node carrying our node's description (160 properties for 37
// operations) and parameters. n8n resolves a node type's whole description for every node of every run, a cost per
// node, not per item, which the floor's empty description does not pay; against this side, what is left is our
// per-item work.
//
// Accounts: groups of 4; a batch (of either side) serves the next group; there are enough groups that a group is
// used again only after 1.2 s, so no account sees more than 15 calls a second and neither the sandbox's limit
// (20/s) nor our node's pacing (20 per 1.1 s) holds a call back. Every call must come back 200 with the account's
// own notify URL, or the bench fails.
const { createMultiAccountEngine, getNotifyUrlChain } = require('./lib/multi-account-engine');
const { createManyAccounts, notifyUrlOf } = require('./lib/accounts');
const { interleave, compare, ratioFields } = require('./lib/interleave');

const ITEMS_PER_ACCOUNT = 15;
const ACCOUNTS_PER_GROUP = 4;
const COOL_DOWN_MS = 1200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ sandbox: any, rounds: number, quick?: boolean }} context
 */
async function benchFloor({ sandbox, rounds, quick }) {
	const groupCount = quick ? 4 : 16;
	const calls = ACCOUNTS_PER_GROUP * ITEMS_PER_ACCOUNT;
	const credentials = createManyAccounts(sandbox, groupCount * ACCOUNTS_PER_GROUP);
	const engine = createMultiAccountEngine(credentials);
	const groups = Array.from({ length: groupCount }, (_, group) => {
		const firstAccount = group * ACCOUNTS_PER_GROUP;
		const members = credentials.slice(firstAccount, firstAccount + ACCOUNTS_PER_GROUP);
		const chain = (floor) => getNotifyUrlChain(ACCOUNTS_PER_GROUP, ITEMS_PER_ACCOUNT, { floor, firstAccount });
		return { members, ours: chain(false), floor: chain(true), described: chain('described'), lastUsed: 0 };
	});

	const reads = { ours: 0, floor: 0, described: 0 };
	let batchNumber = 0;
	let group = groups[0];
	const runSide = (side) => async () => {
		const { workflow, nodeName } = group[side];
		const readsBefore = engine.counters.credentialReads;
		const run = await engine.runWorkflow(workflow);
		group.lastUsed = Date.now();
		reads[side] += engine.counters.credentialReads - readsBefore;
		for (let index = 0; index < ACCOUNTS_PER_GROUP; index++) {
			const name = nodeName(index);
			const error = run.errorOf(name);
			if (error) throw new Error(`floor bench (${side}): ${name} failed: ${error.message}`);
			const expected = notifyUrlOf(group.members[index].merchantId);
			const output = run.outputOf(name);
			if (output.length !== ITEMS_PER_ACCOUNT || output.some((item) => item.json.notify_url !== expected)) {
				throw new Error(`floor bench (${side}): ${name} did not output ${ITEMS_PER_ACCOUNT} verified notify URLs`);
			}
		}
		const { responses } = sandbox.stats;
		if (responses['200'] !== calls || Object.keys(responses).length !== 1) {
			throw new Error(`floor bench (${side}): expected ${calls} answers 200, the sandbox saw ${JSON.stringify(responses)}`);
		}
		return calls;
	};
	const rates = await interleave({
		rounds,
		warmupRounds: 3,
		beforeBatch: async () => {
			group = groups[batchNumber++ % groupCount];
			await sleep(Math.max(0, group.lastUsed + COOL_DOWN_MS - Date.now()));
			sandbox.resetStats();
		},
		batches: { ours: runSide('ours'), floor: runSide('floor'), described: runSide('described') },
	});
	const vsFloor = compare(rates, 'floor', 'rate');
	const vsDescribed = compare(rates, 'described', 'rate');
	const batches = (warm) => (rounds + warm) * calls;
	return [
		{
			id: 'getVsFloor',
			title: '2c. Get end to end: node vs the floor node (sign, httpRequest, verify, parse), same engine',
			unit: 'items/s',
			ours: vsFloor.oursPerSecond,
			peer: vsFloor.otherPerSecond,
			peerName: 'bench/lib/floor-node.js in the same engine',
			...ratioFields(vsFloor, rounds, rates.wall),
			ratioLabel: 'rate ours / floor',
			goal: { text: '≥ 0.95', met: vsFloor.ratio >= 0.95 },
			counts: {
				credentialReadsPerItem: { ours: reads.ours / batches(3), floor: reads.floor / batches(3), described: reads.described / batches(3) },
			},
			method:
				`${groupCount * ACCOUNTS_PER_GROUP} service-provider accounts in ${groupCount} groups of ${ACCOUNTS_PER_GROUP}; a batch = one ` +
				`group: ${ACCOUNTS_PER_GROUP} nodes × ${ITEMS_PER_ACCOUNT} items = ${calls} signed, verified GETs in one workflow run; ` +
				`${rounds} interleaved rounds after 3 warm-up rounds; sandbox limit 20/s per account, never reached`,
		},
		{
			id: 'getVsDescribedFloor',
			title: "2d. (diagnosis) the same vs the floor carrying our node's description (n8n's per-node work alike)",
			unit: 'items/s',
			ours: vsDescribed.oursPerSecond,
			peer: vsDescribed.otherPerSecond,
			peerName: "bench/lib/floor-node.js with our node's properties and parameters",
			...ratioFields(vsDescribed, rounds),
			ratioLabel: 'rate ours / described floor',
			method: 'measured in the same interleaved rounds as figure 2c',
		},
	];
}

module.exports = { benchFloor };
