// @ts-check
'use strict';
/**
 * WeChat Pay APIv3 sandbox: the product coupon family (#1–#35 of the digest) for service providers and brands,
 * plus payments, refunds, bills, platform certificates and a sandbox-only echo for generic calls. See README.md.
 *
 *   const { startSandbox } = require('./test/sandbox');
 *   const sandbox = await startSandbox({ rateLimitPerSecond: 20, now: () => Date.now() });
 *   const cred = sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'publicKey' });
 *   const seeded = sandbox.seedProductCoupon(cred, { couponCodeMode: 'WECHATPAY' });
 */
const { AccountRegistry } = require('./accounts');
const { createSandboxServer, clearStats } = require('./server');
const { assertFault, seededRandom, ALL_FAULTS, RESPONSE_FAULTS, TRANSPORT_FAULTS, DOWNLOAD_FAULTS } = require('./faults');
const { CALLBACK_VARIANTS, buildCallback, postCallback } = require('./callbacks');
const { CallbackDelivery } = require('./callback-delivery');
const { createWorld } = require('./models/world');
const { couponState, sendPayload } = require('./models/userCoupons');
const { claimToken } = require('./models/userCouponEndpoints');
const { Scheduler } = require('./scheduler');
const { finishTask, taskView } = require('./models/imageTasks');
const { finishRefund, refundView } = require('./models/refunds');
const { transactionView } = require('./models/payments');

/**
 * @typedef {import('./accounts').Credential} Credential
 * @typedef {import('./callbacks').CallbackOptions} CallbackOptions
 */

/**
 * `shareAccountsWith`: another sandbox whose accounts, stored notify URLs, product coupons and user coupons this
 * one serves too, on its own port, with its own down switch, stats and callback sender: WeChat Pay's backup host
 * (api2) in another region.
 * Rate classes, per account (digest §9.3): `rateLimitPerSecond` management endpoints (#1–#24 but the image-task
 * POST), default 20; `userCouponRateLimitPerSecond` user-coupon endpoints #25–#35, default 500;
 * `imageTaskRateLimitPerSecond` the image-task POST (#4), default 10; `otherRateLimitPerSecond` payments,
 * refunds, bills, certificates, the echo, default 100 (the sandbox's choice).
 * `callbackRetryDelaysMs`: waits between callback attempts, default WeChat Pay's (11 × 60 s).
 * `auditDelayMs` (default 0): a created product coupon / stock is audited on the first request after the one that
 * created it, once this much sandbox-clock time has passed (Infinity: only `completeAudits`).
 * `imageTaskDelayMs` / `refundDelayMs` (default 20): an image task / refund finishes this long after it was
 * created (a host timer; Infinity: only `finishImageTask` / `finishRefund`).
 * @param {{ rateLimitPerSecond?: number, userCouponRateLimitPerSecond?: number, imageTaskRateLimitPerSecond?: number,
 *   otherRateLimitPerSecond?: number, now?: () => number, callbackRetryDelaysMs?: number[], auditDelayMs?: number,
 *   imageTaskDelayMs?: number, refundDelayMs?: number,
 *   shareAccountsWith?: { registry: AccountRegistry, world?: import('./models/world').World } }} [options]
 */
