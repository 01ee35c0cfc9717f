// @ts-check
'use strict';
/**
 * Endpoints outside the product coupon family, for the generic call (apiv3 doc §5): orders, refunds with their
 * REFUND.* callbacks, TRANSACTION.SUCCESS callbacks, the sandbox-only echo (every method, a signed 204), platform
 * certificates (rotation), bills and the unsigned bill download. Driven by the tests' own minimal client.
 */
const crypto = require('crypto');
const http = require('http');
const zlib = require('zlib');
const { startSandbox } = require('.');
const { request, verifies, verifiesWith, numericCode, decryptResource, decryptText } = require('./minimal-client');

/**
 * @typedef {import('./minimal-client').Cred} Cred
 * @typedef {import('./minimal-client').Reply} Reply
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox
 */

const DAY = 24 * 3600 * 1000;
let serial = 0;
/** @param {string} prefix */
const no = (prefix) => `${prefix}_${Date.now().toString(36)}_${++serial}`;
/** Beijing date YYYY-MM-DD @param {number} ms */
const beijingDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** @param {Reply} r @param {number} status @param {string} code */
function expectError(r, status, code) {
	if (r.status !== status || !r.json || r.json.code !== code) throw new Error(`expected ${status} ${code}, got ${r.status} ${r.raw.toString('utf8').slice(0, 400)}`);
	expect(r.headers['wechatpay-signature']).toBeUndefined();
}

/** @param {Reply} r @param {Cred} cred */
function expectOk(r, cred) {
	if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${r.raw.toString('utf8').slice(0, 400)}`);
	expect(verifies(r, cred)).toBe(true);
}

/** A local receiver that records what it gets and answers 200. */
async function receiver() {
	/** @type {Array<{ path: string, headers: http.IncomingHttpHeaders, raw: Buffer }>} */
	const seen = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			seen.push({ path: req.url || '', headers: req.headers, raw: Buffer.concat(chunks) });
			res.writeHead(204);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const url = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (server.address()).port}`;
	return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

/** @type {Sandbox} */
let sandbox;
/** @type {Cred} */
let sp;
/** @type {Cred} */
let brand;
beforeAll(async () => {
	sandbox = await startSandbox({ callbackRetryDelaysMs: [100], refundDelayMs: 30 });
	sp = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'serviceProvider' }));
	brand = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'brand' }));
});
afterAll(() => sandbox.close());

// ---------------------------------------------------------------- orders

