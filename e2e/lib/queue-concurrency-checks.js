// @ts-check
// The queue-mode run's checks of several executions at once (e2e/queue.js, d and e): one account shared by two
// workers, and 20 Send → Confirm runs spread over both.
'use strict';

const queueFixtures = require('./queue-fixtures');
const { outputOf } = require('./executions');
const { runManually, waitForExecution, executionData } = require('./queue-executions');
const { describeError } = require('./queue-checks');

/** @typedef {import('./queue-checks').Context} Context */

/**
 * d. One account, two workers: two 60-item "Set notify URL" runs started together, one per worker, each pacing
 * itself to 20 requests/s, together over the sandbox's 20/s for the account.
 * @param {Context} c
 */
async function checkSharedAccount(c) {
	const { report, cluster, db, flavour, sandbox, credentials, cookie, seen, ranOn } = c;
	const accountId = sandbox.account(credentials.shared).id;
	const runs = /** @type {const} */ (['a', 'b']);
	const before = sandbox.requests.length;
	const started = Date.now();
	const executionIds = await report.step('d. start both 60-item runs together', () =>
		Promise.all(runs.map((run) => runManually(cluster.main.baseUrl, cookie, queueFixtures.ids.sharedSet[run], 'Start'))),
	);
	const rows = await Promise.all(executionIds.map((id) => waitForExecution(db, id, 180_000)));
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const datas = await Promise.all(executionIds.map((id) => executionData(db, flavour.dir, id)));
	datas.forEach((d, i) => (seen[`d. execution ${executionIds[i]}`] = JSON.stringify(d)));
	const requests = sandbox.requests.slice(before).filter((r) => r.accountId === accountId);
	const statuses = {};
	for (const r of requests) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	const workerOf = cluster.workerOfExecutions();
	runs.forEach((run, i) => (ranOn[`d. shared account, run ${run} (execution ${executionIds[i]})`] = workerOf[executionIds[i]] ?? 'no worker'));
	report.log(`  d. ${requests.length} requests for the shared account in ${seconds} s: ${JSON.stringify(statuses)}`);

	await report.check('d. the two runs ran on different workers', (assert) => {
		const workers = executionIds.map((id) => workerOf[id]);
		assert.ok(workers[0] && workers[1] && workers[0] !== workers[1], JSON.stringify(workers));
	});
	// the premise of this check, not the product's behaviour: each worker alone keeps under 20/s
	await report.check(`d. together the two workers exceeded the account's 20/s (the sandbox answered ${statuses[429] ?? 0} requests 429)`, (assert) => {
		assert.ok((statuses[429] ?? 0) > 0, JSON.stringify(statuses));
	});
	await report.check('d. both executions succeed', (assert) => {
		const failures = rows.map((row, i) => (row.status === 'success' ? null : `run ${runs[i]} (execution ${row.id}): ${row.status}: ${describeError(datas[i])}`)).filter(Boolean);
		assert.ok(failures.length === 0, failures.join('\n'));
	});
	await report.check('d. every item applied: each URL set exactly once with a 200, in its execution\'s item order', (assert) => {
		const problems = [];
		for (const run of runs) {
			const expected = Array.from({ length: queueFixtures.ITEMS }, (_, i) => queueFixtures.sharedUrl(run, i));
			const applied = requests
				.filter((r) => r.method === 'POST' && r.status === 200)
				.map((r) => notifyUrlOf(r.body))
				.filter((u) => expected.includes(u));
			const missing = expected.filter((u) => !applied.includes(u));
			const twice = [...new Set(applied.filter((u, i) => applied.indexOf(u) !== i))];
			if (missing.length) problems.push(`run ${run}: ${missing.length} of ${expected.length} URLs never set with a 200 (first: ${missing[0]})`);
			if (twice.length) problems.push(`run ${run}: ${twice.length} URLs set more than once (first: ${twice[0]})`);
			if (!missing.length && !twice.length && JSON.stringify(applied) !== JSON.stringify(expected)) problems.push(`run ${run}: applied out of item order`);
		}
		assert.ok(problems.length === 0, problems.join('\n'));
	});
	await report.check('d. each execution outputs WeChat Pay\'s answer for each of its 60 items, in item order', (assert) => {
		const problems = [];
		runs.forEach((run, i) => {
			const expected = Array.from({ length: queueFixtures.ITEMS }, (_, k) => queueFixtures.sharedUrl(run, k));
			let urls;
			try {
				urls = (outputOf(datas[i]?.resultData?.runData, 'Set notify URL') ?? []).map((o) => o.notify_url);
			} catch {
				urls = null; // the node failed: its error is in the check above
			}
			if (!urls) problems.push(`run ${run}: no output, "Set notify URL" failed`);
			else if (JSON.stringify(urls) !== JSON.stringify(expected)) problems.push(`run ${run}: ${urls.length} items output, not the 60 URLs in item order`);
		});
		assert.ok(problems.length === 0, problems.join('\n'));
	});
}

/**
 * e. 20 runs of the 10-item Send → Confirm workflow started together, spread over both workers: every coupon
 * sent and confirmed once in the sandbox's user coupon store, none lost or doubled, outputs in item order.
 * @param {Context} c
 */
