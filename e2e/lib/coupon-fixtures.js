// @ts-check
// The e2e's campaign and coupon life-cycle workflows (`n8n import:workflow` JSON), for both account types, built
// from what the sandbox seeded for the run (a brand with an AppID, a product coupon with a stock).
'use strict';

const { randomUUID } = require('crypto');
const { ACTION, credentialRef, publicNotifyUrl, confirmExampleWebhookId } = require('./fixtures');

const ACCOUNT_TYPES = /** @type {const} */ (['serviceProvider', 'brand']);
const LABEL = { serviceProvider: 'service provider', brand: 'brand' };

const ids = {
	// Read a PNG from disk → Image → Upload → Product Coupon → Create, per account type
	campaign: 'WcpCampaignE2E01',
	// Set notify URL (to the confirm example's public URL) → User Coupon → Send, per account type
	send: 'WcpLifeSendE2E01',
	// User Coupon → Get Many (the user's coupons of the stock) → Get → Redeem → Return, per account type
	redeem: 'WcpLifeRedeem001',
};

const BANNER_FILE = 'coupon-banner.png';
const OPENID = 'oUpF8uE2eLifecycle000000001';
const TRANSACTION_ID = '4200000985202011201234567890';

/** The name of a node for an account type: "Send coupon (service provider)". */
const nodeName = (what, accountType) => `${what} (${LABEL[accountType]})`;

/** A stock's plain fields that pass WeChat Pay's rules (as test/helpers/campaignWorld.ts stockParameters). */
function stockParameters(appid) {
	const day = 24 * 3600 * 1000;
	const beijing = (ms) => `${new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;
	const begin = Math.floor(Date.now() / 1000) * 1000 - 60_000;
	return {
		maxCount: 1000,
		maxCountPerUser: 2,
		availableBeginTime: beijing(begin),
		availableEndTime: beijing(begin + 30 * day),
		usageDescription: 'Show the coupon at the till',
		notifyAppid: appid,
	};
}

/** What the Create node sends for an account type (the body is checked against it). */
function createParameters(accountType, brand) {
	return {
		resource: 'productCoupon',
		operation: 'create',
		...(accountType === 'brand' ? {} : { brandId: brand.brand_id }),
		scope: 'ALL',
		usageMode: 'SINGLE',
		type: 'NORMAL',
		threshold: 5000,
		discountAmount: 500,
		name: '5 off 50',
		imageUrl: '={{ $json.image_url }}',
		backgroundUrl: '={{ $json.image_url }}',
		...stockParameters(brand.appid),
	};
}

/** A workflow of one manual trigger and, per account type, a chain of nodes in a row of its own. */
function chains(id, name, first, chainOf) {
	const nodes = [{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} }];
	const connections = {};
	const link = (from, to) => (connections[from] ??= { main: [[]] }).main[0].push({ node: to, type: 'main', index: 0 });
	let shared = 'Start';
	if (first) {
		nodes.push({ id: randomUUID(), position: [220, 300], ...first });
		link('Start', first.name);
		shared = first.name;
	}
	ACCOUNT_TYPES.forEach((accountType, row) => {
		let previous = shared;
		chainOf(accountType).forEach((node, column) => {
			nodes.push({
				id: randomUUID(),
				typeVersion: 1,
				position: [(first ? 440 : 220) + column * 220, 200 + row * 200],
				type: ACTION,
				credentials: credentialRef(accountType),
				...node,
			});
			link(previous, node.name);
			previous = node.name;
		});
	});
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * Start → Read/Write Files from Disk (a PNG in n8n's allowed folder) → per account type Image → Upload and
 * Product Coupon → Create with the uploaded image.
 * @param {{ pngPath: string, brands: Record<'serviceProvider' | 'brand', { brand_id: string, appid: string }> }} o
 */
function campaignWorkflow({ pngPath, brands }) {
	const read = {
		name: 'Read banner',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: { operation: 'read', fileSelector: pngPath, options: {} },
	};
	return chains(ids.campaign, 'E2E: upload a banner from disk, create a product coupon with it', read, (accountType) => [
		{ name: nodeName('Upload image', accountType), parameters: { resource: 'image', operation: 'upload', binaryPropertyName: 'data' } },
		{ name: nodeName('Create coupon', accountType), parameters: createParameters(accountType, brands[accountType]) },
	]);
}

/** The seeded stock's identity as node parameters (a service provider names the brand, a brand leaves it out). */
function couponParameters(accountType, seeded) {
	return {
		...(accountType === 'brand' ? {} : { brandId: seeded.brand_id }),
		openid: OPENID,
		productCouponId: seeded.product_coupon_id,
		stockId: seeded.stock_id,
		appid: seeded.appid,
	};
}

/** The notify URL the life cycle sets: the confirm example's trigger behind a public https n8n. */
function lifecycleNotifyUrl(accountType) {
	return publicNotifyUrl(confirmExampleWebhookId(accountType));
}

/**
 * Start → per account type Set notify URL (the confirm example's public URL) → Send (a coupon of the seeded stock).
 * @param {Record<'serviceProvider' | 'brand', { brand_id: string, product_coupon_id: string, stock_id?: string, appid: string }>} seeded
 */
function sendWorkflow(seeded) {
	return chains(ids.send, 'E2E: set the notify URL to the confirm example, send a coupon', null, (accountType) => [
		{ name: nodeName('Set notify URL', accountType), parameters: { resource: 'notifyConfig', operation: 'set', notifyUrl: lifecycleNotifyUrl(accountType), options: {} } },
		{ name: nodeName('Send coupon', accountType), parameters: { resource: 'userCoupon', operation: 'send', ...couponParameters(accountType, seeded[accountType]) } },
	]);
}

/**
 * Start → per account type Get Many (the user's coupons of the stock: the one sent) → Get → Redeem (against a
 * transaction) → Return, each taking the coupon code from the node before.
 * @param {Record<'serviceProvider' | 'brand', { brand_id: string, product_coupon_id: string, stock_id?: string, appid: string }>} seeded
 */
function redeemWorkflow(seeded) {
	return chains(ids.redeem, 'E2E: find, get, redeem and return the coupon', null, (accountType) => {
		const coupon = couponParameters(accountType, seeded[accountType]);
		const withCode = { ...coupon, couponCode: '={{ $json.coupon_code }}' };
		return [
			{ name: nodeName('Find coupon', accountType), parameters: { resource: 'userCoupon', operation: 'getMany', ...coupon, returnAll: true } },
			{ name: nodeName('Get coupon', accountType), parameters: { resource: 'userCoupon', operation: 'get', ...withCode } },
			{ name: nodeName('Redeem coupon', accountType), parameters: { resource: 'userCoupon', operation: 'use', ...withCode, transactionId: TRANSACTION_ID } },
			{ name: nodeName('Return coupon', accountType), parameters: { resource: 'userCoupon', operation: 'return', ...withCode } },
		];
	});
}

module.exports = {
	ACCOUNT_TYPES,
	ids,
	BANNER_FILE,
	OPENID,
	TRANSACTION_ID,
	nodeName,
	campaignWorkflow,
	sendWorkflow,
	redeemWorkflow,
	lifecycleNotifyUrl,
};