describe('orders', () => {
	test('direct style with the service provider\'s mchid, partner style with sp_mchid + sub_mchid, by out_trade_no and by transaction_id', async () => {
		const direct = sandbox.seedTransaction(sp, { outTradeNo: 'ORDER|A*1', total: 888, attach: '附加' });
		expect(direct).toEqual(expect.objectContaining({ mchid: sp.merchantId, out_trade_no: 'ORDER|A*1', trade_state: 'SUCCESS', transaction_id: expect.stringMatching(/^4200\d{24}$/) }));
		const r = await request(sp, { path: `//v3/pay/transactions/out-trade-no/${encodeURIComponent('ORDER|A*1')}?mchid=${sp.merchantId}` });
		expectOk(r, sp);
		expect(r.json).toEqual({
			appid: direct.appid,
			mchid: sp.merchantId,
			out_trade_no: 'ORDER|A*1',
			transaction_id: direct.transaction_id,
			trade_type: 'JSAPI',
			trade_state: 'SUCCESS',
			trade_state_desc: '支付成功',
			bank_type: 'OTHERS',
			attach: '附加',
			success_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
			payer: { openid: expect.any(String) },
			amount: { total: 888, payer_total: 888, currency: 'CNY', payer_currency: 'CNY' },
		});
		const byId = await request(sp, { path: `//v3/pay/transactions/id/${direct.transaction_id}?mchid=${sp.merchantId}` });
		expect(byId.json).toEqual(r.json);

		const partner = sandbox.seedTransaction(sp, { subMchid: '1900000109', subAppid: 'wxsub0001', subOpenid: 'oSub_1', total: 100 });
		const p = await request(sp, { path: `//v3/pay/partner/transactions/out-trade-no/${partner.out_trade_no}?sp_mchid=${sp.merchantId}&sub_mchid=1900000109` });
		expectOk(p, sp);
		expect(p.json).toEqual(expect.objectContaining({ sp_mchid: sp.merchantId, sub_mchid: '1900000109', sub_appid: 'wxsub0001', payer: { sp_openid: expect.any(String), sub_openid: 'oSub_1' } }));
		expect('mchid' in p.json).toBe(false);
		expectOk(await request(sp, { path: `//v3/pay/partner/transactions/id/${partner.transaction_id}?sp_mchid=${sp.merchantId}&sub_mchid=1900000109` }), sp);

		// not found: unknown number, a partner order asked in the direct style, another sub-merchant
		expectError(await request(sp, { path: `//v3/pay/transactions/out-trade-no/NO_SUCH_ORDER?mchid=${sp.merchantId}` }), 404, 'ORDER_NOT_EXIST');
		expectError(await request(sp, { path: `//v3/pay/transactions/out-trade-no/${partner.out_trade_no}?mchid=${sp.merchantId}` }), 404, 'ORDER_NOT_EXIST');
		expectError(await request(sp, { path: `//v3/pay/partner/transactions/out-trade-no/${partner.out_trade_no}?sp_mchid=${sp.merchantId}&sub_mchid=1900000999` }), 404, 'ORDER_NOT_EXIST');
		// parameters
		expectError(await request(sp, { path: `//v3/pay/transactions/out-trade-no/${direct.out_trade_no}?mchid=1900009999` }), 400, 'INVALID_REQUEST');
		expectError(await request(sp, { path: '//v3/pay/transactions/out-trade-no/ORDER_0001' }), 400, 'PARAM_ERROR');
		expectError(await request(sp, { path: `//v3/pay/partner/transactions/out-trade-no/ORDER_0001?sp_mchid=${sp.merchantId}` }), 400, 'PARAM_ERROR');
		expectError(await request(sp, { path: `//v3/pay/transactions/out-trade-no/ABC?mchid=${sp.merchantId}` }), 400, 'PARAM_ERROR');
		expectError(await request(sp, { path: `//v3/pay/transactions/out-trade-no/..%2F..%2Fx?mchid=${sp.merchantId}` }), 400, 'PARAM_ERROR');
		// a brand signs with the brand scheme: these paths take the merchant scheme
		expectError(await request(brand, { path: `//v3/pay/transactions/out-trade-no/${direct.out_trade_no}?mchid=${sp.merchantId}` }), 401, 'SIGN_ERROR');

		const unpaid = sandbox.seedTransaction(sp, { tradeState: 'NOTPAY', total: 50 });
		const u = await request(sp, { path: `//v3/pay/transactions/out-trade-no/${unpaid.out_trade_no}?mchid=${sp.merchantId}` });
		expect(u.json).toEqual({ appid: unpaid.appid, mchid: sp.merchantId, out_trade_no: unpaid.out_trade_no, trade_state: 'NOTPAY', trade_state_desc: '未支付', amount: { total: 50, payer_currency: 'CNY' } });
		expect(() => sandbox.seedTransaction(brand, {})).toThrow(/serviceProvider/);
		expect(() => sandbox.seedTransaction(sp, { outTradeNo: direct.out_trade_no })).toThrow(/already exists/);
	});

	test('sendPaymentCallback: TRANSACTION.SUCCESS, original_type transaction, through forwardCallbacks', async () => {
		const rx = await receiver();
		try {
			sandbox.forwardCallbacks('https://pay.example.com/', `${rx.url}/`);
			const tx = sandbox.seedTransaction(sp, { total: 1234 });
			const id = sandbox.sendPaymentCallback(sp, 'https://pay.example.com/notify/pay', String(tx.out_trade_no));
			const custom = sandbox.sendPaymentCallback(sp, 'https://pay.example.com/notify/custom', { out_trade_no: 'X1', trade_state: 'SUCCESS' });
			await sandbox.callbacksSettled();
			expect(rx.seen.map((x) => x.path).sort()).toEqual(['/notify/custom', '/notify/pay']);
			const got = /** @type {{ path: string, headers: http.IncomingHttpHeaders, raw: Buffer }} */ (rx.seen.find((x) => x.path === '/notify/pay'));
			const envelope = JSON.parse(got.raw.toString('utf8'));
			expect(envelope).toEqual(expect.objectContaining({ id, event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功' }));
			expect(envelope.resource).toEqual(expect.objectContaining({ original_type: 'transaction', associated_data: 'transaction', algorithm: 'AEAD_AES_256_GCM' }));
			expect(verifies({ headers: got.headers, raw: got.raw }, sp)).toBe(true);
			expect(decryptResource(envelope, sp)).toEqual(tx);
			const other = JSON.parse(/** @type {any} */ (rx.seen.find((x) => x.path === '/notify/custom')).raw.toString('utf8'));
			expect([other.id, decryptResource(other, sp)]).toEqual([custom, { out_trade_no: 'X1', trade_state: 'SUCCESS' }]);
			expect(sandbox.callbackDeliveries.filter((d) => d.id === id).map((d) => [d.eventType, d.key, d.status])).toEqual([['TRANSACTION.SUCCESS', tx.out_trade_no, 204]]);
			expect(() => sandbox.sendPaymentCallback(sp, 'https://pay.example.com/x', 'NO_SUCH_ORDER')).toThrow(/unknown/);
		} finally {
			await rx.close();
		}
	});
});

// ---------------------------------------------------------------- refunds

describe('refunds', () => {
	/** @param {Record<string, unknown>} body */
	const refund = (body) => request(sp, { path: '//v3/refund/domestic/refunds', body });
	/** @param {string} outRefundNo @param {string} [sub] */
	const getRefund = (outRefundNo, sub) => request(sp, { path: `//v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}${sub ? `?sub_mchid=${sub}` : ''}` });

	test('PROCESSING → SUCCESS with a REFUND.SUCCESS callback to the body\'s notify_url; idempotent by out_refund_no; amount rules', async () => {
		const rx = await receiver();
		try {
			sandbox.forwardCallbacks('https://shop.example.com/', `${rx.url}/`);
			const tx = sandbox.seedTransaction(sp, { total: 1000 });
			const outRefundNo = no('REFUND');
			const body = { out_trade_no: tx.out_trade_no, out_refund_no: outRefundNo, reason: '商品已售完', notify_url: 'https://shop.example.com/notify/refund', amount: { refund: 600, total: 1000, currency: 'CNY' } };
			const created = await refund(body);
			expectOk(created, sp);
			expect(created.json).toEqual(
				expect.objectContaining({
					refund_id: expect.stringMatching(/^50\d{27}$/),
					out_refund_no: outRefundNo,
					transaction_id: tx.transaction_id,
					out_trade_no: tx.out_trade_no,
					channel: 'ORIGINAL',
					status: 'PROCESSING',
					create_time: expect.stringMatching(/\+08:00$/),
					amount: expect.objectContaining({ total: 1000, refund: 600, payer_refund: 600, currency: 'CNY' }),
				}),
			);
			expect('success_time' in created.json).toBe(false);
			expect((await request(sp, { path: `//v3/pay/transactions/out-trade-no/${tx.out_trade_no}?mchid=${sp.merchantId}` })).json.trade_state).toBe('REFUND');
			await sandbox.callbacksSettled();
			const done = await getRefund(outRefundNo);
			expectOk(done, sp);
			expect(done.json).toEqual({ ...created.json, status: 'SUCCESS', success_time: expect.stringMatching(/\+08:00$/) });
			// the same body again: the refund as it is now, nothing refunded twice
			const again = await refund({ ...body });
			expect(again.json).toEqual(done.json);
			expectError(await refund({ ...body, amount: { refund: 500, total: 1000, currency: 'CNY' } }), 400, 'INVALID_REQUEST');

			expect(rx.seen).toHaveLength(1);
			expect(rx.seen[0].path).toBe('/notify/refund');
			const envelope = JSON.parse(rx.seen[0].raw.toString('utf8'));
			expect(envelope).toEqual(expect.objectContaining({ event_type: 'REFUND.SUCCESS', summary: '退款成功' }));
			expect(envelope.resource).toEqual(expect.objectContaining({ original_type: 'refund', associated_data: 'refund' }));
			expect(verifies({ headers: rx.seen[0].headers, raw: rx.seen[0].raw }, sp)).toBe(true);
			expect(decryptResource(envelope, sp)).toEqual({
				mchid: sp.merchantId,
				transaction_id: tx.transaction_id,
				out_trade_no: tx.out_trade_no,
				refund_id: created.json.refund_id,
				out_refund_no: outRefundNo,
				refund_status: 'SUCCESS',
				success_time: done.json.success_time,
				user_received_account: '支付用户零钱',
				amount: { total: 1000, refund: 600, payer_total: 1000, payer_refund: 600 },
			});

			// a second, partial refund by transaction_id, without notify_url: no callback
			expectError(await refund({ transaction_id: tx.transaction_id, out_refund_no: no('R'), amount: { refund: 401, total: 1000, currency: 'CNY' } }), 400, 'INVALID_REQUEST');
			expectOk(await refund({ transaction_id: tx.transaction_id, out_refund_no: no('R'), amount: { refund: 400, total: 1000, currency: 'CNY' } }), sp);
			await sandbox.callbacksSettled();
			expect(rx.seen).toHaveLength(1);
			expectError(await getRefund('NO_SUCH_REFUND'), 404, 'RESOURCE_NOT_EXISTS');
		} finally {
			await rx.close();
		}
	});

	test('body rules, order rules, partner refunds with sub_mchid', async () => {
		const tx = sandbox.seedTransaction(sp, { total: 500 });
		const ok = { out_trade_no: tx.out_trade_no, amount: { refund: 100, total: 500, currency: 'CNY' } };
		/** @type {Array<[string, Record<string, unknown>, number, string]>} */
		const cases = [
			['both order numbers', { ...ok, transaction_id: tx.transaction_id }, 400, 'PARAM_ERROR'],
			['no order number', { amount: ok.amount }, 400, 'PARAM_ERROR'],
			['refund above total', { ...ok, amount: { refund: 600, total: 500, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
			['currency USD', { ...ok, amount: { refund: 100, total: 500, currency: 'USD' } }, 400, 'PARAM_ERROR'],
			['refund as a decimal', { ...ok, amount: { refund: 1.5, total: 500, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
			['from not adding up', { ...ok, amount: { refund: 100, total: 500, currency: 'CNY', from: [{ account: 'AVAILABLE', amount: 50 }] } }, 400, 'PARAM_ERROR'],
			['notify_url http', { ...ok, notify_url: 'http://shop.example.com/n' }, 400, 'PARAM_ERROR'],
			['notify_url with a query', { ...ok, notify_url: 'https://shop.example.com/n?x=1' }, 400, 'PARAM_ERROR'],
			['reason of 81 characters', { ...ok, reason: '因'.repeat(81) }, 400, 'PARAM_ERROR'],
			['an unknown field', { ...ok, refund_fee: 1 }, 400, 'PARAM_ERROR'],
			['total not the order\'s', { ...ok, amount: { refund: 100, total: 400, currency: 'CNY' } }, 400, 'INVALID_REQUEST'],
			['an unknown order', { ...ok, out_trade_no: 'NO_SUCH_ORDER' }, 404, 'RESOURCE_NOT_EXISTS'],
			['an unpaid order', { ...ok, out_trade_no: String(sandbox.seedTransaction(sp, { tradeState: 'CLOSED', total: 500 }).out_trade_no) }, 400, 'INVALID_REQUEST'],
			['the order of a sub-merchant without sub_mchid', { ...ok, out_trade_no: String(sandbox.seedTransaction(sp, { subMchid: '1900000109', total: 500 }).out_trade_no) }, 404, 'RESOURCE_NOT_EXISTS'],
		];
		for (const [name, body, status, code] of cases) {
			const r = await refund({ out_refund_no: no('R'), ...body });
			try {
				expectError(r, status, code);
			} catch (error) {
				throw new Error(`${name}: ${/** @type {Error} */ (error).message}`);
			}
		}
		expectError(await request(sp, { path: '//v3/refund/domestic/refunds', body: { out_refund_no: no('R'), ...ok }, headers: { 'content-type': 'text/plain' } }), 400, 'INVALID_REQUEST');

		const partner = sandbox.seedTransaction(sp, { subMchid: '1900000110', total: 300 });
		const outRefundNo = no('PR');
		expectOk(await refund({ sub_mchid: '1900000110', out_trade_no: partner.out_trade_no, out_refund_no: outRefundNo, amount: { refund: 300, total: 300, currency: 'CNY' } }), sp);
		expectOk(await getRefund(outRefundNo, '1900000110'), sp);
		expectError(await getRefund(outRefundNo), 404, 'RESOURCE_NOT_EXISTS');
		expectError(await getRefund(outRefundNo, '1900000111'), 404, 'RESOURCE_NOT_EXISTS');
	});

	test('refundDelayMs Infinity: finishRefund ends it ABNORMAL or CLOSED, with REFUND.ABNORMAL / REFUND.CLOSED; a CLOSED refund gives the amount back', async () => {
		const rx = await receiver();
		const manual = await startSandbox({ refundDelayMs: Infinity });
		try {
			const cred = /** @type {Cred} */ (manual.createAccount({ accountType: 'serviceProvider' }));
			manual.forwardCallbacks('https://shop.example.com/', `${rx.url}/`);
			const tx = manual.seedTransaction(cred, { total: 100 });
			const body = (/** @type {string} */ n) => ({ out_trade_no: tx.out_trade_no, out_refund_no: n, notify_url: 'https://shop.example.com/r', amount: { refund: 100, total: 100, currency: 'CNY' } });
			expectOk(await request(cred, { path: '//v3/refund/domestic/refunds', body: body('R_ABNORMAL') }), cred);
			await manual.callbacksSettled();
			expect((await request(cred, { path: '//v3/refund/domestic/refunds/R_ABNORMAL' })).json.status).toBe('PROCESSING');
			expect(manual.finishRefund(cred, 'R_ABNORMAL', 'ABNORMAL')).toEqual(expect.objectContaining({ status: 'ABNORMAL' }));
			expectError(await request(cred, { path: '//v3/refund/domestic/refunds', body: body('R_SECOND') }), 400, 'INVALID_REQUEST');
			const tx2 = manual.seedTransaction(cred, { total: 100 });
			expectOk(await request(cred, { path: '//v3/refund/domestic/refunds', body: { ...body('R_CLOSED'), out_trade_no: tx2.out_trade_no } }), cred);
			manual.finishRefund(cred, 'R_CLOSED', 'CLOSED');
			expectOk(await request(cred, { path: '//v3/refund/domestic/refunds', body: { ...body('R_AFTER_CLOSE'), out_trade_no: tx2.out_trade_no } }), cred);
			await manual.callbacksSettled();
			const events = rx.seen.map((x) => JSON.parse(x.raw.toString('utf8')));
			expect(events.map((e) => [e.event_type, decryptResource(e, cred).refund_status])).toEqual([
				['REFUND.ABNORMAL', 'ABNORMAL'],
				['REFUND.CLOSED', 'CLOSED'],
			]);
			expect(() => manual.finishRefund(cred, 'NOPE')).toThrow(/unknown/);
		} finally {
			await manual.close();
			await rx.close();
		}
	});
});

// ---------------------------------------------------------------- sandbox-only echo

describe('sandbox echo (sandbox-only, not a WeChat Pay endpoint)', () => {
	test.each(['serviceProvider', 'brand'])('%s: GET, POST, PUT, PATCH echo what was verified; DELETE answers a signed 204', async (accountType) => {
		const cred = accountType === 'brand' ? brand : sp;
		const root = accountType === 'brand' ? '//brand/sandbox-echo' : '//v3/sandbox-echo';
		const get = await request(cred, { path: `${root}/items?limit=2&name=%E5%95%86%E5%93%81` });
		expectOk(get, cred);
		expect(get.json).toEqual({ sandbox_only: true, method: 'GET', path_and_query: `${root.slice(1)}/items?limit=2&name=%E5%95%86%E5%93%81`, body: '' });
		for (const method of ['POST', 'PUT', 'PATCH']) {
			const path = method === 'POST' ? `${root}/items` : `${root}/items/item_1`;
			const raw = `{"name":"商品","n":1}`;
			const r = await request(cred, { method, path, rawBody: raw });
			expectOk(r, cred);
			expect(r.json).toEqual({ sandbox_only: true, method, path_and_query: path.slice(1), body: raw, json: { name: '商品', n: 1 } });
		}
		const del = await request(cred, { method: 'DELETE', path: `${root}/items/item_1` });
		expect(del.status).toBe(204);
		expect(del.raw.length).toBe(0);
		expect(del.headers['content-type']).toBeUndefined();
		expect(verifies(del, cred)).toBe(true);
		// every rule of a real endpoint applies
		expectError(await request(cred, { method: 'PUT', path: `${root}/items/item_1` }), 400, 'INVALID_REQUEST');
		expectError(await request(cred, { method: 'DELETE', path: `${root}/items/item_1`, rawBody: '{}' }), 400, 'INVALID_REQUEST');
		expectError(await request(cred, { method: 'PUT', path: `${root}/items/item_1`, rawBody: 'not json', headers: { 'content-type': 'application/json' } }), 400, 'PARAM_ERROR');
		expectError(await request(cred, { method: 'DELETE', path: `${root}/items` }), 405, 'METHOD_NOT_ALLOWED');
		expectError(await request(cred, { method: 'PATCH', path: `${root}/items/..`, rawBody: '{}' }), 400, 'PARAM_ERROR');
		expectError(await request(accountType === 'brand' ? sp : brand, { path: `${root}/items` }), 401, 'SIGN_ERROR');
		sandbox.misbehave(cred, 'tamperBody');
		const tampered = await request(cred, { method: 'DELETE', path: `${root}/items/item_2` });
		expect([tampered.status, verifies(tampered, cred)]).toEqual([200, false]);
		sandbox.misbehave(cred, 'wrongSignature');
		const wrong = await request(cred, { method: 'DELETE', path: `${root}/items/item_2` });
		expect([wrong.status, verifies(wrong, cred)]).toEqual([204, false]);
	});

	test('the signature covers the exact path and query sent', async () => {
		expectOk(await request(sp, { path: '//v3/sandbox-echo/items?a=1' }), sp);
		// a request whose signature was made for another query: sign one path, send another
		const { createSign } = crypto;
		const ts = String(Math.floor(Date.now() / 1000));
		const message = `GET\n/v3/sandbox-echo/items?a=1\n${ts}\nNONCE123\n\n`;
		const signature = createSign('RSA-SHA256').update(message).sign(sp.privateKey, 'base64');
		const auth = `WECHATPAY2-SHA256-RSA2048 mchid="${sp.merchantId}",nonce_str="NONCE123",signature="${signature}",timestamp="${ts}",serial_no="${sp.certificateSerialNumber}"`;
		expectError(await request(sp, { path: '//v3/sandbox-echo/items?a=2', headers: { authorization: auth } }), 401, 'SIGN_ERROR');
		expectOk(await request(sp, { path: '//v3/sandbox-echo/items?a=1', headers: { authorization: auth } }), sp);
	});
});

// ---------------------------------------------------------------- platform certificates

describe('platform certificates', () => {
	test('certificate mode: every certificate, encrypted with the APIv3 key, the answer signed with the certificate; rotation', async () => {
		const cred = /** @type {Cred & { platformCertificates: string }} */ (sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'platformCertificate' }));
		const firstPem = cred.platformCertificates;
		const firstSerial = new crypto.X509Certificate(firstPem).serialNumber.toUpperCase();
		const r = await request(cred, { path: '//v3/certificates' });
		expect(r.status).toBe(200);
		expect(r.headers['wechatpay-serial']).toBe(firstSerial);
		expect(verifiesWith(r, firstPem, firstSerial)).toBe(true);
		expect(r.json.data).toHaveLength(1);
		const entry = r.json.data[0];
		expect(entry).toEqual({
			serial_no: firstSerial,
			effective_time: expect.stringMatching(/\+08:00$/),
			expire_time: expect.stringMatching(/\+08:00$/),
			encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce: expect.stringMatching(/^[0-9A-Za-z]{12}$/), associated_data: 'certificate', ciphertext: expect.any(String) },
		});
		expect(decryptText(entry.encrypt_certificate, cred.apiV3Key)).toBe(firstPem);
		expect(Date.parse(entry.expire_time)).toBeGreaterThan(Date.parse(entry.effective_time));

		const rotated = sandbox.rotatePlatformCertificate(cred);
		expect(rotated.serial_no).toMatch(/^[0-9A-F]{40}$/);
		const two = await request(cred, { path: '//v3/certificates' });
		expect(two.json.data.map((/** @type {any} */ d) => d.serial_no)).toEqual([firstSerial, rotated.serial_no]);
		expect(decryptText(two.json.data[1].encrypt_certificate, cred.apiV3Key)).toBe(rotated.certificate);
		expect(verifiesWith(two, firstPem, firstSerial)).toBe(true); // still signed with the first until it is activated
		// a request may name the new certificate in Wechatpay-Serial
		expect((await request(cred, { path: '//v3/certificates', headers: { 'wechatpay-serial': rotated.serial_no } })).status).toBe(200);
		sandbox.rotatePlatformCertificate(cred, { activate: true });
		const three = await request(cred, { path: '//v3/certificates' });
		const active = three.json.data[2];
		const activePem = decryptText(active.encrypt_certificate, cred.apiV3Key);
		expect(verifiesWith(three, activePem, active.serial_no)).toBe(true);
		expect(three.json.data).toHaveLength(3);
		expect(sandbox.account(cred).credential.platformCertificates).toBe(`${firstPem}${rotated.certificate}${activePem}`);
		expect((await request(cred, { path: '//v3/certificates?algorithm_type=SM2' })).json).toEqual({ data: [] });
		expectError(await request(cred, { path: '//v3/certificates?algorithm_type=DSA' }), 400, 'PARAM_ERROR');
	});

	test('both mode: signed with the platform certificate although answers are otherwise signed with the public key; public-key mode: 404; brands: no such endpoint', async () => {
		const both = /** @type {Cred & { platformCertificates: string }} */ (sandbox.createAccount({ accountType: 'serviceProvider', keyMode: 'both' }));
		const serial = new crypto.X509Certificate(both.platformCertificates).serialNumber.toUpperCase();
		const r = await request(both, { path: '//v3/certificates' });
		expect(verifiesWith(r, both.platformCertificates, serial)).toBe(true);
		expect(verifies(await request(both, { path: '//v3/sandbox-echo/items' }), both)).toBe(true);
		const r2 = await request(sp, { path: '//v3/certificates' });
		expectError(r2, 404, 'RESOURCE_NOT_EXISTS');
		expect(r2.json.message).toMatch(/微信支付公钥/);
		expectError(await request(brand, { path: '//v3/certificates' }), 401, 'SIGN_ERROR');
		expect(() => sandbox.rotatePlatformCertificate(sp)).toThrow(/public-key/);
	});
});

// ---------------------------------------------------------------- bills

describe('bills', () => {
	test('trade bill: signed {hash_type, hash_value, download_url}; the download is unsigned, needs Authorization, hashes to hash_value; gzip; fund flow bill', async () => {
		const sp = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'serviceProvider' })); // its own orders only
		const yesterday = Date.now() - DAY;
		const a = sandbox.seedTransaction(sp, { total: 12345, successTime: yesterday, description: '咖啡' });
		sandbox.seedTransaction(sp, { total: 100, successTime: yesterday, subMchid: '1900000109' });
		const date = beijingDate(yesterday);
		const r = await request(sp, { path: `//v3/bill/tradebill?bill_date=${date}&bill_type=ALL` });
		expectOk(r, sp);
		expect(Object.keys(r.json)).toEqual(['hash_type', 'hash_value', 'download_url']);
		expect(r.json.hash_type).toBe('SHA1');
		expect(r.json.download_url).toMatch(new RegExp(`^${sandbox.baseUrl}/v3/billdownload/file\\?token=[A-Za-z0-9_-]+$`));
		const path = r.json.download_url.slice(sandbox.baseUrl.length);
		const file = await request(sp, { path: `/${path}` });
		expect(file.status).toBe(200);
		for (const h of ['wechatpay-signature', 'wechatpay-serial', 'wechatpay-timestamp', 'wechatpay-nonce']) expect(file.headers[h]).toBeUndefined();
		expect(file.headers['content-type']).toBe('application/octet-stream');
		expect(crypto.createHash('sha1').update(file.raw).digest('hex')).toBe(r.json.hash_value);
		const csv = file.raw.toString('utf8');
		expect(csv.split('\r\n')[0]).toMatch(/^交易时间,公众账号ID,商户号/);
		expect(csv).toContain(`\`${a.out_trade_no}`);
		expect(csv).toContain('`123.45');
		expect(csv).not.toContain('1900000109'); // the sub-merchant's order is in its own bill
		expect(csv).toMatch(/总交易单数.*\r\n`1,`123.45,/);
		// the download needs a valid Authorization of the same merchant
		expectError(await request(sp, { path: `/${path}`, headers: { authorization: undefined } }), 401, 'SIGN_ERROR');
		const other = /** @type {Cred} */ (sandbox.createAccount({ accountType: 'serviceProvider' }));
		expectError(await request(other, { path: `/${path}` }), 404, 'RESOURCE_NOT_EXISTS');
		// the sub-merchant's bill
		const sub = await request(sp, { path: `//v3/bill/tradebill?bill_date=${date}&sub_mchid=1900000109` });
		expect((await request(sp, { path: `/${sub.json.download_url.slice(sandbox.baseUrl.length)}` })).raw.toString('utf8')).toContain('1900000109');

		const gz = await request(sp, { path: `//v3/bill/tradebill?bill_date=${date}&tar_type=GZIP` });
		expectOk(gz, sp);
		expect(gz.json.download_url).toMatch(/&tartype=gzip$/);
		const gzFile = await request(sp, { path: `/${gz.json.download_url.slice(sandbox.baseUrl.length)}` });
		expect(crypto.createHash('sha1').update(gzFile.raw).digest('hex')).toBe(gz.json.hash_value);
		expect(zlib.gunzipSync(gzFile.raw).toString('utf8')).toBe(csv);

		const flow = await request(sp, { path: `//v3/bill/fundflowbill?bill_date=${date}` });
		expectOk(flow, sp);
		const flowFile = await request(sp, { path: `/${flow.json.download_url.slice(sandbox.baseUrl.length)}` });
		expect(crypto.createHash('sha1').update(flowFile.raw).digest('hex')).toBe(flow.json.hash_value);
		expect(flowFile.raw.toString('utf8')).toMatch(/^记账时间,微信支付业务单号/);
		expect(flowFile.raw.toString('utf8')).toContain(`\`${a.transaction_id}`);
	});

	test('tamperedBillFile changes the file so its SHA1 no longer matches; signed answers are untouched by it', async () => {
		const yesterday = Date.now() - DAY;
		sandbox.seedTransaction(sp, { total: 777, successTime: yesterday });
		const r = await request(sp, { path: `//v3/bill/tradebill?bill_date=${beijingDate(yesterday)}` });
		const path = `/${r.json.download_url.slice(sandbox.baseUrl.length)}`;
		const good = await request(sp, { path });
		sandbox.misbehave(sp, 'tamperedBillFile');
		const bad = await request(sp, { path });
		expect(bad.status).toBe(200);
		expect(bad.raw.length).toBe(good.raw.length);
		expect(bad.raw.equals(good.raw)).toBe(false);
		expect(crypto.createHash('sha1').update(bad.raw).digest('hex')).not.toBe(r.json.hash_value);
		expect(sandbox.requests[sandbox.requests.length - 1].fault).toBe('tamperedBillFile');
		expect(sandbox.faults.download).toEqual(['tamperedBillFile']);
		sandbox.misbehave(sp, 'tamperedBillFile');
		expectOk(await request(sp, { path: '//v3/sandbox-echo/items' }), sp);
		// a response fault does nothing to the unsigned file
		sandbox.misbehave(sp, 'wrongSignature');
		expect((await request(sp, { path })).raw.equals(good.raw)).toBe(true);
	});

	test('dates: today STATEMENT_CREATING, future PARAM_ERROR, > 3 months INVALID_REQUEST, empty NO_STATEMENT_EXIST; the link expires after 30 s', async () => {
		let offsetMs = 0;
		const now = () => Date.now() + offsetMs;
		const clocked = await startSandbox({ now, refundDelayMs: 0 });
		try {
			const cred = /** @type {Cred} */ (clocked.createAccount({ accountType: 'serviceProvider' }));
			const ask = (/** @type {string} */ q) => request(cred, { path: `//v3/bill/tradebill?${q}`, timestamp: now() });
			const tx = clocked.seedTransaction(cred, { total: 1000 });
			expectError(await ask(`bill_date=${beijingDate(now())}`), 400, 'STATEMENT_CREATING');
			expectError(await ask(`bill_date=${beijingDate(now() + DAY)}`), 400, 'PARAM_ERROR');
			expectError(await ask(`bill_date=${beijingDate(now() - 100 * DAY)}`), 400, 'INVALID_REQUEST');
			expectError(await ask(`bill_date=${beijingDate(now() - 2 * DAY)}`), 400, 'NO_STATEMENT_EXIST');
			expectError(await ask('bill_date=2025-02-30'), 400, 'PARAM_ERROR');
			expectError(await ask('bill_date=20250101'), 400, 'PARAM_ERROR');
			expectError(await ask(`bill_date=${beijingDate(now() - DAY)}&bill_type=REFUNDS`), 400, 'PARAM_ERROR');
			expectOk(await request(cred, { path: '//v3/refund/domestic/refunds', body: { out_trade_no: tx.out_trade_no, out_refund_no: 'R_BILL_1', amount: { refund: 250, total: 1000, currency: 'CNY' } }, timestamp: now() }), cred);
			await clocked.callbacksSettled();
			const day = beijingDate(now());
			offsetMs += DAY;
			const refunds = await ask(`bill_date=${day}&bill_type=REFUND`);
			expect(refunds.status).toBe(200); // signed on the sandbox clock, a day ahead of this process's
			const path = `/${refunds.json.download_url.slice(clocked.baseUrl.length)}`;
			const csv = (await request(cred, { path, timestamp: now() })).raw.toString('utf8');
			expect(csv).toContain('`R_BILL_1');
			expect(csv).toContain('`2.50');
			expect(csv).not.toMatch(/\r\n`[^\r\n]*`SUCCESS`OTHERS/); // REFUND rows only
			offsetMs += 31000;
			expectError(await request(cred, { path, timestamp: now() }), 400, 'INVALID_REQUEST');
		} finally {
			await clocked.close();
		}
	});
});

test('request log and rate class of the generic endpoints', async () => {
	const limited = await startSandbox({ otherRateLimitPerSecond: 3 });
	try {
		const cred = /** @type {Cred} */ (limited.createAccount({ accountType: 'serviceProvider' }));
		const replies = await Promise.all(Array.from({ length: 5 }, () => request(cred, { path: '//v3/sandbox-echo/items' })));
		expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
		expect((await request(cred, { path: '/notify-configs' })).status).toBe(404); // the management window is another one
		expect(limited.requests.map((e) => e.path).slice(0, 1)).toEqual(['/v3/sandbox-echo/items']);
		expect(numericCode(replies[0])).toBeNull();
	} finally {
		await limited.close();
	}
});
