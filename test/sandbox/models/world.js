// @ts-check
'use strict';
/**
 * Everything the endpoints read and change besides the accounts: the catalog (brands, AppIDs, product coupons,
 * stocks), the user coupons, the request numbers seen. A backup host (`shareAccountsWith`) shares the world too.
 */
const crypto = require('crypto');
const { Catalog } = require('./catalog');
const { UserCouponStore } = require('./userCoupons');
const { RequestNumbers } = require('./requestNumbers');

/**
 * @typedef {{ catalog: Catalog, coupons: UserCouponStore, requestNumbers: RequestNumbers, pageSecret: Buffer }} World
 * @typedef {{ couponsSent: (account: import('../accounts').Account, coupons: import('./userCoupons').UserCoupon[]) => void }} Events
 *   what a handler reports to the host that served it (callbacks are sent by that host)
 */

/** @returns {World} */
function createWorld() {
	return { catalog: new Catalog(), coupons: new UserCouponStore(), requestNumbers: new RequestNumbers(), pageSecret: crypto.randomBytes(32) };
}

module.exports = { createWorld };
