'use strict';
// The sandbox in a process of its own, for figure 5 (scale): the measured process then holds only n8n's engine and
// the node, so its CPU time and memory are theirs, not the sandbox's (which keeps a record of every request).
//
//   const sandbox = await startSandboxProcess();        // forks this file
//   const credentials = await sandbox.accounts(520);    // lib/accounts.js, notify URLs set
//   const stats = await sandbox.takeStats();            // the sandbox's counts since the last take, then reset
//   await sandbox.close();
const path = require('path');
const { fork } = require('child_process');

function startSandboxProcess() {
	const child = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
	const waiting = new Map();
	let nextId = 0;
	child.on('message', (message) => {
		const pending = waiting.get(message.id);
		if (!pending) return;
		waiting.delete(message.id);
		if (message.error) pending.reject(new Error(`sandbox process: ${message.error}`));
		else pending.resolve(message.value);
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	exited.then((code) => {
		for (const pending of waiting.values()) pending.reject(new Error(`sandbox process exited (${code})`));
		waiting.clear();
	});
	const ask = (type, args = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			waiting.set(id, { resolve, reject });
			child.send({ id, type, ...args });
		});
	return ask('start').then((baseUrl) => ({
		baseUrl,
		pid: child.pid,
		accounts: (count, distinct) => ask('accounts', { count, distinct }),
		takeStats: () => ask('takeStats'),
		close: async () => {
			child.send({ id: nextId++, type: 'close' });
			await exited;
		},
	}));
}

async function child() {
	const { startSandbox } = require(path.join(__dirname, '..', '..', 'test', 'sandbox'));
	const { createManyAccounts } = require('./accounts');
	let sandbox;
	process.on('message', async (message) => {
		const reply = (value) => process.send({ id: message.id, value });
		try {
			if (message.type === 'start') {
				sandbox = await startSandbox();
				reply(sandbox.baseUrl);
			} else if (message.type === 'accounts') {
				reply(createManyAccounts(sandbox, message.count, { distinct: message.distinct }));
			} else if (message.type === 'takeStats') {
				const stats = structuredClone(sandbox.stats);
				sandbox.resetStats();
				reply(stats);
			} else if (message.type === 'close') {
				await sandbox.close();
				process.disconnect();
			}
		} catch (error) {
			process.send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
		}
	});
}

if (require.main === module && process.argv[2] === '--child') child();

module.exports = { startSandboxProcess };
