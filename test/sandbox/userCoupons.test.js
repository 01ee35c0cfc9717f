// @ts-check
'use strict';
/**
 * User-coupon endpoints #25–#35 of the sandbox, driven by the tests' own minimal client (minimal-client.js), for
 * both account types: life cycle, reads and pagination, every state rule, request numbers, brand_id and appid
 * rules, field and path rules, bundles, pre-send tokens, callbacks with retries, faults, rate classes.
 */
const http = require('http');
const { startSandbox } = require('.');
const { request, verifies, numericCode, decryptResource } = require('./minimal-client');

/**
 * @typedef {import('./minimal-client').Cred} Cred
 * @typedef {import('./minimal-client').Reply} Reply
 * @typedef {import('./models/catalog').SeedResult} Seed
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox
 */

const TYPES = /** @type {const} */ (['serviceProvider', 'brand']);

/** RFC 3339 in Beijing time @param {number} ms */
const beijing = (ms) => new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
let serial = 0;
/** a fresh request number @param {string} prefix */
const no = (prefix) => `${prefix}_${Date.now().toString(36)}_${++serial}`;
/** a fresh openid */
const openid = () => `oUser_${++serial}_${Math.random().toString(36).slice(2, 10)}`;
/** @param {Record<string, unknown>} q */
const qs = (q) => new URLSearchParams(/** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)))).toString();

/**
 * Calls of one account on one seeded product coupon. brand_id is added for service providers (not for brands).
 * @param {Cred} cred @param {Seed} seed @param {{ now?: () => number }} [o]
 */
function client(cred, seed, o = {}) {
	const partner = cred.accountType === 'serviceProvider';
	/** @param {Record<string, unknown>} body */
	const b = (body) => (partner ? { brand_id: seed.brand_id, ...body } : body);
	const ts = () => (o.now ? o.now() : Date.now());
	const uc = { product_coupon_id: seed.product_coupon_id, stock_id: seed.stock_id, appid: seed.appid };
	/** @param {string} path @param {unknown} body */
	const post = (path, body) => request(cred, { path, body, timestamp: ts() });
	/** @param {string} path */
	const get = (path) => request(cred, { path, timestamp: ts() });
	const api = {
		cred,
		b,
		uc,
		/** @param {string} user @param {Record<string, unknown>} [extra] */
		send: (user, extra = {}) => post(`/users/${user}/coupons`, b({ product_coupon_id: seed.product_coupon_id, stock_id: seed.stock_id, appid: seed.appid, send_request_no: no('SEND'), ...extra })),
		/** @param {string} user @param {Record<string, unknown>} [extra] */
		preSend: (user, extra = {}) => post(`/users/${user}/pre-send-coupon`, b({ product_coupon_id: seed.product_coupon_id, stock_id: seed.stock_id, appid: seed.appid, send_request_no: no('PRE'), ...extra })),
		/** @param {string} user @param {Record<string, unknown>} [extra] */
		sendBundle: (user, extra = {}) => post(`/users/${user}/coupon-bundles`, b({ product_coupon_id: seed.product_coupon_id, stock_bundle_id: seed.stock_bundle_id, appid: seed.appid, send_request_no: no('SENDB'), ...extra })),
		/** @param {string} user @param {Record<string, unknown>} [extra] */
		preSendBundle: (user, extra = {}) => post(`/users/${user}/pre-send-coupon-bundle`, b({ product_coupon_id: seed.product_coupon_id, stock_bundle_id: seed.stock_bundle_id, appid: seed.appid, send_request_no: no('PREB'), ...extra })),
		/** @param {string} user @param {Record<string, unknown>} [query] */
		list: (user, query = {}) => get(`/users/${user}/coupons?${qs(b({ appid: seed.appid, ...query }))}`),
		/** @param {string} user @param {string} code @param {Record<string, unknown>} [query] */
		get: (user, code, query = {}) => get(`/users/${user}/coupons/${code}?${qs(b({ ...uc, ...query }))}`),
		/** @param {string} user @param {string} code @param {Record<string, unknown>} [extra] @param {string} [stockId] */
		confirm: (user, code, extra = {}, stockId = seed.stock_id) => post(`/users/${user}/coupons/${code}/confirm`, b({ ...uc, stock_id: stockId, out_request_no: no('CONFIRM'), ...extra })),
		/** @param {string} user @param {string} code @param {Record<string, unknown>} [extra] @param {string} [stockId] */
		use: (user, code, extra = {}, stockId = seed.stock_id) =>
			post(`/users/${user}/coupons/${code}/use`, b({ ...uc, stock_id: stockId, use_time: beijing(ts()), out_request_no: no('USE'), associated_order_info: { transaction_id: '4200000000202501011234567890' }, ...extra })),
		/** @param {string} user @param {string} code @param {Record<string, unknown>} [extra] @param {string} [stockId] */
		ret: (user, code, extra = {}, stockId = seed.stock_id) => post(`/users/${user}/coupons/${code}/return`, b({ ...uc, stock_id: stockId, out_request_no: no('RETURN'), ...extra })),
		/** @param {string} user @param {string} code @param {Record<string, unknown>} [extra] @param {string} [stockId] */
		deactivate: (user, code, extra = {}, stockId = seed.stock_id) =>
			post(`/users/${user}/coupons/${code}/deactivate`, b({ ...uc, stock_id: stockId, out_request_no: no('DEACT'), deactivate_reason: '测试失效', ...extra })),
		/** @param {string} user @param {string} bundleId @param {Record<string, unknown>} [extra] */
		deactivateBundle: (user, bundleId, extra = {}) =>
			post(`/users/${user}/coupon-bundles/${bundleId}/deactivate`, b({ product_coupon_id: seed.product_coupon_id, stock_bundle_id: seed.stock_bundle_id, appid: seed.appid, out_request_no: no('DEACTB'), deactivate_reason: '测试失效', ...extra })),
	};
	return api;
}

/** @param {Reply} r @param {number} status @param {string} code @param {number | null} [numeric] */
function expectError(r, status, code, numeric) {
	expect([r.status, r.json && r.json.code]).toEqual([status, code]);
	expect(typeof r.json.message).toBe('string');
	expect(r.headers['wechatpay-signature']).toBeUndefined();
	if (numeric !== undefined) expect(numericCode(r)).toBe(numeric);
}

/** @param {Reply} r @param {Cred} cred */
function expectOk(r, cred) {
	if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${r.raw.toString('utf8')}`);
	expect(verifies(r, cred)).toBe(true);
	expect(r.headers['request-id']).toMatch(/^[0-9A-F]+$/);
}

/** @type {Sandbox} */
let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerSecond: 1000, callbackRetryDelaysMs: [200, 400] });
});
afterAll(() => sandbox.close());

/** one account per type (RSA key generation is slow); every test seeds its own product coupon */
/** @type {Partial<Record<'serviceProvider' | 'brand', Cred>>} */
const accounts = {};
/** @param {'serviceProvider' | 'brand'} accountType @param {import('./models/catalog').SeedOptions} [o] */
function fresh(accountType, o = {}) {
	const cred = accounts[accountType] || (accounts[accountType] = /** @type {Cred} */ (sandbox.createAccount({ accountType })));
	const seed = sandbox.seedProductCoupon(cred, o);
	return { cred, seed, api: client(cred, seed) };
}
/** the stored coupons of one seeded product coupon @param {Cred} cred @param {Seed} seed */
const couponsOf = (cred, seed) => sandbox.userCoupons(cred).filter((c) => c.product_coupon_id === seed.product_coupon_id);

// ---------------------------------------------------------------- life cycle

describe.each(TYPES)('%s', (accountType) => {
	test('seeding: ids, brand and appid as documented', () => {
		const { seed } = fresh(accountType);
		expect(seed.product_coupon_id).toMatch(/^\d+$/);
		expect(seed.stock_id).toMatch(/^\d+$/);
		expect(seed.stock_ids).toEqual([seed.stock_id]);
		expect(seed.appid).toMatch(/^wx[0-9a-f]{16}$/);
		expect(seed.brand_id).toMatch(/^\d+$/);
	});

	test('send → confirm → use → return → deactivate, every answer signed, every wrong-state call refused', async () => {
		const { cred, seed, api } = fresh(accountType);
		const user = openid();
		const sent = await api.send(user, { attach: '订单 A-1' });
		expectOk(sent, cred);
		const c = sent.json;
		expect(c).toEqual(
			expect.objectContaining({ coupon_state: 'CONFIRMING', send_channel: 'API', attach: '订单 A-1', receive_time: expect.stringMatching(/\+08:00$/), valid_begin_time: expect.any(String), valid_end_time: expect.any(String) }),
		);
		expect(c.coupon_code).toMatch(/^\d+$/);
		expect(c.product_coupon.product_coupon_id).toBe(seed.product_coupon_id);
		expect(c.stock.stock_id).toBe(seed.stock_id);
		expect(c.stock.state).toBe('SENDING');
		expect(c.stock.sent_count_info.total_count).toBe(1);
		if (accountType === 'serviceProvider') {
			expect([c.brand_id, c.product_coupon.brand_id, c.stock.brand_id]).toEqual([seed.brand_id, seed.brand_id, seed.brand_id]);
		} else {
			expect(JSON.stringify(c)).not.toMatch(/brand_id/);
		}
		const code = c.coupon_code;

		const read = await api.get(user, code);
		expectOk(read, cred);
		expect(read.json).toEqual(c);

		expectError(await api.use(user, code), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.ret(user, code), 400, 'INVALID_REQUEST', 268578367);

		const confirmNo = no('CONFIRM');
		const confirmed = await api.confirm(user, code, { out_request_no: confirmNo });
		expectOk(confirmed, cred);
		expect(confirmed.json).toEqual(expect.objectContaining({ coupon_state: 'EFFECTIVE', confirm_request_no: confirmNo, confirm_time: expect.stringMatching(/\+08:00$/) }));
		expectError(await api.confirm(user, code), 400, 'INVALID_REQUEST', 268578367);

		const useNo = no('USE');
		const useTime = beijing(Date.now());
		const used = await api.use(user, code, { out_request_no: useNo, use_time: useTime, store_id: '1001' });
		expectOk(used, cred);
		expect(used.json.coupon_state).toBe('USED');
		expect(used.json.single_usage_detail).toEqual({ use_request_no: useNo, use_time: useTime, associated_order_info: { transaction_id: '4200000000202501011234567890' } });
		expectError(await api.use(user, code), 400, 'INVALID_REQUEST', 272756745);
		expectError(await api.deactivate(user, code), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.confirm(user, code), 400, 'INVALID_REQUEST', 268578367);

		const returnNo = no('RETURN');
		const returned = await api.ret(user, code, { out_request_no: returnNo });
		expectOk(returned, cred);
		expect(returned.json.coupon_state).toBe('EFFECTIVE');
		expect(returned.json.single_usage_detail).toEqual(expect.objectContaining({ use_request_no: useNo, return_request_no: returnNo, return_time: expect.stringMatching(/\+08:00$/) }));
		expectError(await api.ret(user, code), 400, 'INVALID_REQUEST', 268578367);

		// returned to the user: usable again, with another order
		const usedAgain = await api.use(user, code, { associated_pay_score_order_info: { out_order_no: 'PAYSCORE_1', mchid: '1230000109' }, associated_order_info: undefined });
		expectOk(usedAgain, cred);
		expect(usedAgain.json.single_usage_detail.associated_pay_score_order_info).toEqual({ out_order_no: 'PAYSCORE_1', mchid: '1230000109' });
		expectOk(await api.ret(user, code), cred);

		const deactivateNo = no('DEACT');
		const deactivated = await api.deactivate(user, code, { out_request_no: deactivateNo, deactivate_reason: '活动结束' });
		expectOk(deactivated, cred);
		expect(deactivated.json).toEqual(expect.objectContaining({ coupon_state: 'DEACTIVATED', deactivate_request_no: deactivateNo, deactivate_reason: '活动结束', deactivate_time: expect.any(String) }));
		expectError(await api.use(user, code), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.confirm(user, code), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.ret(user, code), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.deactivate(user, code), 400, 'INVALID_REQUEST', 268578367);

		expect(sandbox.userCoupon(cred, code)).toEqual(expect.objectContaining({ coupon_state: 'DEACTIVATED', openid: user, appid: seed.appid }));
		expect(couponsOf(cred, seed).map((x) => x.coupon_code)).toEqual([code]);
	});

	test('CONFIRMING and PENDING coupons can be deactivated; PENDING cannot be used yet (272755715)', async () => {
		const { cred, api } = fresh(accountType, { validDays: 3, waitDaysAfterReceive: 1 });
		const user = openid();
		const a = (await api.send(user)).json.coupon_code;
		const b = (await api.send(user)).json.coupon_code;
		const pending = await api.confirm(user, a);
		expectOk(pending, cred);
		expect(pending.json.coupon_state).toBe('PENDING');
		expect(Date.parse(pending.json.valid_begin_time) - Date.parse(pending.json.receive_time)).toBe(24 * 3600 * 1000);
		expect(Date.parse(pending.json.valid_end_time) - Date.parse(pending.json.valid_begin_time)).toBe(3 * 24 * 3600 * 1000 - 1000);
		expectError(await api.use(user, a, { use_time: pending.json.valid_begin_time }), 400, 'INVALID_REQUEST', 272755715);
		expect((await api.deactivate(user, a)).json.coupon_state).toBe('DEACTIVATED');
		expect((await api.deactivate(user, b)).json.coupon_state).toBe('DEACTIVATED');
	});

	test('a coupon deleted by the user: every operation answers 272756769', async () => {
		const { cred, api } = fresh(accountType);
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		expectOk(await api.confirm(user, code), cred);
		sandbox.deleteUserCoupon(cred, code);
		expect((await api.get(user, code)).json.coupon_state).toBe('DELETED');
		expectError(await api.use(user, code), 400, 'INVALID_REQUEST', 272756769);
		expectError(await api.deactivate(user, code), 400, 'INVALID_REQUEST', 272756769);
	});

	test('list: page_size 2 over 5 coupons gives 2 + 2 + 1, opaque tokens, no next_page_token on the last page', async () => {
		const { cred, seed, api } = fresh(accountType);
		const user = openid();
		const codes = [];
		for (let i = 0; i < 5; i++) codes.push((await api.send(user)).json.coupon_code);
		await api.send(openid()); // another user's coupon never shows up
		/** @type {string[]} */
		const seen = [];
		let token;
		const sizes = [];
		for (let page = 0; page < 3; page++) {
			const r = await api.list(user, { page_size: 2, ...(token ? { page_token: token } : {}) });
			expectOk(r, cred);
			expect(r.json.total_count).toBe(5);
			sizes.push(r.json.user_coupon_list.length);
			seen.push(...r.json.user_coupon_list.map((/** @type {any} */ c) => c.coupon_code));
			token = r.json.next_page_token;
			if (page < 2) expect(token).toEqual(expect.any(String));
			else expect('next_page_token' in r.json).toBe(false);
		}
		expect(sizes).toEqual([2, 2, 1]);
		expect(seen).toEqual(codes);

		const all = await api.list(user);
		expect([all.json.total_count, all.json.user_coupon_list.length, 'next_page_token' in all.json]).toEqual([5, 5, false]);

		// filters
		const code = codes[0];
		expectOk(await api.confirm(user, code), cred);
		const effective = await api.list(user, { coupon_state: 'EFFECTIVE' });
		expect(effective.json.user_coupon_list.map((/** @type {any} */ c) => c.coupon_code)).toEqual([code]);
		expect((await api.list(user, { coupon_state: 'CONFIRMING', stock_id: seed.stock_id, product_coupon_id: seed.product_coupon_id })).json.total_count).toBe(4);
		expect((await api.list(user, { stock_id: '12999999999' })).json).toEqual({ total_count: 0, user_coupon_list: [] });

		// a token belongs to its query and cannot be made up
		const first = await api.list(user, { page_size: 2 });
		expectError(await api.list(user, { page_size: 2, coupon_state: 'CONFIRMING', page_token: first.json.next_page_token }), 400, 'PARAM_ERROR');
		expectError(await api.list(openid(), { page_size: 2, page_token: first.json.next_page_token }), 400, 'PARAM_ERROR');
		const forged = Buffer.from(JSON.stringify({ o: 2 })).toString('base64url');
		expectError(await api.list(user, { page_size: 2, page_token: forged }), 400, 'PARAM_ERROR');
		expectError(await api.list(user, { page_size: 2, page_token: `${first.json.next_page_token}x` }), 400, 'PARAM_ERROR');
		expectError(await api.list(user, { page_size: 0 }), 400, 'PARAM_ERROR', 268435464);
		expectError(await api.list(user, { page_size: 51 }), 400, 'PARAM_ERROR', 268435464);
		expectError(await api.list(user, { page_size: 'ten' }), 400, 'PARAM_ERROR');
		expectError(await api.list(user, { coupon_state: 'USED_UP' }), 400, 'PARAM_ERROR');
		expect((await api.list(user, { page_size: 50 })).status).toBe(200);
	});

	test('send rules: per-user limit (CONFIRMING counts) 272756740, budget, stock state 268577984', async () => {
		const { cred, seed, api } = fresh(accountType, { maxCountPerUser: 2, maxCount: 3 });
		const user = openid();
		expectOk(await api.send(user), cred);
		expectOk(await api.send(user), cred);
		expectError(await api.send(user), 400, 'INVALID_REQUEST', 272756740);
		expectOk(await api.send(openid()), cred);
		const over = await api.send(openid());
		expectError(over, 400, 'INVALID_REQUEST', null); // budget exhausted: no documented numeric code
		expect(over.json.detail.issue).toMatch(/max_count/);

		const daily = fresh(accountType, { maxCountPerDay: 1 });
		expectOk(await daily.api.send(openid()), daily.cred);
		expect((await daily.api.send(openid())).json.detail.issue).toMatch(/max_count_per_day/);

		const paused = fresh(accountType);
		sandbox.setStockState(paused.cred, /** @type {string} */ (paused.seed.stock_id), 'PAUSED');
		expectError(await paused.api.send(openid()), 400, 'INVALID_REQUEST', 268577984);
		expectError(await paused.api.preSend(openid()), 400, 'INVALID_REQUEST', 268577984);
		expect(couponsOf(paused.cred, paused.seed)).toEqual([]);
		expect(seed.stock_id).not.toBe(paused.seed.stock_id);
	});

	test('coupon codes: API_ASSIGN requires coupon_code, other modes refuse it; UPLOAD draws uploaded codes', async () => {
		const assign = fresh(accountType, { couponCodeMode: 'API_ASSIGN' });
		const user = openid();
		expectError(await assign.api.send(user), 400, 'PARAM_ERROR');
		const r = await assign.api.send(user, { coupon_code: 'MY-CODE_0001' });
		expectOk(r, assign.cred);
		expect(r.json.coupon_code).toBe('MY-CODE_0001');
		expectError(await assign.api.send(openid(), { coupon_code: 'MY-CODE_0001' }), 400, 'INVALID_REQUEST');
		expectError(await assign.api.send(user, { coupon_code: 'x'.repeat(41) }), 400, 'PARAM_ERROR', 268435462);

		const wechat = fresh(accountType);
		expectError(await wechat.api.send(openid(), { coupon_code: 'MY-CODE_0002' }), 400, 'PARAM_ERROR');

		const upload = fresh(accountType, { couponCodeMode: 'UPLOAD', uploadedCodes: ['UP0001', 'UP0002'] });
		expect((await upload.api.send(openid())).json.coupon_code).toBe('UP0001');
		const second = await upload.api.send(openid());
		expect(second.json.coupon_code).toBe('UP0002');
		expect(second.json.stock.coupon_code_count_info).toEqual({ total_count: 2, available_count: 0 });
		expectError(await upload.api.send(openid()), 400, 'INVALID_REQUEST');
	});

	test('request numbers: same number + same body → the first answer again, nothing applied twice; different body → 268578927', async () => {
		const { cred, seed, api } = fresh(accountType);
		const user = openid();
		const body = api.b({ product_coupon_id: seed.product_coupon_id, stock_id: seed.stock_id, appid: seed.appid, send_request_no: no('SEND'), attach: 'a' });
		const first = await request(cred, { path: `/users/${user}/coupons`, body });
		expectOk(first, cred);
		const code = first.json.coupon_code;
		// key order and whitespace do not make it another request
		const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
		const again = await request(cred, { path: `/users/${user}/coupons`, rawBody: reordered });
		expectOk(again, cred);
		expect(again.raw.equals(first.raw)).toBe(true);
		expect(couponsOf(cred, seed)).toHaveLength(1);

		expectError(await request(cred, { path: `/users/${user}/coupons`, body: { ...body, attach: 'b' } }), 400, 'INVALID_REQUEST', 268578927);
		expectError(await request(cred, { path: `/users/${openid()}/coupons`, body }), 400, 'INVALID_REQUEST', 268578927);

		// the replay answers the first answer even after the coupon moved on
		const confirmNo = no('CONFIRM');
		const confirmed = await api.confirm(user, code, { out_request_no: confirmNo });
		expectOk(confirmed, cred);
		const replayedSend = await request(cred, { path: `/users/${user}/coupons`, body });
		expect(replayedSend.json.coupon_state).toBe('CONFIRMING');
		const replayedConfirm = await api.confirm(user, code, { out_request_no: confirmNo });
		expectOk(replayedConfirm, cred);
		expect(replayedConfirm.raw.equals(confirmed.raw)).toBe(true);

		// the same out_request_no on another coupon is another request
		const other = (await api.send(user)).json.coupon_code;
		expectError(await api.confirm(user, other, { out_request_no: confirmNo }), 400, 'INVALID_REQUEST', 268578927);
		// numbers are per endpoint kind: a use may carry the confirm's number
		const used = await api.use(user, code, { out_request_no: confirmNo });
		expectOk(used, cred);
		// a refused request remembers nothing: its number can be used once the rule is met
		const deactivateNo = no('DEACT');
		expectError(await api.deactivate(user, code, { out_request_no: deactivateNo }), 400, 'INVALID_REQUEST', 268578367);
		expectOk(await api.ret(user, code), cred);
		expectOk(await api.deactivate(user, code, { out_request_no: deactivateNo }), cred);
		expect(couponsOf(cred, seed)).toHaveLength(2);
	});

	test('objects must be this account\'s, this brand\'s, this openid\'s and this appid\'s', async () => {
		const { cred, seed, api } = fresh(accountType);
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		expectError(await api.get(openid(), code), 404, 'RESOURCE_NOT_EXISTS', accountType === 'brand' ? 268578851 : 268578608);
		expectError(await api.get(user, '999999999999'), 404, 'RESOURCE_NOT_EXISTS');
		expectError(await api.get(user, code, { stock_id: '12000000000' }), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		expectError(await api.get(user, code, { product_coupon_id: '10000000000' }), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		expectError(await api.confirm(user, code, { product_coupon_id: '10000000000' }), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		expectError(await api.get(user, code, { appid: 'wx0000000000000000' }), 400, 'INVALID_REQUEST', 268578704);
		expectError(await api.send(user, { appid: 'wx0000000000000000' }), 400, 'INVALID_REQUEST', 268578704);

		// another appid bound to the same brand: the coupon was received under the first one
		const second = sandbox.seedProductCoupon(cred, { brandId: seed.brand_id });
		expectError(await api.get(user, code, { appid: second.appid }), 404, 'RESOURCE_NOT_EXISTS');
		// the other product coupon's stock is not this product coupon's
		expectError(await api.send(user, { stock_id: second.stock_id }), 404, 'RESOURCE_NOT_EXISTS', 268578608);

		// another account of the same type cannot reach it, even knowing every id
		const stranger = /** @type {Cred} */ (sandbox.createAccount({ accountType }));
		if (accountType === 'serviceProvider') sandbox.seedProductCoupon(stranger, { brandId: seed.brand_id, appid: seed.appid });
		const strangerApi = client(stranger, accountType === 'brand' ? { ...seed, brand_id: String(stranger.brandId) } : seed);
		const r = await strangerApi.get(user, code);
		if (accountType === 'brand') expectError(r, 400, 'INVALID_REQUEST', 268578704);
		else expectError(r, 404, 'RESOURCE_NOT_EXISTS', 268578608);
	});

	test('fields: required, type, length, characters, enums, times, unknown fields', async () => {
		const { seed, api } = fresh(accountType);
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		/** @type {Array<[string, () => Promise<Reply>, number?]>} */
		const cases = [
			['send_request_no missing', () => api.send(user, { send_request_no: undefined })],
			['send_request_no 5 chars', () => api.send(user, { send_request_no: 'ABCDE' }), 268435463],
			['send_request_no 129 chars', () => api.send(user, { send_request_no: 'A'.repeat(129) }), 268435462],
			['send_request_no with a space', () => api.send(user, { send_request_no: 'ABC DEF' })],
			['send_request_no with a dot', () => api.send(user, { send_request_no: 'ABC.DEF' })],
			['send_request_no a number', () => api.send(user, { send_request_no: 12345678 })],
			['pre-send send_request_no 41 chars', () => api.preSend(user, { send_request_no: 'A'.repeat(41) }), 268435462],
			['product_coupon_id not digits', () => api.send(user, { product_coupon_id: 'PC1' })],
			['stock_id empty', () => api.send(user, { stock_id: '' }), 268435463],
			['appid null', () => api.send(user, { appid: null })],
			['attach 151 characters', () => api.send(user, { attach: '券'.repeat(151) }), 268435462],
			['unknown field', () => api.send(user, { mchid: '1900000109' })],
			['coupon_tag_info MEMBER without member_tag_info', () => api.send(user, { coupon_tag_info: { coupon_tag_list: ['MEMBER'] } })],
			['coupon_tag_info unknown tag', () => api.send(user, { coupon_tag_info: { coupon_tag_list: ['VIP'], member_tag_info: { member_card_id: 'pY_1' } } })],
			['pre-send with coupon_tag_info', () => api.preSend(user, { coupon_tag_info: { coupon_tag_list: ['MEMBER'], member_tag_info: { member_card_id: 'pY_1' } } })],
			['out_request_no 41 chars', () => api.confirm(user, code, { out_request_no: 'A'.repeat(41) }), 268435462],
			['out_request_no with a slash', () => api.confirm(user, code, { out_request_no: 'ABC/DEF' })],
			['use_time without offset', () => api.use(user, code, { use_time: '2025-08-01T10:00:00' })],
			['use_time in Z', () => api.use(user, code, { use_time: '2025-08-01T02:00:00Z' })],
			['use_time with a fraction', () => api.use(user, code, { use_time: '2025-08-01T10:00:00.123+08:00' })],
			['use_time not a date', () => api.use(user, code, { use_time: '2025-02-30T10:00:00+08:00' })],
			['use_time missing', () => api.use(user, code, { use_time: undefined })],
			['use without an order', () => api.use(user, code, { associated_order_info: undefined })],
			['use with both orders', () => api.use(user, code, { associated_pay_score_order_info: { order_id: 'PS1' } })],
			['use with an empty order', () => api.use(user, code, { associated_order_info: {} })],
			['transaction_id with mchid', () => api.use(user, code, { associated_order_info: { transaction_id: '42000001', mchid: '1230000109' } })],
			['out_trade_no without mchid', () => api.use(user, code, { associated_order_info: { out_trade_no: 'ORDER_0001' } })],
			['transaction_id and out_trade_no', () => api.use(user, code, { associated_order_info: { transaction_id: '42000001', out_trade_no: 'ORDER_0001', mchid: '1' } })],
			['unknown field in the order', () => api.use(user, code, { associated_order_info: { transaction_id: '42000001', amount: 1 } })],
			['store_id with a space', () => api.use(user, code, { store_id: 'store 1' })],
			['deactivate_reason missing', () => api.deactivate(user, code, { deactivate_reason: undefined })],
			['deactivate_reason 151 characters', () => api.deactivate(user, code, { deactivate_reason: 'x'.repeat(151) }), 268435462],
			['get without stock_id', () => api.get(user, code, { stock_id: undefined })],
			['get with an unknown parameter', () => api.get(user, code, { foo: 'bar' })],
			['list without appid', () => api.list(user, { appid: undefined })],
			['list with a duplicated parameter', () => request(api.cred, { path: `/users/${user}/coupons?${qs(api.b({ appid: seed.appid }))}&appid=${seed.appid}` })],
			['list with bad percent-encoding', () => request(api.cred, { path: `/users/${user}/coupons?${qs(api.b({ appid: seed.appid }))}&stock_id=%E0%A4%A` })],
			['list with a parameter without value', () => request(api.cred, { path: `/users/${user}/coupons?${qs(api.b({ appid: seed.appid }))}&stock_id` })],
			['a query string on a POST', () => request(api.cred, { path: `/users/${user}/coupons/${code}/confirm?x=1`, body: api.b({ ...api.uc, out_request_no: no('C') }) })],
			['body not JSON', () => request(api.cred, { path: `/users/${user}/coupons`, rawBody: '{"appid":' })],
			['body a JSON array', () => request(api.cred, { path: `/users/${user}/coupons`, rawBody: '[]' })],
			['body not UTF-8', () => request(api.cred, { path: `/users/${user}/coupons`, rawBody: Buffer.from([0x7b, 0xff, 0x7d]) })],
		];
		for (const [name, run, numeric] of cases) {
			const r = await run();
			try {
				expectError(r, 400, 'PARAM_ERROR', numeric === undefined ? 268435461 : numeric);
				expect(r.json.detail).toEqual(expect.objectContaining({ field: expect.any(String), location: expect.any(String), issue: expect.any(String) }));
			} catch (error) {
				throw new Error(`${name}: ${r.status} ${r.raw.toString('utf8')}`);
			}
		}
		expect(couponsOf(api.cred, seed).map((c) => c.coupon_state)).toEqual(['CONFIRMING']);
	});
});

// ---------------------------------------------------------------- brand_id, paths

describe('brand_id', () => {
	test('service provider: required in every body and GET query, and must have authorised this service provider', async () => {
		const { cred, seed, api } = fresh('serviceProvider');
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		const missing = await request(cred, { path: `/users/${user}/coupons`, body: { ...api.uc, send_request_no: no('S') } });
		expectError(missing, 400, 'PARAM_ERROR', 268435461);
		expect(missing.json.detail.field).toBe('brand_id');
		expectError(await request(cred, { path: `/users/${user}/coupons?${qs({ appid: seed.appid })}` }), 400, 'PARAM_ERROR');
		expectError(await request(cred, { path: `/users/${user}/coupons/${code}?${qs(api.uc)}` }), 400, 'PARAM_ERROR');
		expectError(await request(cred, { path: `/users/${user}/coupons/${code}/confirm`, body: { ...api.uc, out_request_no: no('C') } }), 400, 'PARAM_ERROR');
		expectError(await request(cred, { path: `/users/${user}/coupons`, body: { ...api.uc, brand_id: 'BRAND1', send_request_no: no('S') } }), 400, 'PARAM_ERROR');

		// a brand that authorised another service provider only
		const otherSp = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'serviceProvider' }));
		const foreign = sandbox.seedProductCoupon(otherSp);
		const unauthorised = client(cred, { ...seed, brand_id: foreign.brand_id });
		for (const r of [await unauthorised.send(user), await unauthorised.list(user), await unauthorised.get(user, code), await unauthorised.confirm(user, code)]) {
			expectError(r, 403, 'NO_AUTH', 268579803);
		}
		expectError(await client(cred, { ...seed, brand_id: '99999999' }).list(user), 403, 'NO_AUTH', 268579803);
		// the coupon belongs to its brand: another brand of the same service provider does not see it
		const sibling = sandbox.seedProductCoupon(cred, { appid: seed.appid });
		expectError(await client(cred, { ...seed, brand_id: sibling.brand_id }).get(user, code), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		expect((await client(cred, { ...seed, brand_id: sibling.brand_id }).list(user)).json.total_count).toBe(0);
	});

	test('brand: a brand_id field in a body or a query is refused as unexpected', async () => {
		const { cred, seed, api } = fresh('brand');
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		const inBody = await api.send(user, { brand_id: cred.brandId });
		expectError(inBody, 400, 'PARAM_ERROR');
		expect(inBody.json.detail).toEqual(expect.objectContaining({ field: 'brand_id', location: 'body' }));
		expectError(await api.confirm(user, code, { brand_id: cred.brandId }), 400, 'PARAM_ERROR');
		const inQuery = await api.list(user, { brand_id: cred.brandId });
		expectError(inQuery, 400, 'PARAM_ERROR');
		expect(inQuery.json.detail).toEqual(expect.objectContaining({ field: 'brand_id', location: 'query' }));
		expectError(await api.get(user, code, { brand_id: cred.brandId }), 400, 'PARAM_ERROR');
		expect(couponsOf(cred, seed)).toHaveLength(1);
	});
});

describe('path parameters', () => {
	test.each(TYPES)('%s: percent-encoded junk, dot segments and separators never reach a coupon', async (accountType) => {
		const { cred, seed, api } = fresh(accountType);
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		const query = qs(api.b(api.uc));
		const confirmBody = api.b({ ...api.uc, out_request_no: no('C') });
		/** @type {Array<[string, unknown?]>} path, body for a POST */
		const attempts = [
			[`/users/../coupons/${code}?${query}`],
			[`/users/%2e%2e/coupons/${code}?${query}`],
			[`/users/${user}%2F..%2F${user}/coupons/${code}?${query}`],
			[`/users/${user}/coupons/..?${query}`],
			[`/users/${user}/coupons/.?${query}`],
			[`/users/${user}/coupons/%2e?${query}`],
			[`/users/${user}/coupons/${code}%00?${query}`],
			[`/users/${user}/coupons/${code}%20?${query}`],
			[`/users/${user}/coupons/${encodeURIComponent(code + '/confirm')}?${query}`],
			[`/users/${encodeURIComponent('用户')}/coupons/${code}?${query}`],
			[`/users/${user}/coupons/../confirm`, confirmBody],
			[`/users/${user}/coupons/%2E%2E/confirm`, confirmBody],
			[`/users/${user}/coupon-bundles/..%2f..%2fcoupons/deactivate`, api.b({ product_coupon_id: seed.product_coupon_id, stock_bundle_id: '1', appid: seed.appid, out_request_no: no('D'), deactivate_reason: 'x' })],
			[`/users/${'o'.repeat(129)}/coupons/${code}?${query}`],
		];
		for (const [path, body] of attempts) {
			const r = await request(cred, { path, ...(body ? { body } : {}) });
			try {
				expectError(r, 400, 'PARAM_ERROR');
				expect(r.json.detail.location).toBe('path');
			} catch {
				throw new Error(`${path}: ${r.status} ${r.raw.toString('utf8')}`);
			}
		}
		for (const path of [`/users//coupons/${code}?${query}`, `/users/${user}/coupons/${code}/?${query}`, `/users/${user}/coupons/${code}/confirm/x`, `//v3/marketing/partner/product-coupon/../product-coupon/users/${user}/coupons`]) {
			const r = await request(cred, { path });
			expectError(r, 404, 'NOT_FOUND');
		}
		expect(sandbox.userCoupon(cred, code)?.coupon_state).toBe('CONFIRMING');
	});
});

