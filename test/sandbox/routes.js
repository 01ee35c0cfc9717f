// @ts-check
'use strict';
/**
 * Every endpoint the sandbox serves, under both prefixes (router.js): method, path, rate class, handler.
 * A later model adds its routes here.
 */
const { compileRoutes } = require('./router');
const { NOTIFY_CONFIG_ROUTES } = require('./models/notifyConfig');
const { USER_COUPON_ROUTES } = require('./models/userCouponEndpoints');

const ROUTES = compileRoutes([...NOTIFY_CONFIG_ROUTES, ...USER_COUPON_ROUTES]);

module.exports = { ROUTES };