async function startSandbox(options = {}) {
	/** @param {number | undefined} value @param {number} fallback @param {string} name */
	const option = (value, fallback, name) => {
		if (value === undefined) return fallback;
		if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new Error(`sandbox: ${name} must be a number ≥ 0`);
		return value;
	};
	const rateLimitPerSecond = option(options.rateLimitPerSecond, 20, 'rateLimitPerSecond');
	const userCouponRateLimitPerSecond = option(options.userCouponRateLimitPerSecond, 500, 'userCouponRateLimitPerSecond');
	const imageTaskRateLimitPerSecond = option(options.imageTaskRateLimitPerSecond, 10, 'imageTaskRateLimitPerSecond');
	const otherRateLimitPerSecond = option(options.otherRateLimitPerSecond, 100, 'otherRateLimitPerSecond');
	const now = options.now || (() => Date.now());
	const shared = options.shareAccountsWith;
	const accounts = shared ? shared.registry : new AccountRegistry({ now, baseUrl: '' });
	const world = shared && shared.world ? shared.world : createWorld();
	const delivery = new CallbackDelivery({ now, retryDelaysMs: options.callbackRetryDelaysMs });
	const scheduler = new Scheduler();
	/** @type {import('./models/world').Events} */
	const events = {
		couponsSent(account, coupons) {
			const eventType = account.accountType === 'brand' ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND';
			for (const c of coupons) delivery.send(account, eventType, sendPayload(c), c.coupon_code);
		},
		notify(account, eventType, payload, key, o) {
			return delivery.send(account, eventType, payload, key, o);
		},
		after(delayMs, fn) {
			scheduler.after(delayMs, fn);
		},
	};
	/** @type {import('./router').Settings} */
	const settings = {
		accounts,
		auditDelayMs: option(options.auditDelayMs, 0, 'auditDelayMs'),
		imageTaskDelayMs: option(options.imageTaskDelayMs, 20, 'imageTaskDelayMs'),
		refundDelayMs: option(options.refundDelayMs, 20, 'refundDelayMs'),
		baseUrl: '',
		now,
	};
	/** @type {import('./server').SandboxState} */
	const state = {
		accounts,
		world,
		events,
		now,
		rateLimits: { management: rateLimitPerSecond, userCoupon: userCouponRateLimitPerSecond, imageTask: imageTaskRateLimitPerSecond, other: otherRateLimitPerSecond },
		monotonicMs: () => performance.now(),
		stats: { requests: 0, byAccount: {}, responses: {}, codes: {}, faultsInjected: 0 },
		requests: [],
		down: false,
		pendingSlow: new Set(),
		settings,
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
	settings.baseUrl = baseUrl;
	/** @param {Partial<Credential> | string} cred */
	const resolve = (cred) => accounts.resolve(cred);
	let closed = false;

	const sandbox = {
		baseUrl,
		registry: accounts,
		world,
		/** all fault names, response faults, transport faults */
		faults: { all: ALL_FAULTS, response: RESPONSE_FAULTS, transport: TRANSPORT_FAULTS, download: DOWNLOAD_FAULTS },
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
		/**
		 * A brand (partner: registered as having authorised this service provider), an AppID bound to it and its
		 * stores (default 5 generated ids), without any product coupon: what #6 needs. Again with the same brandId:
		 * more AppIDs and stores. Brands seed their own brand only.
		 * @param {Partial<Credential> | string} cred @param {import('./models/catalog').BrandSeedOptions} [o]
		 * @returns {import('./models/catalog').BrandSeedResult}
		 */
		seedBrand(cred, o = {}) {
			return world.catalog.seedBrand(resolve(cred), o, () => String(accounts.nextBrandId++));
		},
		/** Finish every pending audit of the account now (product coupons EFFECTIVE, stocks SENDING). @param {Partial<Credential> | string} cred @returns {number} */
		completeAudits(cred) {
			return world.catalog.completeAudits(resolve(cred).id);
		},
		/** The image URLs the account uploaded (#3) or had generated (#4), in order. @param {Partial<Credential> | string} cred @returns {string[]} */
		uploadedImages(cred) {
			return world.images.of(resolve(cred).id).map((i) => i.url);
		},
		/**
		 * End a PROCESSING image task (SUCCESS or FAIL) now, and send its callback (partner, notify URL set).
		 * @param {Partial<Credential> | string} cred @param {string} taskId @param {'SUCCESS' | 'FAIL'} [taskState]
		 * @returns {Record<string, any>} the task as #5 answers it
		 */
		finishImageTask(cred, taskId, taskState = 'SUCCESS') {
			const account = resolve(cred);
			const task = [...world.imageTasks.values()].find((t) => t.ownerId === account.id && t.task_id === taskId);
			if (!task) throw new Error(`sandbox: unknown image task ${taskId} for this account`);
			if (taskState !== 'SUCCESS' && taskState !== 'FAIL') throw new Error('sandbox: an image task ends SUCCESS or FAIL');
			finishTask(world, events, account, task, taskState, now());
			return taskView(task);
		},
		/**
		 * A paid (or other state) order of a service provider account, queried by #transactions and refunded by
		 * #refunds. With `subMchid` it is a partner order (sp_mchid = the account), else a direct one (mchid = the account).
		 * @param {Partial<Credential> | string} cred @param {import('./models/payments').TransactionSeed} [o]
		 * @returns {Record<string, any>} the order as the query answers it
		 */
		seedTransaction(cred, o = {}) {
			return transactionView(world.payments.seed(resolve(cred), o, now()));
		},
		/**
		 * Send a TRANSACTION.SUCCESS callback (original_type / associated_data `transaction`) to `url` (forwardCallbacks
		 * apply; retried like the others). `transaction`: an out_trade_no seeded for this account (its order is the
		 * resource), or the decrypted resource itself.
		 * @param {Partial<Credential> | string} cred @param {string} url @param {string | Record<string, unknown>} transaction
		 * @returns {string} the notification id
		 */
		sendPaymentCallback(cred, url, transaction) {
			const account = resolve(cred);
			if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new Error('sandbox: sendPaymentCallback needs an http(s) URL');
			let payload = transaction;
			if (typeof transaction === 'string') {
				const tx = [...world.payments.transactions.values()].find((t) => t.ownerId === account.id && t.out_trade_no === transaction);
				if (!tx) throw new Error(`sandbox: unknown out_trade_no ${transaction} for this account`);
				payload = transactionView(tx);
			}
			if (!payload || typeof payload !== 'object') throw new Error('sandbox: sendPaymentCallback needs an out_trade_no or a transaction object');
			const key = String(/** @type {Record<string, unknown>} */ (payload).out_trade_no || '');
			return /** @type {string} */ (delivery.send(account, 'TRANSACTION.SUCCESS', /** @type {Record<string, unknown>} */ (payload), key, { notifyUrl: url, originalType: 'transaction', associatedData: 'transaction', summary: '支付成功' }));
		},
		/**
		 * End a PROCESSING refund now with SUCCESS, ABNORMAL or CLOSED; its REFUND.<status> callback goes to the
		 * refund's notify_url. @param {Partial<Credential> | string} cred @param {string} outRefundNo
		 * @param {'SUCCESS' | 'ABNORMAL' | 'CLOSED'} [status] @returns {Record<string, any>} the refund as the query answers it
		 */
		finishRefund(cred, outRefundNo, status = 'SUCCESS') {
			const account = resolve(cred);
			const refund = world.payments.refunds.get(`${account.id}|${outRefundNo}`);
			if (!refund) throw new Error(`sandbox: unknown refund ${outRefundNo} for this account`);
			if (!['SUCCESS', 'ABNORMAL', 'CLOSED'].includes(status)) throw new Error('sandbox: a refund ends SUCCESS, ABNORMAL or CLOSED');
			finishRefund(events, account, refund, status, now());
			return refundView(refund);
		},
		/**
		 * A new platform certificate for a platformCertificate / both account: GET /v3/certificates lists it next to
		 * the old one. `activate`: answers and callbacks are signed with it from now on (default: not yet).
		 * @param {Partial<Credential> | string} cred @param {{ activate?: boolean }} [o]
		 * @returns {{ serial_no: string, certificate: string }}
		 */
		rotatePlatformCertificate(cred, o = {}) {
			const c = accounts.rotatePlatformCertificate(resolve(cred), Boolean(o.activate));
			return { serial_no: c.serial, certificate: c.pem };
		},
		/** Change a stock's state (AUDITING | SENDING | PAUSED | DEACTIVATED). @param {Partial<Credential> | string} cred @param {string} stockId @param {string} stockState */
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
			return claimToken(world, accounts, token, now(), events, settings);
		},
		/** Deliver notify URLs starting with `httpsPrefix` to `localPrefix` + the rest. @param {string} httpsPrefix @param {string} localPrefix */
		forwardCallbacks(httpsPrefix, localPrefix) {
			delivery.forward(httpsPrefix, localPrefix);
		},
		/** one entry per attempt: `{ id, notifyUrl, url, eventType, couponCode, attempt, status? , error? }` */
		get callbackDeliveries() {
			return delivery.log;
		},
		/** @returns {Promise<void>} resolves when no image task or refund timer, callback delivery or retry is pending */
		async callbacksSettled() {
			do {
				await scheduler.settled();
				await delivery.settled();
			} while (scheduler.timers.size > 0 || delivery.pending > 0);
		},
		/** Stop listening; ends pending slow answers and open connections. */
		async close() {
			if (closed) return;
			closed = true;
			scheduler.close();
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

module.exports = { startSandbox, CALLBACK_VARIANTS, ALL_FAULTS, RESPONSE_FAULTS, TRANSPORT_FAULTS, DOWNLOAD_FAULTS };
