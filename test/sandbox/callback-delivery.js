// @ts-check
'use strict';
/**
 * Sends callbacks the way WeChat Pay does (digest §7): after the answer (never holding it up), to the account's
 * product coupon notify URL (or, for refunds and payments, the URL the request or the test named), retried when
 * the receiver does not answer 2xx or cannot be reached — every 60 s, up to 11 times, unless `retryDelaysMs` says
 * otherwise. A retry is the same notification (same `id`, `create_time`,
 * payload), freshly signed. Notify URLs are public https hosts, so `forward()` maps a prefix to a local address,
 * as a reverse proxy in front of a local n8n would.
 */
const crypto = require('crypto');
const { buildCallback, postCallback } = require('./callbacks');
const { beijingTime } = require('./signing');

const WECHATPAY_RETRY_DELAYS_MS = Array(11).fill(60000);
const RECEIVER_TIMEOUT_MS = 5000; // WeChat Pay wants an answer within 5 s

/**
 * @typedef {{ id: string, notifyUrl: string, url: string, eventType: string, key: string, couponCode?: string, attempt: number,
 *   status?: number, error?: string }} DeliveryAttempt
 *   key: what the callback is about (coupon code, task_id, out_refund_no, out_trade_no); couponCode: the same, on
 *   product coupon SEND callbacks only
 * @typedef {{ notifyUrl?: string, originalType?: string, associatedData?: string, summary?: string }} SendOptions
 *   notifyUrl: instead of the account's product coupon notify URL; the rest: the envelope's (callbacks.js)
 * @typedef {{ id: string, createTime: string, account: import('./accounts').Account, notifyUrl: string, eventType: string,
 *   payload: Record<string, unknown>, key: string, coupon: boolean, envelope: SendOptions }} Job
 */

class CallbackDelivery {
	/** @param {{ now: () => number, retryDelaysMs?: number[] }} o */
	constructor(o) {
		const delays = o.retryDelaysMs === undefined ? WECHATPAY_RETRY_DELAYS_MS : o.retryDelaysMs;
		if (!Array.isArray(delays) || !delays.every((d) => Number.isFinite(d) && d >= 0)) throw new Error('sandbox: callbackRetryDelaysMs must be an array of delays in ms');
		this.now = o.now;
		this.retryDelaysMs = [...delays];
		/** @type {Array<{ from: string, to: string }>} */
		this.forwards = [];
		/** @type {DeliveryAttempt[]} one entry per attempt */
		this.log = [];
		this.pending = 0;
		/** @type {Array<() => void>} */
		this.waiters = [];
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Set<AbortController>} */
		this.inFlight = new Set();
		this.closed = false;
	}

	/** @param {string} httpsPrefix @param {string} localPrefix */
	forward(httpsPrefix, localPrefix) {
		if (typeof httpsPrefix !== 'string' || !httpsPrefix.startsWith('https://')) throw new Error('sandbox: forwardCallbacks needs an https:// prefix (what notify URLs start with)');
		if (typeof localPrefix !== 'string' || !/^https?:\/\//.test(localPrefix)) throw new Error('sandbox: forwardCallbacks needs an http(s):// local prefix');
		this.forwards = [...this.forwards.filter((f) => f.from !== httpsPrefix), { from: httpsPrefix, to: localPrefix }].sort((a, b) => b.from.length - a.from.length);
	}

	/** Where a notify URL is actually delivered. @param {string} notifyUrl */
	target(notifyUrl) {
		const f = this.forwards.find((x) => notifyUrl.startsWith(x.from));
		return f ? f.to + notifyUrl.slice(f.from.length) : notifyUrl;
	}

	/**
	 * Queue one callback; nothing happens when there is no URL to send it to. Without `o.notifyUrl` it is a product
	 * coupon callback to the account's notify URL (`key` is then logged as `couponCode` too for SEND events).
	 * @param {import('./accounts').Account} account @param {string} eventType @param {Record<string, unknown>} payload @param {string} key
	 * @param {SendOptions} [o] @returns {string | null} the notification id
	 */
	send(account, eventType, payload, key, o = {}) {
		const notifyUrl = o.notifyUrl !== undefined ? o.notifyUrl : account.notifyUrl;
		if (this.closed || notifyUrl === null) return null;
		/** @type {SendOptions} */
		const envelope = {};
		if (o.originalType !== undefined) envelope.originalType = o.originalType;
		if (o.associatedData !== undefined) envelope.associatedData = o.associatedData;
		if (o.summary !== undefined) envelope.summary = o.summary;
		/** @type {Job} */
		const job = { id: crypto.randomUUID(), createTime: beijingTime(this.now()), account, notifyUrl, eventType, payload, key, coupon: eventType.endsWith('.SEND'), envelope };
		this.pending += 1;
		setImmediate(() => void this.attempt(job, 1));
		return job.id;
	}

	/** @param {Job} job @param {number} n */
	async attempt(job, n) {
		if (this.closed) return this.finished();
		const url = this.target(job.notifyUrl);
		/** @type {DeliveryAttempt} */
		const entry = { id: job.id, notifyUrl: job.notifyUrl, url, eventType: job.eventType, key: job.key, ...(job.coupon ? { couponCode: job.key } : {}), attempt: n };
		const controller = new AbortController();
		this.inFlight.add(controller);
		try {
			const built = buildCallback(job.account, this.now(), { ...job.envelope, eventType: job.eventType, payload: job.payload, id: job.id, createTime: job.createTime });
			const reply = await postCallback(url, built, { timeoutMs: RECEIVER_TIMEOUT_MS, signal: controller.signal });
			entry.status = reply.status;
		} catch (error) {
			entry.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.inFlight.delete(controller);
		}
		this.log.push(entry);
		const delivered = entry.status !== undefined && entry.status >= 200 && entry.status < 300;
		if (delivered || this.closed || n > this.retryDelaysMs.length) return this.finished();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.attempt(job, n + 1);
		}, this.retryDelaysMs[n - 1]);
		timer.unref();
		this.timers.add(timer);
	}

	finished() {
		this.pending -= 1;
		if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
	}

	/** @returns {Promise<void>} resolves when no delivery or retry is pending */
	settled() {
		return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
	}

	/** Stop: pending retries are dropped, attempts in flight aborted. */
	close() {
		this.closed = true;
		for (const timer of this.timers) {
			clearTimeout(timer);
			this.finished();
		}
		this.timers.clear();
		for (const controller of this.inFlight) controller.abort();
	}
}

module.exports = { CallbackDelivery, WECHATPAY_RETRY_DELAYS_MS };