// ---------------------------------------------------------------- bundles and pre-send

describe.each(TYPES)('%s: progressive bundles', (accountType) => {
	test('one coupon per round, used in order, only the latest returned, deactivated together', async () => {
		const { cred, seed, api } = fresh(accountType, { usageMode: 'PROGRESSIVE_BUNDLE', count: 3 });
		expect(seed.stock_bundle_id).toMatch(/^\d+$/);
		expect(seed.stock_ids).toHaveLength(3);
		expect('stock_id' in seed).toBe(false);
		const user = openid();
		const sent = await api.sendBundle(user, { attach: 'bundle' });
		expectOk(sent, cred);
		const bundleId = sent.json.user_coupon_bundle_id;
		const list = sent.json.user_product_coupon_list;
		expect(list.map((/** @type {any} */ c) => [c.coupon_state, c.stock.stock_id, c.user_product_coupon_bundle_info])).toEqual(
			seed.stock_ids.map((stockId, index) => ['CONFIRMING', stockId, { user_coupon_bundle_id: bundleId, user_coupon_bundle_index: index, total_count: 3, used_count: 0 }]),
		);
		expect(list[0].product_coupon.usage_mode).toBe('PROGRESSIVE_BUNDLE');
		expect(list[1].stock.stock_bundle_info).toEqual({ stock_bundle_id: seed.stock_bundle_id, stock_bundle_index: 1 });
		const codes = list.map((/** @type {any} */ c) => c.coupon_code);
		const [s0, s1, s2] = seed.stock_ids;
		for (const [i, stockId] of seed.stock_ids.entries()) expectOk(await api.confirm(user, codes[i], {}, stockId), cred);

		expectError(await api.use(user, codes[1], {}, s1), 400, 'INVALID_REQUEST', 268578367);
		const first = await api.use(user, codes[0], {}, s0);
		expectOk(first, cred);
		expect(first.json.progressive_bundle_usage_detail.use_request_no).toMatch(/^USE_/);
		expect('single_usage_detail' in first.json).toBe(false);
		expect(first.json.user_product_coupon_bundle_info.used_count).toBe(1);
		expectError(await api.use(user, codes[2], {}, s2), 400, 'INVALID_REQUEST', 268578367);
		expectOk(await api.use(user, codes[1], {}, s1), cred);
		expectError(await api.ret(user, codes[0], {}, s0), 400, 'INVALID_REQUEST', 268578367);
		const returned = await api.ret(user, codes[1], {}, s1);
		expectOk(returned, cred);
		expect(returned.json.user_product_coupon_bundle_info.used_count).toBe(1);
		// a single send of a bundle's stock is refused; a bundle send of a SINGLE product coupon finds no bundle
		expectError(await api.send(user, { stock_id: s0 }), 400, 'INVALID_REQUEST', 268578224);
		const single = fresh(accountType);
		expectError(await client(cred, { ...single.seed, stock_bundle_id: seed.stock_bundle_id }).sendBundle(user), 404, 'RESOURCE_NOT_EXISTS', 268578608);

		const listed = await api.list(user, { user_coupon_bundle_id: bundleId });
		expect(listed.json.total_count).toBe(3);
		const deactivated = await api.deactivateBundle(user, bundleId);
		expectOk(deactivated, cred);
		expect(deactivated.json.user_coupon_bundle_id).toBe(bundleId);
		expect(deactivated.json.user_product_coupon_list.map((/** @type {any} */ c) => c.coupon_state)).toEqual(['USED', 'DEACTIVATED', 'DEACTIVATED']);
		expectError(await api.deactivateBundle(user, bundleId), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.deactivateBundle(openid(), bundleId), 404, 'RESOURCE_NOT_EXISTS');
		expectError(await api.deactivateBundle(user, '1599999999'), 404, 'RESOURCE_NOT_EXISTS');
	});

	test('per-user limit counts bundles; pre-send bundle gives a token the user claims', async () => {
		const { cred, seed, api } = fresh(accountType, { usageMode: 'PROGRESSIVE_BUNDLE', count: 4, maxCountPerUser: 1 });
		const user = openid();
		const pre = await api.preSendBundle(user);
		expectOk(pre, cred);
		expect(Object.keys(pre.json)).toEqual(['token']);
		expect(couponsOf(cred, seed)).toEqual([]);
		const claimed = sandbox.claimPreSendToken(pre.json.token);
		expect(claimed.user_product_coupon_list).toHaveLength(4);
		expect(claimed.user_product_coupon_list.every((/** @type {any} */ c) => c.send_channel === 'RECEIVE_COMPONENT')).toBe(true);
		expect(() => sandbox.claimPreSendToken(pre.json.token)).toThrow(/already claimed/);
		expectError(await api.sendBundle(user), 400, 'INVALID_REQUEST', 272756740);
		expectOk(await api.sendBundle(openid()), cred);
	});
});