async function checkSendConfirmRuns(c, { runs = 20 } = {}) {
	const { report, cluster, db, flavour, sandbox, credentials, cookie, seen, ranOn } = c;
	const users = queueFixtures.COUPON_USERS;
	const accountId = sandbox.account(credentials.coupon).id;
	const before = sandbox.requests.length;
	const executionIds = await report.step(`e. start ${runs} Send → Confirm runs (${users.length} users each) together`, () =>
		Promise.all(Array.from({ length: runs }, () => runManually(cluster.main.baseUrl, cookie, queueFixtures.ids.sendConfirm, 'Start'))),
	);
	const rows = await Promise.all(executionIds.map((id) => waitForExecution(db, id, 180_000)));
	const datas = await Promise.all(executionIds.map((id) => executionData(db, flavour.dir, id)));
	datas.forEach((d, i) => (seen[`e. execution ${executionIds[i]}`] = JSON.stringify(d)));
	const workerOf = cluster.workerOfExecutions();
	const byWorker = {};
	for (const id of executionIds) (byWorker[workerOf[id] ?? 'no worker'] ??= []).push(id);
	ranOn[`e. ${runs} Send → Confirm runs`] = Object.entries(byWorker)
		.sort()
		.map(([w, list]) => `${w}: ${list.length} (${list.sort((x, y) => Number(x) - Number(y)).join(', ')})`)
		.join('; ');

	await report.check(`e. all ${runs} executions succeed`, (assert) => {
		const failures = rows.map((row, i) => (row.status === 'success' ? null : `execution ${row.id}: ${row.status}: ${describeError(datas[i])}`)).filter(Boolean);
		assert.ok(failures.length === 0, failures.join('\n'));
	});
	await report.check('e. they ran on both workers', (assert) => {
		assert.equal(byWorker['no worker'], undefined, JSON.stringify(byWorker));
		assert.equal(Object.keys(byWorker).length, 2, JSON.stringify(byWorker));
	});
	const outputs = datas.map((d) => {
		try {
			return { sent: outputOf(d?.resultData?.runData, 'Send coupon') ?? [], confirmed: outputOf(d?.resultData?.runData, 'Confirm coupon') ?? [] };
		} catch {
			return { sent: [], confirmed: [] }; // the node failed: its error is in the first check
		}
	});
	const store = sandbox.userCoupons(credentials.coupon);
	await report.check(`e. the sandbox's store holds ${runs * users.length} coupons, each sent once and confirmed once (none CONFIRMING)`, (assert) => {
		const problems = [];
		if (store.length !== runs * users.length) problems.push(`${store.length} coupons in the store`);
		const notConfirmed = store.filter((coupon) => coupon.confirm_request_no !== coupon.coupon_code || coupon.coupon_state === 'CONFIRMING');
		if (notConfirmed.length) problems.push(`${notConfirmed.length} not confirmed (first: ${notConfirmed[0].coupon_code} ${notConfirmed[0].coupon_state})`);
		for (const user of users) {
			const n = store.filter((coupon) => coupon.openid === user).length;
			if (n !== runs) problems.push(`${user} holds ${n} coupons, not ${runs}`);
		}
		const ok200 = sandbox.requests.slice(before).filter((r) => r.accountId === accountId && r.method === 'POST' && r.status === 200);
		const confirms = ok200.filter((r) => r.path.endsWith('/confirm')).map((r) => r.path.split('/').slice(-2)[0]);
		const twice = confirms.filter((code, i) => confirms.indexOf(code) !== i);
		if (confirms.length !== store.length || twice.length) problems.push(`${confirms.length} confirms answered 200, ${twice.length} of them a second time`);
		assert.ok(problems.length === 0, problems.join('\n'));
	});
	await report.check('e. none lost or doubled: the executions\' outputs name exactly the coupons of the store, once each', (assert) => {
		const sentCodes = outputs.flatMap((o) => o.sent.map((item) => item.coupon_code));
		const confirmedCodes = outputs.flatMap((o) => o.confirmed.map((item) => item.coupon_code));
		const storeCodes = store.map((coupon) => coupon.coupon_code).sort();
		assert.deepEqual([...sentCodes].sort(), storeCodes, 'Send outputs vs store');
		assert.deepEqual([...confirmedCodes].sort(), storeCodes, 'Confirm outputs vs store');
	});
	await report.check(`e. each execution outputs its ${users.length} users' coupons in item order, sent and then confirmed`, (assert) => {
		const byCode = new Map(store.map((coupon) => [coupon.coupon_code, coupon]));
		const problems = [];
		outputs.forEach(({ sent, confirmed }, i) => {
			const owners = confirmed.map((item) => byCode.get(item.coupon_code)?.openid);
			if (JSON.stringify(owners) !== JSON.stringify(users)) problems.push(`execution ${executionIds[i]}: Confirm's items belong to ${JSON.stringify(owners)}`);
			if (JSON.stringify(sent.map((x) => x.coupon_code)) !== JSON.stringify(confirmed.map((x) => x.coupon_code))) problems.push(`execution ${executionIds[i]}: Send and Confirm outputs differ in order`);
			if (confirmed.some((item) => item.coupon_state === 'CONFIRMING')) problems.push(`execution ${executionIds[i]}: a Confirm answer still CONFIRMING`);
		});
		assert.ok(problems.length === 0, problems.join('\n'));
	});
}

function notifyUrlOf(body) {
	try {
		return JSON.parse(body).notify_url;
	} catch {
		return undefined;
	}
}

module.exports = { checkSharedAccount, checkSendConfirmRuns };
