// @ts-check
'use strict';
/**
 * WeChat Pay APIv3 sandbox for the product coupon notify-config endpoints. See README.md.
 *
 *   const { startSandbox } = require('./test/sandbox');
 *   const sandbox = await startSandbox({ rateLimitPerSecond: 20, now: () => Date.now() });
 *   const cred = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'publicKey' });
 */
const { AccountRegistry } = require('./accounts');
const { createSandboxServer, clearStats } = require('./server');
const { assertFault, seededRandom, ALL_FAULTS, RESPONSE_FAULTS, TRANSPORT_FAULTS } = require('./faults');
const { CALLBACK_VARIANTS, buildCallback, postCallback } = require('./callbacks');

/**
 * @typedef {import('./accounts').Credential} Credential
 * @typedef {import('./callbacks').CallbackOptions} CallbackOptions
 */

/**
 * `shareAccountsWith`: another sandbox whose accounts and stored notify URLs this one serves too, on its own
 * port, with its own down switch and stats: WeChat Pay's backup host (api2) in another region.
 * @param {{ rateLimitPerSecond?: number, now?: () => number, shareAccountsWith?: { registry: AccountRegistry } }} [options]
 */
async function startSandbox(options = {}) {
	const rateLimitPerSecond = options.rateLimitPerSecond === undefined ? 20 : options.rateLimitPerSecond;
	const now = options.now || (() => Date.now());
	const shared = options.shareAccountsWith;
	const accounts = shared ? shared.registry : new AccountRegistry({ now, baseUrl: '' });
	/** @type {import('./server').SandboxState} */
	const state = {
		accounts,
		now,
		rateLimitPerSecond,
		monotonicMs: () => performance.now(),
		stats: { requests: 0, byAccount: {}, responses: {}, codes: {}, faultsInjected: 0 },
		requests: [],
		down: false,
		pendingSlow: new Set(),
	};
	const server = createSandboxServer(state);
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	server.on('connection', (socket) => {
		if (state.down) {
			socket.resetAndDestroy();
			return;
		}
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const baseUrl = `http://127.0.0.1:${address.port}`;
	if (!shared) accounts.baseUrl = baseUrl;
	let closed = false;

	const sandbox = {
		baseUrl,
		registry: accounts,
		/** all fault names, response faults, transport faults */
		faults: { all: ALL_FAULTS, response: RESPONSE_FAULTS, transport: TRANSPORT_FAULTS },
		callbackVariants: CALLBACK_VARIANTS,

		/** @param {{ accountType: 'serviceProvider' | 'brand', keyMode?: 'publicKey' | 'platformCertificate' | 'both' }} o @returns {Credential} */
		createAccount(o) {
			return accounts.create(o);
		},
		/** @param {Partial<Credential> | string} cred */
		account(cred) {
			return accounts.resolve(cred);
		},
		/**
		 * Queue `fault` for the next `times` authenticated requests of this account.
		 * @param {Partial<Credential> | string} cred @param {string} fault @param {{ times?: number, slowMs?: number }} [o]
		 */
		misbehave(cred, fault, o = {}) {
			assertFault(fault);
			const account = accounts.resolve(cred);
			const times = o.times === undefined ? 1 : o.times;
			for (let i = 0; i < times; i++) account.faultQueue.push(o.slowMs === undefined ? { fault } : { fault, slowMs: o.slowMs });
		},
		/**
		 * Inject one of `faults` (picked by a seeded PRNG) into a fraction `rate` of this account's requests; rate 0 turns it off.
		 * @param {Partial<Credential> | string} cred @param {number} rate @param {string[]} [faults] @param {number} [seed]
		 */
		setFaultRate(cred, rate, faults = [], seed = 1) {
			const account = accounts.resolve(cred);
			if (!(rate >= 0 && rate <= 1)) throw new Error('sandbox: fault rate must be within [0, 1]');
			if (rate > 0 && faults.length === 0) throw new Error('sandbox: setFaultRate needs at least one fault name');
			faults.forEach(assertFault);
			account.faultRate = rate;
			account.faultList = [...faults];
			account.rng = rate > 0 ? seededRandom(seed) : null;
		},
		/** Simulate a host that is down: connections are reset. @param {boolean} down */
		setDown(down) {
			state.down = Boolean(down);
			if (state.down) for (const socket of sockets) socket.resetAndDestroy();
		},
		get stats() {
			return state.stats;
		},
		get requests() {
			return state.requests;
		},
		resetStats() {
			clearStats(state.stats);
			state.requests.length = 0;
		},
		/** @param {Partial<Credential> | string} cred @param {CallbackOptions} [o] */
		buildCallback(cred, o) {
			return buildCallback(accounts.resolve(cred), now(), o);
		},
		/**
		 * Build a callback for `cred` and POST it to `url`.
		 * @param {string} url @param {Partial<Credential> | string} cred @param {CallbackOptions & { timeoutMs?: number, rejectUnauthorized?: boolean }} [o]
		 */
		deliverCallback(url, cred, o = {}) {
			return postCallback(url, buildCallback(accounts.resolve(cred), now(), o), o);
		},
		/** Stop listening; ends pending slow answers and open connections. */
		async close() {
			if (closed) return;
			closed = true;
			for (const pending of state.pendingSlow) {
				clearTimeout(pending.timer);
				pending.socket.destroy();
			}
			state.pendingSlow.clear();
			const done = new Promise((resolve) => server.close(() => resolve(undefined)));
			for (const socket of sockets) socket.destroy();
			server.closeAllConnections();
			await done;
		},
	};
	return sandbox;
}

module.exports = { startSandbox, CALLBACK_VARIANTS, ALL_FAULTS, RESPONSE_FAULTS, TRANSPORT_FAULTS };