describe.each(TYPES)('%s: pre-send', (accountType) => {
	test('a token; the coupon exists once the user claims it (RECEIVE_COMPONENT); replay gives the same token', async () => {
		const { cred, seed, api } = fresh(accountType, { maxCountPerUser: 1 });
		const user = openid();
		const body = api.b({ ...api.uc, send_request_no: no('PRE'), attach: 'component' });
		const pre = await request(cred, { path: `/users/${user}/pre-send-coupon`, body });
		expectOk(pre, cred);
		expect(pre.json.token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
		expect(couponsOf(cred, seed)).toEqual([]);
		const again = await request(cred, { path: `/users/${user}/pre-send-coupon`, body });
		expect(again.json.token).toBe(pre.json.token);
		expectError(await request(cred, { path: `/users/${user}/pre-send-coupon`, body: { ...body, attach: 'other' } }), 400, 'INVALID_REQUEST', 268578927);

		const c = sandbox.claimPreSendToken(pre.json.token);
		expect(c).toEqual(expect.objectContaining({ coupon_state: 'CONFIRMING', send_channel: 'RECEIVE_COMPONENT', send_request_no: body.send_request_no, attach: 'component' }));
		expect(couponsOf(cred, seed).map((x) => x.coupon_code)).toEqual([c.coupon_code]);
		expect((await api.get(user, c.coupon_code)).json.coupon_code).toBe(c.coupon_code);
		expect(() => sandbox.claimPreSendToken(pre.json.token)).toThrow(/already claimed/);
		expect(() => sandbox.claimPreSendToken('no-such-token')).toThrow(/unknown/);

		// the limit is checked when the token is asked for and again when it is claimed
		expectError(await api.preSend(user), 400, 'INVALID_REQUEST', 272756740);
		const other = openid();
		const t1 = (await api.preSend(other)).json.token;
		const t2 = (await api.preSend(other)).json.token;
		sandbox.claimPreSendToken(t1);
		expect(() => sandbox.claimPreSendToken(t2)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST', numeric: 272756740 }));
	});
});

// ---------------------------------------------------------------- the sandbox clock: EXPIRED

test('EXPIRED is computed on the sandbox clock when read; an expired coupon refuses every change (268578776)', async () => {
	let offsetMs = 0;
	const now = () => Date.now() + offsetMs;
	const clocked = await startSandbox({ now });
	try {
		for (const accountType of TYPES) {
			const cred = /** @type {Cred} */ (clocked.createAccount({ accountType }));
			const seed = clocked.seedProductCoupon(cred, { validDays: 2 });
			const api = client(cred, seed, { now });
			const user = openid();
			const confirmed = (await api.send(user)).json.coupon_code;
			const unconfirmed = (await api.send(user)).json.coupon_code;
			const used = (await api.send(user)).json.coupon_code;
			expectOk(await api.confirm(user, confirmed), cred);
			expectOk(await api.confirm(user, used), cred);
			expectOk(await api.use(user, used), cred);
			offsetMs += 2 * 24 * 3600 * 1000 + 1000;
			const read = await api.get(user, confirmed);
			expect(read.status).toBe(200);
			expect(read.json.coupon_state).toBe('EXPIRED');
			expect((await api.get(user, unconfirmed)).json.coupon_state).toBe('EXPIRED');
			expect((await api.get(user, used)).json.coupon_state).toBe('USED');
			expect((await api.list(user, { coupon_state: 'EXPIRED' })).json.total_count).toBe(2);
			expectError(await api.use(user, confirmed), 400, 'INVALID_REQUEST', 268578776);
			expectError(await api.deactivate(user, confirmed), 400, 'INVALID_REQUEST', 268578776);
			expectError(await api.confirm(user, unconfirmed), 400, 'INVALID_REQUEST', 268578776);
			// returned after its end: back to the user, but expired
			expect((await api.ret(user, used)).json.coupon_state).toBe('EXPIRED');
			// the stock's own window has not ended: it still sends
			expect((await api.send(openid())).json.coupon_state).toBe('CONFIRMING');
			offsetMs += 60 * 24 * 3600 * 1000;
			expectError(await api.send(openid()), 400, 'INVALID_REQUEST', 268577984); // STOPPED
			offsetMs = 0;
		}
	} finally {
		await clocked.close();
	}
});

// ---------------------------------------------------------------- callbacks

/**
 * A local receiver (what n8n behind a reverse proxy would be): answers the scripted statuses in turn (then 200),
 * the first answer after `firstDelayMs`, and records what it got.
 * @param {number[]} statuses @param {number} [firstDelayMs]
 */
async function receiver(statuses, firstDelayMs = 0) {
	/** @type {Array<{ path: string, headers: http.IncomingHttpHeaders, raw: Buffer, at: number }>} */
	const seen = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			seen.push({ path: req.url || '', headers: req.headers, raw: Buffer.concat(chunks), at: Date.now() });
			const status = statuses.length > 0 ? /** @type {number} */ (statuses.shift()) : 200;
			setTimeout(() => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(status < 300 ? '' : '{"code":"FAIL","message":"not now"}');
			}, seen.length === 1 ? firstDelayMs : 0);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const url = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (server.address()).port}`;
	return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

/** @param {Cred} cred @param {string} notifyUrl */
async function setNotifyUrl(cred, notifyUrl) {
	const r = await request(cred, { path: '/notify-configs', body: { notify_url: notifyUrl } });
	expectOk(r, cred);
}

describe('SEND callbacks', () => {
	test.each(TYPES)('%s: after the answer, through forwardCallbacks, retried after a 500, signed, decrypting to the documented fields', async (accountType) => {
		const rx = await receiver([500], 300);
		try {
			const cred = /** @type {Cred} */ (sandbox.createAccount({ accountType }));
			const seed = sandbox.seedProductCoupon(cred);
			const api = client(cred, seed);
			const host = `https://n8n-${accountType.toLowerCase()}.example.com`;
			await setNotifyUrl(cred, `${host}/webhook/wechatpay`);
			sandbox.forwardCallbacks(`${host}/`, `${rx.url}/`);
			const user = openid();
			const sent = await api.send(user, { attach: '回调附加' });
			expectOk(sent, cred);
			const code = sent.json.coupon_code;
			// the answer did not wait for the receiver
			expect(sandbox.callbackDeliveries.filter((d) => d.couponCode === code)).toEqual([]);
			await sandbox.callbacksSettled();

			const eventType = accountType === 'brand' ? 'PRODUCT_COUPON.SEND' : 'PRODUCT_COUPON_SP.SEND';
			const attempts = sandbox.callbackDeliveries.filter((d) => d.couponCode === code);
			expect(attempts.map((d) => [d.attempt, d.status, d.url, d.notifyUrl, d.eventType])).toEqual([
				[1, 500, `${rx.url}/webhook/wechatpay`, `${host}/webhook/wechatpay`, eventType],
				[2, 200, `${rx.url}/webhook/wechatpay`, `${host}/webhook/wechatpay`, eventType],
			]);
			expect(rx.seen).toHaveLength(2);
			expect(rx.seen[1].at - rx.seen[0].at).toBeGreaterThanOrEqual(200 + 300 - 20);
			const envelopes = rx.seen.map((x) => JSON.parse(x.raw.toString('utf8')));
			expect(envelopes[1].id).toBe(envelopes[0].id); // the same notification, sent again
			for (const x of rx.seen) {
				expect(x.path).toBe('/webhook/wechatpay');
				expect(verifies({ headers: x.headers, raw: x.raw }, cred)).toBe(true);
				expect(x.headers['wechatpay-signature-type']).toBe(accountType === 'brand' ? 'WECHATPAY-BRAND-SHA256-RSA2048' : 'WECHATPAY2-SHA256-RSA2048');
			}
			expect(envelopes[0]).toEqual(expect.objectContaining({ event_type: eventType, resource_type: 'encrypt-resource' }));
			expect(envelopes[0].resource.associated_data).toBe(accountType === 'brand' ? 'product_coupon' : 'product_coupon_sp');
			const payload = decryptResource(envelopes[0], cred);
			expect(payload).toEqual({
				brand_id: seed.brand_id,
				coupon_code: code,
				product_coupon_id: seed.product_coupon_id,
				stock_id: seed.stock_id,
				appid: seed.appid,
				openid: user,
				unionid: expect.stringMatching(/^o6_bmj/),
				receive_time: sent.json.receive_time,
				send_request_no: sent.json.send_request_no,
				send_channel: 'API',
				valid_begin_time: sent.json.valid_begin_time,
				valid_end_time: sent.json.valid_end_time,
				attach: '回调附加',
			});
			expect(decryptResource(envelopes[1], cred)).toEqual(payload);

			// a replayed send sends nothing again
			const before = sandbox.callbackDeliveries.length;
			expectOk(await request(cred, { path: `/users/${user}/coupons`, body: api.b({ ...api.uc, send_request_no: sent.json.send_request_no, attach: '回调附加' }) }), cred);
			await sandbox.callbacksSettled();
			expect(sandbox.callbackDeliveries.length).toBe(before);

			// bundles: one callback per coupon, naming the bundle; claimed pre-sends: RECEIVE_COMPONENT
			const bundleSeed = sandbox.seedProductCoupon(cred, { usageMode: 'PROGRESSIVE_BUNDLE', count: 3, brandId: seed.brand_id, appid: seed.appid });
			const bundle = (await client(cred, bundleSeed).sendBundle(user)).json;
			const token = (await api.preSend(openid())).json.token;
			const claimed = sandbox.claimPreSendToken(token);
			await sandbox.callbacksSettled();
			const payloads = rx.seen.slice(2).map((x) => decryptResource(JSON.parse(x.raw.toString('utf8')), cred));
			const bundlePayloads = payloads.filter((p) => p.user_coupon_bundle_id === bundle.user_coupon_bundle_id);
			expect(bundlePayloads.map((p) => [p.stock_bundle_id, p.stock_id])).toEqual(bundleSeed.stock_ids.map((id) => [bundleSeed.stock_bundle_id, id]));
			expect(payloads.find((p) => p.coupon_code === claimed.coupon_code)).toEqual(expect.objectContaining({ send_channel: 'RECEIVE_COMPONENT' }));
		} finally {
			await rx.close();
		}
	});

	test('no notify URL: nothing is sent; without a matching forward the notify URL itself is used', async () => {
		const { cred, api } = fresh('brand');
		const before = sandbox.callbackDeliveries.length;
		expectOk(await api.send(openid()), cred);
		await sandbox.callbacksSettled();
		expect(sandbox.callbackDeliveries.length).toBe(before);

		const quiet = await startSandbox({ callbackRetryDelaysMs: [] });
		try {
			const other = /** @type {Cred} */ (quiet.createAccount({ accountType: 'serviceProvider' }));
			const seed = quiet.seedProductCoupon(other);
			await setNotifyUrl(other, 'https://unforwarded.invalid/webhook');
			quiet.forwardCallbacks('https://elsewhere.example.com/', 'http://127.0.0.1:9/');
			expectOk(await client(other, seed).send(openid()), other);
			await quiet.callbacksSettled();
			expect(quiet.callbackDeliveries).toEqual([expect.objectContaining({ url: 'https://unforwarded.invalid/webhook', attempt: 1, error: expect.any(String) })]);
		} finally {
			await quiet.close();
		}
	});

	test('network errors are retried per callbackRetryDelaysMs, then given up; close() drops pending retries', async () => {
		const flaky = await startSandbox({ callbackRetryDelaysMs: [50, 50] });
		const cred = /** @type {Cred} */ (flaky.createAccount({ accountType: 'serviceProvider' }));
		const seed = flaky.seedProductCoupon(cred);
		await setNotifyUrl(cred, 'https://n8n.example.com/hook');
		flaky.forwardCallbacks('https://n8n.example.com/', 'http://127.0.0.1:9/');
		expectOk(await client(cred, seed).send(openid()), cred);
		await flaky.callbacksSettled();
		expect(flaky.callbackDeliveries.map((d) => [d.attempt, d.url, d.status, typeof d.error])).toEqual([
			[1, 'http://127.0.0.1:9/hook', undefined, 'string'],
			[2, 'http://127.0.0.1:9/hook', undefined, 'string'],
			[3, 'http://127.0.0.1:9/hook', undefined, 'string'],
		]);
		await flaky.close();

		const rx = await receiver([500, 500, 500]);
		const patient = await startSandbox(); // WeChat Pay's own delays: 60 s
		try {
			const c2 = /** @type {Cred} */ (patient.createAccount({ accountType: 'brand' }));
			const s2 = patient.seedProductCoupon(c2);
			await setNotifyUrl(c2, 'https://n8n.example.com/hook');
			patient.forwardCallbacks('https://n8n.example.com/', `${rx.url}/`);
			expectOk(await client(c2, s2).send(openid()), c2);
			for (let i = 0; i < 100 && patient.callbackDeliveries.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
			expect(patient.callbackDeliveries.map((d) => d.status)).toEqual([500]);
			const t = Date.now();
			await patient.close();
			await patient.callbacksSettled();
			expect(Date.now() - t).toBeLessThan(1000);
			expect(rx.seen).toHaveLength(1);
		} finally {
			await patient.close();
			await rx.close();
		}
	});

	test('forwardCallbacks checks its prefixes', () => {
		expect(() => sandbox.forwardCallbacks('http://n8n.example.com/', 'http://127.0.0.1:1/')).toThrow(/https/);
		expect(() => sandbox.forwardCallbacks('https://n8n.example.com/', 'ftp://127.0.0.1/')).toThrow(/http/);
	});
});

