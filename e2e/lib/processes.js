// @ts-check
// Child processes with bounded time, each in its own process group, all stopped when this process ends —
// normally, on an error, or on Ctrl-C / SIGTERM — so no n8n or npm is ever left running.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');

/** @type {Set<import('child_process').ChildProcess>} */
const live = new Set();

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal); // the whole group: n8n's own children (task runners) too
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});
/** @type {(() => Promise<void>)[]} */
const shutdownHooks = [];
/** Graceful clean-up run on Ctrl-C / SIGTERM (e.g. stop n8n so it closes its database), at most 20 s. */
function onShutdown(fn) {
	shutdownHooks.push(fn);
}
let shuttingDown = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, async () => {
		if (shuttingDown) return;
		shuttingDown = true;
		process.stderr.write(`\n${signal}: stopping\n`);
		const hooks = Promise.allSettled(shutdownHooks.map((fn) => fn()));
		await Promise.race([hooks, new Promise((r) => setTimeout(r, 20_000))]);
		process.exit(130); // the 'exit' handler above kills whatever is left
	});
}

/**
 * Start a long-running process. Output goes to logFile (and to onLine, line by line).
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string, onLine?: (line: string) => void }} [o]
 */
function start(cmd, args, o = {}) {
	const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	const out = o.logFile ? fs.createWriteStream(o.logFile, { flags: 'a' }) : null;
	let pending = '';
	const onData = (chunk) => {
		out?.write(chunk);
		if (!o.onLine) return;
		pending += chunk.toString('utf8');
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) o.onLine(line);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			live.delete(child);
			if (pending && o.onLine) o.onLine(pending);
			out?.end();
			resolve({ code, signal });
		});
		child.on('error', (error) => {
			live.delete(child);
			out?.end();
			resolve({ code: -1, signal: null, error });
		});
	});
	/** Stop gracefully (SIGTERM), then SIGKILL after graceMs. */
	async function stop(graceMs = 10_000) {
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	return { child, exited, stop };
}

/**
 * Run a command to its end (async, so an in-process sandbox keeps answering meanwhile).
 * Rejects on a non-zero exit unless allowFailure; always rejects on timeout (after killing it).
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, logFile?: string, allowFailure?: boolean }} [o]
 * @returns {Promise<{ code: number | null, signal: string | null, output: string }>}
 */
async function run(cmd, args, o = {}) {
	let output = '';
	const proc = start(cmd, args, { cwd: o.cwd, env: o.env, logFile: o.logFile, onLine: (l) => (output += `${l}\n`) });
	const timeoutMs = o.timeoutMs ?? 5 * 60_000;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		proc.stop(5_000);
	}, Math.max(timeoutMs, 1));
	const { code, signal, error } = await proc.exited;
	clearTimeout(timer);
	const what = `${cmd} ${args.join(' ')}`;
	if (error) throw new Error(`${what}: ${error.message}`);
	if (timedOut) throw new Error(`${what}: no end after ${Math.round(timeoutMs / 1000)} s, stopped`);
	if (code !== 0 && !o.allowFailure) {
		const err = new Error(`${what}: exit ${code ?? signal}\n${output.split('\n').slice(-25).join('\n')}`);
		throw Object.assign(err, { output });
	}
	return { code, signal, output };
}

module.exports = { start, run, onShutdown };
