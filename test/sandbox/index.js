// @ts-check
'use strict';
/**
 * WeChat Pay APIv3 sandbox for the product coupon notify-config and user-coupon endpoints. See README.md.
 *
 *   const { startSandbox } = require('./test/sandbox');
 *   const sandbox = await startSandbox({ rateLimitPerSecond: 20, now: () => Date.now() });
 *   const cred = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'publicKey' });
 *   const seeded = sandbox.seedProductCoupon(cred, { couponCodeMode: 'WECHATPAY' });
 */
const { AccountRegistry } = require('./accounts');
const { createSandboxServer, clearStats } = require('./server');
const { assertFault, seededRandom, ALL_FAULTS, RESPONSE_FAULTS, TRANSPORT_FAULTS } = require('./faults');
const { CALLBACK_VARIANTS, buildCallback, postCallback } = require('./callbacks');
const { CallbackDelivery } = require('./callback-delivery');
const { createWorld } = require('./models/world');
const { couponState, sendPayload } = require('./models/userCoupons');
const { claimToken } = require('./models/userCouponEndpoints');

/**
 * @typedef {import('./accounts').Credential} Credential
 * @typedef {import('./callbacks').CallbackOptions} CallbackOptions
 */

/**
 * `shareAccountsWith`: another sandbox whose accounts, stored notify URLs, product coupons and user coupons this
 * one serves too, on its own port, with its own down switch, stats and callback sender: WeChat Pay's backup host
 * (api2) in another region.
 * `rateLimitPerSecond`: management endpoints (notify-configs), default 20; `userCouponRateLimitPerSecond`: the
 * user-coupon endpoints #25–#35, default 500 (digest §9.3). `callbackRetryDelaysMs`: waits between callback
 * attempts, default WeChat Pay's (11 × 60 s).
 * @param {{ rateLimitPerSecond?: number, userCouponRateLimitPerSecond?: number, now?: () => number,
 *   callbackRetryDelaysMs?: number[], shareAccountsWith?: { registry: AccountRegistry, world?: import('./models/world').World } }} [options]
 */
async function startSandbox(options = {}) {
	const rateLimitPerSecond = options.rateLimitPerSecond === undefined ? 20 : options.rateLimitPerSecond;
	const userCouponRateLimitPerSecond = options.userCouponRateLimitPerSecond === undefined ? 500 : options.userCouponRateLimitPerSecond;
	const now = options.now || (() => Date.now());
	const shared = options.shareAccountsWith;
	const accounts = shared ? shared.registry : new AccountRegistry({ now, baseUrl: '' });
	const world = shared && shared.world ? shared.world : createWorld();
	const delivery = new CallbackDelivery({ now, retryDelaysMs: options.callbackRetryDelaysMs });
	/** @type {import('./models/world').Events} */
	const events = {
		couponsSent(account, coupons) {
			const eventType = account.accountType === 'brand' ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND';
			for (const c of coupons) delivery.send(account, eventType, sendPayload(c), c.coupon_code);
		},
	};
	/** @type {import('./server').SandboxState} */
	const state = {
		accounts,
		world,
		events,
		now,
		rateLimits: { management: rateLimitPerSecond, userCoupon: userCouponRateLimitPerSecond },
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
		world,
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
		/**
		 * An EFFECTIVE product coupon with one SENDING stock (or a stock bundle of `count` rounds) that `cred` may
		 * send, with a brand (partner: registered as having authorised this service provider) and a bound AppID.
		 * @param {Partial<Credential> | string} cred @param {import('./models/catalog').SeedOptions} [o]
		 * @returns {import('./models/catalog').SeedResult}
		 */
		seedProductCoupon(cred, o = {}) {
			return world.catalog.seed(accounts.resolve(cred), o, now(), () => String(accounts.nextBrandId++));
		},
		/** Change a seeded stock's state (AUDITING | SENDING | PAUSED | DEACTIVATED). @param {Partial<Credential> | string} cred @param {string} stockId @param {string} stockState */
		setStockState(cred, stockId, stockState) {
			const stock = world.catalog.stocks.get(stockId);
			if (!stock || stock.ownerId !== accounts.resolve(cred).id) throw new Error(`sandbox: unknown stock ${stockId} for this account`);
			if (!['AUDITING', 'SENDING', 'PAUSED', 'DEACTIVATED'].includes(stockState)) throw new Error(`sandbox: stock state ${stockState} cannot be set`);
			stock.state = stockState;
		},
		/**
		 * The stored user coupon with this code (the account's first match), `coupon_state` computed now; undefined when none.
		 * @param {Partial<Credential> | string} cred @param {string} couponCode
		 */
		userCoupon(cred, couponCode) {
			const id = accounts.resolve(cred).id;
			const c = world.coupons.coupons.find((x) => x.ownerId === id && x.coupon_code === couponCode);
			return c && { ...c, coupon_state: couponState(c, now()) };
		},
		/** All of the account's user coupons, in issue order, `coupon_state` computed now. @param {Partial<Credential> | string} cred */
		userCoupons(cred) {
			const id = accounts.resolve(cred).id;
			return world.coupons.coupons.filter((x) => x.ownerId === id).map((c) => ({ ...c, coupon_state: couponState(c, now()) }));
		},
		/** The user deletes the coupon in 卡包 (no callback; every later operation answers 272756769). @param {Partial<Credential> | string} cred @param {string} couponCode */
		deleteUserCoupon(cred, couponCode) {
			const id = accounts.resolve(cred).id;
			const c = world.coupons.coupons.find((x) => x.ownerId === id && x.coupon_code === couponCode);
			if (!c) throw new Error(`sandbox: unknown user coupon ${couponCode}`);
			c.status = 'DELETED';
		},
		/**
		 * The user claims a pre-send token (#26/#28) in the mini-program component: the coupon (bundle) is issued
		 * with send_channel RECEIVE_COMPONENT and the SEND callback goes out. Throws when refused (ApiError with
		 * `code` / `numeric`), unknown or already claimed.
		 * @param {string} token @returns {any} the UCPN, or `{ user_coupon_bundle_id, user_product_coupon_list }`
		 */
		claimPreSendToken(token) {
			return claimToken(world, accounts, token, now(), events);
		},
		/** Deliver notify URLs starting with `httpsPrefix` to `localPrefix` + the rest. @param {string} httpsPrefix @param {string} localPrefix */
		forwardCallbacks(httpsPrefix, localPrefix) {
			delivery.forward(httpsPrefix, localPrefix);
		},
		/** one entry per attempt: `{ id, notifyUrl, url, eventType, couponCode, attempt, status? , error? }` */
		get callbackDeliveries() {
			return delivery.log;
		},
		/** @returns {Promise<void>} resolves when no callback delivery or retry is pending */
		callbacksSettled() {
			return delivery.settled();
		},
		/** Stop listening; ends pending slow answers and open connections. */
		async close() {
			if (closed) return;
			closed = true;
			delivery.close();
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
