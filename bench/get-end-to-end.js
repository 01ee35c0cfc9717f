'use strict';
// Figure 2, "Get notify URL" end to end: items per second of the WeChat Pay node run by n8n-core's engine against
// the local sandbox, against wechatpay-axios-plugin making the same signed and verified GETs to the same sandbox.
//
// Many accounts, as the README serves them: one WeChat Pay node per account in a workflow, each node getting the same
// items (one GET per item). Both sides call one account after the other, one call at a time (n8n runs items
// sequentially, so the peer awaits each call too). The sandbox keeps WeChat Pay's real limit of 20 requests/s per
// account. Accounts are split into groups; each batch (of any side) uses the next group, and waits, untimed, until
// that group's accounts have had no call for 1.2 s. So each account sees at most 15 calls per second: neither the
// sandbox's limit nor the node's own pacing (nodes/shared/transport/rateLimiter.ts, 20 per 1.1 s) ever holds a call
// back, and every side runs at full speed. Every call must come back 200, signature-verified, with the account's own
// notify URL, or the bench fails.
//
// A third side, for diagnosis only: the same peer opening a new connection for every call, as n8n-core's
// httpRequest helper does (it builds a new http(s).Agent per request), so the table shows how much of the
// difference is connection reuse, which a community node cannot control.
const http = require('http');
const { createMultiAccountEngine, getNotifyUrlChain } = require('./lib/multi-account-engine');
const { createPeerClient } = require('./lib/peer-client');
const { interleave, compare, ratioFields } = require('./lib/interleave');

const ITEMS_PER_ACCOUNT = 15;
const COOL_DOWN_MS = 1200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const notifyUrlOf = (index) => `https://n8n.example.com/webhook/bench-${index}/wechatpay`;

/** Service-provider accounts (the peer has no brand scheme), public-key mode, each with a notify URL already set. */
function createAccounts(sandbox, count) {
	return Array.from({ length: count }, (_, index) => {
		const credential = { ...sandbox.createAccount({ accountType: 'serviceProvider' }), backupBaseUrl: '' };
		Object.assign(sandbox.account(credential), { notifyUrl: notifyUrlOf(index), updateTime: '2026-11-27T15:04:05+08:00' });
		return credential;
	});
}

/** The sandbox must have answered exactly `calls` times 200 and nothing else (no 429, no 401). */
function expectAllOk(sandbox, calls, side) {
	const { responses } = sandbox.stats;
	if (responses['200'] !== calls || Object.keys(responses).length !== 1) {
		throw new Error(`get bench (${side}): expected ${calls} answers 200, the sandbox saw ${JSON.stringify(responses)}`);
	}
}

/** The peer must refuse answers whose signature is wrong, or its figure would not be one of verified calls. */
async function checkPeerVerifies(sandbox, credential, client) {
	for (const fault of ['tamperBody', 'wrongSignature', 'unknownSerial']) {
		sandbox.misbehave(credential, fault);
		const refused = await client.getNotifyUrl().then(() => false, (error) => /^EV3_RES_/.test(String(error && error.code)));
		if (!refused) throw new Error(`get bench: wechatpay-axios-plugin did not refuse a "${fault}" answer as unverified`);
	}
}

/**
 * @param {{ sandbox: any, rounds: number, quick?: boolean }} context
 */
