// @ts-check
'use strict';
/**
 * Everything the endpoints read and change besides the accounts: the catalog (brands, AppIDs, stores, product
 * coupons, stocks, bundles), the uploaded images and image tasks, the user coupons, the payments and refunds, the
 * bill files, the request numbers seen. A backup host (`shareAccountsWith`) shares the world too.
 */
const crypto = require('crypto');
const { Catalog } = require('./catalog');
const { UserCouponStore } = require('./userCoupons');
const { RequestNumbers } = require('./requestNumbers');
const { ImageStore } = require('./images');
const { PaymentStore } = require('./payments');

/**
 * @typedef {{ catalog: Catalog, coupons: UserCouponStore, requestNumbers: RequestNumbers, pageSecret: Buffer,
 *   images: ImageStore, imageTasks: Map<string, import('./imageTasks').ImageTask>, payments: PaymentStore,
 *   billFiles: Map<string, import('./bills').BillFile>, seq: number }} World
 *   seq: counts the requests that reached a handler (an audit finishes on a later request than its create)
 * @typedef {{ couponsSent: (account: import('../accounts').Account, coupons: import('./userCoupons').UserCoupon[]) => void,
 *   notify: (account: import('../accounts').Account, eventType: string, payload: Record<string, unknown>, key: string,
 *     options?: import('../callback-delivery').SendOptions) => string | null,
 *   after: (delayMs: number, fn: () => void) => void }} Events
 *   what a handler reports to the host that served it (callbacks are sent, and timers run, by that host)
 */

/** @returns {World} */
function createWorld() {
	return {
		catalog: new Catalog(),
		coupons: new UserCouponStore(),
		requestNumbers: new RequestNumbers(),
		pageSecret: crypto.randomBytes(32),
		images: new ImageStore(),
		imageTasks: new Map(),
		payments: new PaymentStore(),
		billFiles: new Map(),
		seq: 0,
	};
}

/** Before each handler: count the request and finish the audits that are due. @param {World} world @param {number} nowMs */
function tick(world, nowMs) {
	world.seq += 1;
	world.catalog.advanceAudits(nowMs, world.seq);
}

module.exports = { createWorld, tick };
