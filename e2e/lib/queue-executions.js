// @ts-check
// Executions in queue mode: started through the main process's REST API (as the editor's "Execute workflow"),
// read back from PostgreSQL (execution data is `flatted` JSON, parsed with n8n's own flatted module).
'use strict';

const { createRequire } = require('module');
const path = require('path');

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** POST /rest/workflows/:id/run as the logged-in owner; resolves with the execution id. */
async function runManually(baseUrl, cookie, workflowId, triggerName) {
	const res = await fetch(`${baseUrl}/rest/workflows/${workflowId}/run`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ triggerToStartFrom: { name: triggerName } }),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST /rest/workflows/${workflowId}/run answered ${res.status}: ${text.slice(0, 300)}`);
	const executionId = JSON.parse(text).data?.executionId;
	if (!executionId) throw new Error(`POST /rest/workflows/${workflowId}/run gave no execution id: ${text.slice(0, 300)}`);
	return String(executionId);
}

/** @param {{ query: (sql: string, params?: any[]) => Promise<any[]> }} db */
async function executionsOf(db, workflowId) {
	return db.query('SELECT id, status, mode, finished FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId]);
}

/** Waits (bounded) until the execution has finished; returns its row. */
async function waitForExecution(db, executionId, timeoutMs = 120_000) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const [row] = await db.query('SELECT id, status, mode, finished FROM execution_entity WHERE id = $1', [Number(executionId)]);
		if (row && FINISHED.includes(row.status)) return row;
		if (Date.now() > until) throw new Error(`execution ${executionId} not finished after ${timeoutMs / 1000} s: ${JSON.stringify(row)}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

/** Polls (bounded) the executions of a workflow until `predicate(rows)` holds. */
async function waitForExecutions(db, workflowId, predicate, timeoutMs = 120_000) {
	const until = Date.now() + timeoutMs;
	let rows = [];
	while (Date.now() < until) {
		rows = await executionsOf(db, workflowId);
		if (predicate(rows)) return rows;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`not reached after ${timeoutMs / 1000} s; executions: ${JSON.stringify(rows.map((r) => [r.id, r.status]))}`);
}

/** The IRunExecutionData of one execution. */
async function executionData(db, n8nDir, executionId) {
	const [row] = await db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [Number(executionId)]);
	if (!row) return undefined;
	const flatted = createRequire(path.join(n8nDir, 'node_modules', 'n8n', 'package.json'))('flatted');
	return flatted.parse(row.data);
}

module.exports = { runManually, executionsOf, waitForExecution, waitForExecutions, executionData };