async function benchGet({ sandbox, rounds, quick }) {
	const groupCount = quick ? 3 : 6;
	const accountsPerGroup = quick ? 2 : 4;
	const calls = accountsPerGroup * ITEMS_PER_ACCOUNT;
	const credentials = createAccounts(sandbox, groupCount * accountsPerGroup);
	const groups = Array.from({ length: groupCount }, (_, group) => {
		const first = group * accountsPerGroup;
		const members = credentials.slice(first, first + accountsPerGroup);
		const engine = createMultiAccountEngine(members);
		const { workflow, nodeName } = getNotifyUrlChain(members.length, ITEMS_PER_ACCOUNT);
		return { first, engine, workflow, nodeName, peers: members.map((credential) => createPeerClient(credential)), lastUsed: 0 };
	});
	await checkPeerVerifies(sandbox, credentials[0], groups[0].peers[0]);

	const perItem = { ours: { credentialReads: 0, newConnections: 0, items: 0 }, peer: { newConnections: 0, items: 0 } };
	/** Requests sent with `Connection: close` are each a connection of their own. */
	const countConnections = (side) => {
		const counts = perItem[side] || (perItem[side] = { newConnections: 0, items: 0 });
		counts.newConnections += sandbox.requests.filter((request) => request.headers.connection === 'close').length;
		counts.items += calls;
	};
	const peerBatch = (agentFor) => async () => {
		for (let index = 0; index < accountsPerGroup; index++) {
			for (let item = 0; item < ITEMS_PER_ACCOUNT; item++) {
				const response = await group.peers[index].getNotifyUrl(agentFor());
				if (response.status !== 200 || response.data.notify_url !== notifyUrlOf(group.first + index)) {
					throw new Error(`get bench (peer): unexpected answer ${response.status} ${JSON.stringify(response.data)}`);
				}
			}
		}
		group.lastUsed = Date.now();
		return calls;
	};

	let batchNumber = 0;
	let group = groups[0];
	let side = '';
	const rates = await interleave({
		rounds,
		warmupRounds: 2,
		beforeBatch: async (next) => {
			if (side) countConnections(side);
			side = next;
			group = groups[batchNumber++ % groupCount];
			await sleep(Math.max(0, group.lastUsed + COOL_DOWN_MS - Date.now()));
			sandbox.resetStats();
		},
		batches: {
			ours: async () => {
				const readsBefore = group.engine.counters.credentialReads;
				const run = await group.engine.runWorkflow(group.workflow);
				group.lastUsed = Date.now();
				perItem.ours.credentialReads += group.engine.counters.credentialReads - readsBefore;
				for (let index = 0; index < accountsPerGroup; index++) {
					const name = group.nodeName(index);
					const error = run.errorOf(name);
					if (error) throw new Error(`get bench (ours): ${name} failed: ${error.message}`);
					const output = run.outputOf(name);
					if (output.length !== ITEMS_PER_ACCOUNT || output.some((item) => item.json.notify_url !== notifyUrlOf(group.first + index))) {
						throw new Error(`get bench (ours): ${name} did not output ${ITEMS_PER_ACCOUNT} verified notify URLs`);
					}
				}
				expectAllOk(sandbox, calls, 'ours');
				return calls;
			},
			peer: async () => {
				const done = await peerBatch(() => undefined)();
				expectAllOk(sandbox, calls, 'peer');
				return done;
			},
			peerNewConnection: async () => {
				const done = await peerBatch(() => ({ httpAgent: new http.Agent() }))();
				expectAllOk(sandbox, calls, 'peerNewConnection');
				return done;
			},
		},
	});
	countConnections(side);
	const vsPeer = compare(rates, 'peer', 'rate');
	const vsNewConnection = compare(rates, 'peerNewConnection', 'rate');
	const per = (counts, field) => counts[field] / counts.items;
	const counts = {
		credentialReadsPerItem: per(perItem.ours, 'credentialReads'),
		newConnectionsPerItem: {
			ours: per(perItem.ours, 'newConnections'),
			peer: per(perItem.peer, 'newConnections'),
			peerNewConnection: per(perItem.peerNewConnection, 'newConnections'),
		},
	};
	const method =
		`${groupCount * accountsPerGroup} service-provider accounts in ${groupCount} groups; a batch = one group: ` +
		`${accountsPerGroup} accounts × ${ITEMS_PER_ACCOUNT} items = ${calls} signed, verified GETs (ours: one WeChat Pay node ` +
		`per account in one workflow run); sandbox limit 20/s per account, never reached; ${rounds} interleaved rounds after 2 warm-up rounds`;
	return [
		{
			id: 'get',
			title: '2. Get end to end: node in n8n-core engine vs wechatpay-axios-plugin',
			unit: 'items/s',
			ours: vsPeer.oursPerSecond,
			peer: vsPeer.otherPerSecond,
			peerName: 'wechatpay-axios-plugin, one call at a time',
			...ratioFields(vsPeer, rounds, rates.wall),
			ratioLabel: 'rate ours / peer',
			goal: { text: '≥ 1.00', met: vsPeer.ratio >= 1 },
			counts,
			method,
		},
		{
			id: 'getVsNewConnection',
			title: '2b. (diagnosis) the same vs the peer on a new connection per call, as n8n-core',
			unit: 'items/s',
			ours: vsNewConnection.oursPerSecond,
			peer: vsNewConnection.otherPerSecond,
			peerName: 'wechatpay-axios-plugin, new http.Agent per call',
			...ratioFields(vsNewConnection, rounds),
			ratioLabel: 'rate ours / peer',
			method: 'measured in the same interleaved rounds as figure 2',
		},
	];
}

module.exports = { benchGet };