// ---------------------------------------------------------------- faults, rate classes, request log

describe('faults on the user-coupon endpoints', () => {
	test('http500AfterApply: the send is applied and its callback sent, the answer lost; the retry with the same number gets it', async () => {
		const rx = await receiver([]);
		try {
			const cred = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'serviceProvider' }));
			const seed = sandbox.seedProductCoupon(cred);
			const api = client(cred, seed);
			await setNotifyUrl(cred, 'https://lost.example.com/hook');
			sandbox.forwardCallbacks('https://lost.example.com/', `${rx.url}/`);
			const user = openid();
			const body = api.b({ ...api.uc, send_request_no: no('SEND') });
			sandbox.misbehave(cred, 'http500AfterApply');
			const lost = await request(cred, { path: `/users/${user}/coupons`, body });
			expectError(lost, 500, 'SYSTEM_ERROR', null);
			const applied = couponsOf(cred, seed);
			expect(applied).toHaveLength(1);
			const retried = await request(cred, { path: `/users/${user}/coupons`, body });
			expectOk(retried, cred);
			expect(retried.json.coupon_code).toBe(applied[0].coupon_code);
			expect(couponsOf(cred, seed)).toHaveLength(1);
			await sandbox.callbacksSettled();
			expect(rx.seen).toHaveLength(1);

			// on a refused request too, the client only sees the 500; on notify-configs, the URL is stored
			sandbox.misbehave(cred, 'http500AfterApply');
			expectError(await api.confirm(user, '000000'), 500, 'SYSTEM_ERROR', null);
			sandbox.misbehave(cred, 'http500AfterApply');
			expectError(await request(cred, { path: '/notify-configs', body: { notify_url: 'https://lost.example.com/hook2' } }), 500, 'SYSTEM_ERROR');
			expect(sandbox.account(cred).notifyUrl).toBe('https://lost.example.com/hook2');
			expect(sandbox.faults.transport).toContain('http500AfterApply');
			expect(sandbox.faults.all).toContain('http500AfterApply');
		} finally {
			await rx.close();
		}
	});

	test('every fault works on a user-coupon read and a send', async () => {
		const { cred, seed, api } = fresh('brand');
		const user = openid();
		const code = (await api.send(user)).json.coupon_code;
		for (const fault of sandbox.faults.all) {
			sandbox.misbehave(cred, fault, { slowMs: 100 });
			if (fault === 'reset') {
				await expect(api.get(user, code)).rejects.toThrow();
				continue;
			}
			const r = await api.get(user, code);
			if (sandbox.faults.response.includes(fault)) {
				// processed, then the signed answer is altered: only empty204Signed still verifies
				expect(`${fault}: ${r.status} ${verifies(r, cred)}`).toBe(`${fault}: ${fault.startsWith('empty204') ? 204 : 200} ${fault === 'empty204Signed'}`);
			} else if (sandbox.faults.download.includes(fault)) {
				// alters the unsigned bill file only: a signed answer is untouched
				expect(`${fault}: ${r.status} ${verifies(r, cred)}`).toBe(`${fault}: 200 true`);
			} else {
				const expected = { http429: 429, http500: 500, http502: 502, http503: 503, http504: 504, slow: 200, http500AfterApply: 500 }[fault];
				expect(`${fault}: ${r.status}`).toBe(`${fault}: ${expected}`);
			}
		}
		const before = couponsOf(cred, seed).length;
		sandbox.misbehave(cred, 'http503');
		expect((await api.send(openid())).status).toBe(503);
		sandbox.misbehave(cred, 'tamperBody');
		const tampered = await api.send(openid());
		expect([tampered.status, verifies(tampered, cred)]).toEqual([200, false]);
		expect(couponsOf(cred, seed).length).toBe(before + 1);
	});
});

