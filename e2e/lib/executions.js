// @ts-check
// Reading what real n8n recorded: the run printed by `n8n execute --rawOutput`, and saved executions in its
// SQLite database (execution data is serialised with `flatted`, which n8n itself ships).
'use strict';

const { createRequire } = require('module');
const path = require('path');

/** main output 0 of a node's last run, as plain json objects (undefined if the node did not run) */
function outputOf(runData, nodeName) {
	const runs = runData && runData[nodeName];
	if (!runs || runs.length === 0) return undefined;
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`${nodeName} failed: ${last.error.message}${last.error.description ? ` — ${last.error.description}` : ''}`);
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}

/** @param {ReturnType<import('./n8n').createN8n> extends Promise<infer T> ? T : never} n8n */
async function executionsOf(n8n, workflowId) {
	return n8n.query('SELECT id, status, finished, mode FROM execution_entity WHERE workflowId = ? ORDER BY id', [workflowId]);
}

/** The IRunExecutionData of one execution. */
async function executionData(n8n, flavour, executionId) {
	const [row] = await n8n.query('SELECT data FROM execution_data WHERE executionId = ?', [executionId]);
	if (!row) return undefined;
	const flatted = createRequire(path.join(flavour.dir, 'node_modules', 'n8n', 'package.json'))('flatted');
	return flatted.parse(row.data);
}

/** Poll (bounded) until `predicate(rows)` holds; returns the rows. */
async function waitForExecutions(n8n, workflowId, predicate, timeoutMs = 30_000) {
	const until = Date.now() + timeoutMs;
	let rows = [];
	while (Date.now() < until) {
		rows = await executionsOf(n8n, workflowId);
		if (predicate(rows)) return rows;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`no such executions after ${timeoutMs / 1000} s; found ${JSON.stringify(rows)}`);
}

module.exports = { outputOf, executionsOf, executionData, waitForExecutions };
