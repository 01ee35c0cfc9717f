// @ts-check
'use strict';
/**
 * Every endpoint the sandbox serves: method, path, rate class, body kind, handler. Product coupon routes are served
 * under both prefixes (router.js); `root` routes have an absolute path. A later model adds its routes here.
 */
const { compileRoutes } = require('./router');
const { NOTIFY_CONFIG_ROUTES } = require('./models/notifyConfig');
const { IMAGE_ROUTES } = require('./models/images');
const { IMAGE_TASK_ROUTES } = require('./models/imageTasks');
const { PRODUCT_COUPON_ROUTES } = require('./models/productCoupons');
const { STOCK_ROUTES } = require('./models/stocks');
const { STORE_ROUTES } = require('./models/storeAssociations');
const { STOCK_BUNDLE_ROUTES } = require('./models/stockBundles');
const { USER_COUPON_ROUTES } = require('./models/userCouponEndpoints');
const { PAYMENT_ROUTES } = require('./models/payments');
const { REFUND_ROUTES } = require('./models/refunds');
const { BILL_ROUTES } = require('./models/bills');
const { CERTIFICATE_ROUTES } = require('./models/certificates');
const { SANDBOX_ECHO_ROUTES } = require('./models/sandboxEcho');

const ROUTES = compileRoutes([
	...NOTIFY_CONFIG_ROUTES,
	...IMAGE_ROUTES,
	...IMAGE_TASK_ROUTES,
	...PRODUCT_COUPON_ROUTES,
	...STOCK_ROUTES,
	...STORE_ROUTES,
	...STOCK_BUNDLE_ROUTES,
	...USER_COUPON_ROUTES,
	...PAYMENT_ROUTES,
	...REFUND_ROUTES,
	...BILL_ROUTES,
	...CERTIFICATE_ROUTES,
	...SANDBOX_ECHO_ROUTES,
]);

module.exports = { ROUTES };