test('rate limits per account and endpoint class: management and user-coupon windows are separate', async () => {
	const limited = await startSandbox({ rateLimitPerSecond: 2, userCouponRateLimitPerSecond: 4 });
	try {
		const cred = /** @type {Cred} */ (limited.createAccount({ accountType: 'serviceProvider' }));
		const api = client(cred, limited.seedProductCoupon(cred));
		const user = openid();
		const coupons = await Promise.all(Array.from({ length: 6 }, () => api.list(user)));
		expect(coupons.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
		expect(coupons.find((r) => r.status === 429)?.json.code).toBe('RATELIMIT_EXCEEDED');
		const configs = await Promise.all(Array.from({ length: 3 }, () => request(cred, { path: '/notify-configs' })));
		expect(configs.map((r) => r.status).sort()).toEqual([404, 404, 429]);
	} finally {
		await limited.close();
	}
	// the default user-coupon limit is 500/s: 30 quick reads pass where the management limit (20/s) would not
	const defaults = await startSandbox();
	try {
		const cred = /** @type {Cred} */ (defaults.createAccount({ accountType: 'brand' }));
		const api = client(cred, defaults.seedProductCoupon(cred));
		const replies = await Promise.all(Array.from({ length: 30 }, () => api.list(openid())));
		expect(replies.every((r) => r.status === 200)).toBe(true);
	} finally {
		await defaults.close();
	}
});

test('request log: method, path with query, status, code, Request-ID with its numeric code, account', async () => {
	const { cred, seed, api } = fresh('serviceProvider');
	const user = openid();
	const refused = await api.use(user, '123456');
	const listed = await api.list(user);
	const log = sandbox.requests.slice(-2);
	expect(log.map((e) => [e.method, e.status, e.code, e.accountId])).toEqual([
		['POST', 404, 'RESOURCE_NOT_EXISTS', cred.merchantId],
		['GET', 200, null, cred.merchantId],
	]);
	expect(log[0].requestId).toBe(refused.headers['request-id']);
	expect(log[0].requestId).toMatch(/^[0-9A-F]+-268578608$/);
	expect(log[0].path).toBe(`/v3/marketing/partner/product-coupon/users/${user}/coupons/123456/use`);
	expect(log[1].path).toBe(`/v3/marketing/partner/product-coupon/users/${user}/coupons?${qs({ brand_id: seed.brand_id, appid: seed.appid })}`);
	expect(log[1].requestId).toBe(listed.headers['request-id']);
	expect(JSON.parse(log[0].body).out_request_no).toMatch(/^USE_/);
});

test('a backup host (shareAccountsWith) serves the same coupons and request numbers', async () => {
	const backup = await startSandbox({ shareAccountsWith: sandbox });
	try {
		const { cred, seed, api } = fresh('serviceProvider');
		const user = openid();
		const body = api.b({ ...api.uc, send_request_no: no('SEND') });
		const sent = await request(cred, { path: `/users/${user}/coupons`, body });
		const viaBackup = { ...cred, baseUrl: backup.baseUrl };
		const replay = await request(viaBackup, { path: `/users/${user}/coupons`, body });
		expectOk(replay, cred);
		expect(replay.raw.equals(sent.raw)).toBe(true);
		expectOk(await client(viaBackup, seed).confirm(user, sent.json.coupon_code), cred);
		expect((await api.get(user, sent.json.coupon_code)).json.coupon_state).toBe('EFFECTIVE');
	} finally {
		await backup.close();
	}
});
