// @ts-check
'use strict';
/**
 * Things WeChat Pay finishes later, on its own (an image-generation task, a refund): a host timer per change,
 * counted so that `callbacksSettled()` can wait for the change and the callback it sends. `close()` drops them.
 * A delay of Infinity never fires by itself (the test API finishes the object by hand).
 */

class Scheduler {
	constructor() {
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Array<() => void>} */
		this.waiters = [];
		this.closed = false;
	}

	/** @param {number} delayMs @param {() => void} fn */
	after(delayMs, fn) {
		if (this.closed || !Number.isFinite(delayMs)) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			try {
				fn();
			} finally {
				this.wake();
			}
		}, Math.max(0, delayMs));
		timer.unref();
		this.timers.add(timer);
	}

	wake() {
		if (this.timers.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
	}

	/** @returns {Promise<void>} resolves when no timer is pending */
	settled() {
		return this.timers.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
	}

	close() {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.wake();
	}
}

module.exports = { Scheduler };
