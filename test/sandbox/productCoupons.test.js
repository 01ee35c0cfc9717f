// @ts-check
'use strict';
/**
 * The campaign set-up endpoints #3–#24 of the sandbox (image upload, image tasks, product coupons, stocks, stores,
 * coupon codes, stock bundles), driven by the tests' own minimal client (minimal-client.js), for both account types:
 * every endpoint's success and its main refusals, audits, request numbers, and one campaign end to end through a
 * user coupon send (#25).
 */
const crypto = require('crypto');
const http = require('http');
const { startSandbox } = require('.');
const { request, upload, verifies, numericCode, decryptResource } = require('./minimal-client');

/**
 * @typedef {import('./minimal-client').Cred} Cred
 * @typedef {import('./minimal-client').Reply} Reply
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox
 * @typedef {{ brand_id: string, appid: string, store_ids: string[] }} Brand
 */

const TYPES = /** @type {const} */ (['serviceProvider', 'brand']);
const DAY = 24 * 3600 * 1000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const BMP = Buffer.from('BM');

/** RFC 3339 in Beijing time @param {number} ms */
const beijing = (ms) => new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
let serial = 0;
/** a fresh request number @param {string} prefix */
const no = (prefix) => `${prefix}_${Date.now().toString(36)}_${++serial}`;
/** @param {Buffer} magic @param {number} [size] */
const image = (magic, size = 300) => Buffer.concat([magic, crypto.randomBytes(size)]);
/** @param {Record<string, unknown>} q */
const qs = (q) => new URLSearchParams(/** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])))).toString();

/** @param {Reply} r @param {number} status @param {string} code @param {number | null} [numeric] */
function expectError(r, status, code, numeric) {
	if (r.status !== status || !r.json || r.json.code !== code) throw new Error(`expected ${status} ${code}, got ${r.status} ${r.raw.toString('utf8').slice(0, 400)}`);
	expect(typeof r.json.message).toBe('string');
	expect(r.headers['wechatpay-signature']).toBeUndefined();
	if (numeric !== undefined) expect(numericCode(r)).toBe(numeric);
}

/** @param {Reply} r @param {Cred} cred */
function expectOk(r, cred) {
	if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${r.raw.toString('utf8').slice(0, 400)}`);
	expect(verifies(r, cred)).toBe(true);
}

// ---------------------------------------------------------------- bodies (digest §4)

/** @param {number} [days] @param {Record<string, unknown>} [extra] */
const period = (days = 30, extra = {}) => ({ available_begin_time: beijing(Date.now()), available_end_time: beijing(Date.now() + days * DAY - 1000), ...extra });

/** §4.2 stock @param {Brand} brand @param {Record<string, unknown>} [o] */
const stockBody = (brand, o = {}) => ({
	remark: '测试批次',
	coupon_code_mode: 'WECHATPAY',
	stock_send_rule: { max_count: 100, max_count_per_user: 2 },
	single_usage_rule: { coupon_available_period: period() },
	usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], mini_program_appid: brand.appid, mini_program_path: '/pages/index/index', usage_description: '全场通用' },
	coupon_display_info: { code_display_mode: 'QRCODE', background_color: 'Color020' },
	notify_config: { notify_appid: brand.appid },
	store_scope: 'NONE',
	...o,
});

/** §4.3 stock bundle @param {Brand} brand @param {unknown[]} rounds @param {Record<string, unknown>} [o] */
const bundleBody = (brand, rounds, o = {}) => {
	const { single_usage_rule: _s, coupon_code_mode: _c, ...rest } = stockBody(brand);
	return { ...rest, coupon_code_mode: 'WECHATPAY', progressive_bundle_usage_rule: { coupon_available_period: period(), normal_coupon_list: rounds }, ...o };
};
const ROUNDS = [
	{ threshold: 10000, discount_amount: 1000 },
	{ threshold: 10000, discount_amount: 1500 },
	{ threshold: 8000, discount_amount: 2000 },
];

/**
 * Calls of one account on one brand. brand_id is added to bodies and queries for service providers.
 * @param {Cred} cred @param {Brand} brand
 */
function client(cred, brand) {
	const partner = cred.accountType === 'serviceProvider';
	/** @param {Record<string, unknown>} body */
	const b = (body) => (partner ? { brand_id: brand.brand_id, ...body } : body);
	/** @param {Record<string, unknown>} [query] */
	const q = (query = {}) => {
		const s = qs(partner ? { brand_id: brand.brand_id, ...query } : query);
		return s ? `?${s}` : '';
	};
	/** @param {string} path @param {Record<string, unknown>} body */
	const post = (path, body) => request(cred, { path, body: b(body) });
	/** @param {string} path @param {Record<string, unknown>} body */
	const patch = (path, body) => request(cred, { method: 'PATCH', path, body: b(body) });
	/** @param {string} path @param {Record<string, unknown>} [query] */
	const get = (path, query) => request(cred, { path: `${path}${q(query)}` });
	/** @param {string} pc */
	const P = (pc) => `/product-coupons/${pc}`;
	/** @param {string} pc @param {string} s */
	const S = (pc, s) => `${P(pc)}/stocks/${s}`;
	/** @param {string} pc @param {string} s */
	const B = (pc, s) => `${P(pc)}/stock-bundles/${s}`;
	/** @param {string[]} ids */
	const stores = (ids) => ({ store_list: ids.map((id) => ({ store_id: id })) });
	return {
		cred,
		brand,
		b,
		q,
		/** @param {Record<string, unknown>} body */
		create: (body) => post('/product-coupons', body),
		/** @param {string} pc */
		get: (pc) => get(P(pc)),
		/** @param {string} pc @param {Record<string, unknown>} displayInfo @param {Record<string, unknown>} [extra] */
		update: (pc, displayInfo, extra = {}) => patch(P(pc), { out_request_no: no('UPDATE'), display_info: displayInfo, ...extra }),
		/** @param {string} pc @param {Record<string, unknown>} [extra] */
		deactivate: (pc, extra = {}) => post(`${P(pc)}/deactivate`, { out_request_no: no('DEACT'), deactivate_reason: '活动结束', ...extra }),
		/** @param {string} pc @param {Record<string, unknown>} stock @param {Record<string, unknown>} [extra] */
		addStock: (pc, stock, extra = {}) => post(`${P(pc)}/stocks`, { out_request_no: no('STOCK'), stock, ...extra }),
		/** @param {string} pc @param {Record<string, unknown>} [query] */
		listStocks: (pc, query) => get(`${P(pc)}/stocks`, query),
		/** @param {string} pc @param {string} s */
		getStock: (pc, s) => get(S(pc, s)),
		/** @param {string} pc @param {string} s @param {Record<string, unknown>} body */
		updateStock: (pc, s, body) => patch(S(pc, s), { out_request_no: no('UPDS'), ...body }),
		/** @param {string} pc @param {string} s @param {Record<string, unknown>} body */
		budget: (pc, s, body) => post(`${S(pc, s)}/update-budget`, { out_request_no: no('BUDGET'), ...body }),
		/** @param {string} pc @param {string} s @param {Record<string, unknown>} [extra] */
		deactivateStock: (pc, s, extra = {}) => post(`${S(pc, s)}/deactivate`, { out_request_no: no('DEACTS'), deactivate_reason: '批次结束', ...extra }),
		/** @param {string} pc @param {string} s @param {string[]} ids */
		associate: (pc, s, ids) => post(`${S(pc, s)}/associate-stores`, stores(ids)),
		/** @param {string} pc @param {string} s @param {string[]} ids */
		disassociate: (pc, s, ids) => post(`${S(pc, s)}/disassociate-stores`, stores(ids)),
		/** @param {string} pc @param {string} s @param {Record<string, unknown>} [query] */
		listStores: (pc, s, query) => get(`${S(pc, s)}/associated-stores`, query),
		/** @param {string} pc @param {string} s @param {string[]} codes @param {Record<string, unknown>} [extra] */
		uploadCodes: (pc, s, codes, extra = {}) => post(`${S(pc, s)}/upload-coupon-codes`, { out_request_no: no('CODES'), code_list: codes, ...extra }),
		/** @param {string} pc @param {Record<string, unknown>} bundle @param {Record<string, unknown>} [extra] */
		addBundle: (pc, bundle, extra = {}) => post(`${P(pc)}/stock-bundles`, { out_request_no: no('BUNDLE'), stock_bundle: bundle, ...extra }),
		/** @param {string} pc @param {string} id @param {Record<string, unknown>} body */
		updateBundle: (pc, id, body) => patch(B(pc, id), { out_request_no: no('UPDB'), ...body }),
		/** @param {string} pc @param {string} id @param {Record<string, unknown>} body */
		bundleBudget: (pc, id, body) => post(`${B(pc, id)}/update-budget`, { out_request_no: no('BUDGETB'), ...body }),
		/** @param {string} pc @param {string} id @param {string[]} ids */
		bundleAssociate: (pc, id, ids) => post(`${B(pc, id)}/associate-stores`, stores(ids)),
		/** @param {string} pc @param {string} id @param {string[]} ids */
		bundleDisassociate: (pc, id, ids) => post(`${B(pc, id)}/disassociate-stores`, stores(ids)),
		/** @param {Record<string, unknown>} body */
		task: (body) => post('/image-generation-tasks', body),
		/** @param {string} id @param {string} type */
		getTask: (id, type) => get(`/image-generation-tasks/${id}`, { image_generation_type: type }),
		/** #25 @param {string} pc @param {string} s @param {string} [openid] */
		send: (pc, s, openid = `oUser_${++serial}`) => post(`/users/${openid}/coupons`, { product_coupon_id: pc, stock_id: s, appid: brand.appid, send_request_no: no('SEND') }),
		/** #27 @param {string} pc @param {string} id @param {string} [openid] */
		sendBundle: (pc, id, openid = `oUser_${++serial}`) => post(`/users/${openid}/coupon-bundles`, { product_coupon_id: pc, stock_bundle_id: id, appid: brand.appid, send_request_no: no('SENDB') }),
	};
}

/** @type {Sandbox} */
let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerSecond: 1000, imageTaskRateLimitPerSecond: 1000, callbackRetryDelaysMs: [100], imageTaskDelayMs: 30 });
});
afterAll(() => sandbox.close());

/** one account per type (RSA key generation is slow), its notify URL set; every test seeds its own brand */
/** @type {Partial<Record<'serviceProvider' | 'brand', Cred>>} */
const accounts = {};
/** @param {'serviceProvider' | 'brand'} accountType */
async function fixture(accountType) {
	let cred = accounts[accountType];
	if (!cred) {
		cred = accounts[accountType] = /** @type {Cred} */ (sandbox.createAccount({ accountType }));
		expectOk(await request(cred, { path: '/notify-configs', body: { notify_url: `https://n8n-${accountType.toLowerCase()}.example.com/webhook` } }), cred);
	}
	const brand = sandbox.seedBrand(cred);
	const api = client(cred, brand);
	const [img, bg] = await Promise.all([upload(cred, { file: image(PNG) }), upload(cred, { file: image(PNG), filename: 'background.png' })]);
	expectOk(img, cred);
	expectOk(bg, cred);
	const displayInfo = { name: '满100减10元', image_url: img.json.image_url, background_url: bg.json.image_url };
	/** §4.1, scope ALL, NORMAL, SINGLE mode @param {Record<string, unknown>} [o] */
	const couponBody = (o = {}) => ({
		out_request_no: no('CREATE'),
		scope: 'ALL',
		type: 'NORMAL',
		usage_mode: 'SINGLE',
		single_usage_info: { normal_coupon: { threshold: 10000, discount_amount: 1000 } },
		display_info: displayInfo,
		stock: stockBody(brand),
		...o,
	});
	/** §4.1, PROGRESSIVE_BUNDLE with 3 rounds @param {Record<string, unknown>} [o] */
	const bundleCouponBody = (o = {}) => {
		const { single_usage_info: _s, stock: _t, ...rest } = couponBody();
		return { ...rest, usage_mode: 'PROGRESSIVE_BUNDLE', progressive_bundle_usage_info: { count: 3, interval_days: 0 }, stock_bundle: bundleBody(brand, ROUNDS), ...o };
	};
	/** create, then the next call sees it audited: { pc, stock? , bundle? } @param {Record<string, unknown>} [o] */
	const effective = async (o = {}) => {
		const r = await api.create(couponBody(o));
		expectOk(r, cred);
		return { pc: /** @type {string} */ (r.json.product_coupon_id), stock: /** @type {string} */ (r.json.stock.stock_id), created: r.json };
	};
	return { cred, brand, api, displayInfo, couponBody, bundleCouponBody, effective, images: [img.json.image_url, bg.json.image_url] };
}

// ---------------------------------------------------------------- #3 image upload

describe.each(TYPES)('%s: image upload (#3)', (accountType) => {
	test('PNG, JPG and BMP are answered with a wxpaylogo.qpic.cn image_url, signed, remembered for the account', async () => {
		const { cred } = await fixture(accountType);
		const urls = [];
		for (const [file, filename] of /** @type {Array<[Buffer, string]>} */ ([[image(PNG), 'a.png'], [image(JPG), 'b.jpg'], [image(BMP), 'c.bmp']])) {
			const r = await upload(cred, { file, filename });
			expectOk(r, cred);
			expect(Object.keys(r.json)).toEqual(['image_url']);
			expect(r.json.image_url).toMatch(/^https:\/\/wxpaylogo\.qpic\.cn\/wxpaylogo\/[0-9A-F]{32}\/0$/);
			urls.push(r.json.image_url);
		}
		expect(sandbox.uploadedImages(cred)).toEqual(expect.arrayContaining(urls));
		// upper-case sha256 hex, a part without Content-Type, Content-Transfer-Encoding binary, quoted boundary
		const file = image(PNG);
		const sha = crypto.createHash('sha256').update(file).digest('hex').toUpperCase();
		expectOk(await upload(cred, { file, sha256: sha, metaHeaders: 'Content-Disposition: form-data; name="meta"', fileHeaders: 'Content-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Transfer-Encoding: binary', boundary: 'b0und4ry', contentType: 'multipart/form-data; boundary="b0und4ry"' }), cred);
		// what a browser-style FormData sends: meta as a JSON blob, a quoted filename with ; and escaped quotes
		expectOk(await upload(cred, { file, metaHeaders: 'Content-Disposition: form-data; name="meta"; filename="blob"\r\nContent-Type: application/json; charset=utf-8', fileHeaders: 'Content-Disposition: form-data; name="file"; filename="a;b \\"c\\".png"\r\nContent-Type: image/png', boundary: '----formdata-undici-012345678901' }), cred);
	});

	test('the signature is over the meta JSON exactly as sent: over the multipart body or another meta it is refused', async () => {
		const { cred } = await fixture(accountType);
		const file = image(PNG);
		const sha256 = crypto.createHash('sha256').update(file).digest('hex');
		const meta = JSON.stringify({ filename: 'x.png', sha256 });
		const boundary = 'sandboxBoundary01';
		const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
		const overBody = await upload(cred, { file, rawBody: body, boundary, signedBody: body });
		expectError(overBody, 401, 'SIGN_ERROR');
		expect(overBody.json.detail.issue).toMatch(/signature/);
		expectError(await upload(cred, { file, meta, signedBody: JSON.stringify({ sha256, filename: 'x.png' }) }), 401, 'SIGN_ERROR');
		expectError(await upload(cred, { file, meta: `${meta} `, signedBody: meta }), 401, 'SIGN_ERROR');
		expectError(await upload(cred, { file, meta, signedBody: '' }), 401, 'SIGN_ERROR');
		expectOk(await upload(cred, { file, meta, rawBody: body, boundary }), cred);
	});

	test('meta and file: sha256, filename, size (270087680), content; no brand_id', async () => {
		const { cred } = await fixture(accountType);
		const file = image(PNG);
		const sha256 = crypto.createHash('sha256').update(file).digest('hex');
		/** @type {Array<[string, () => Promise<Reply>, number?]>} */
		const cases = [
			['sha256 of another file', () => upload(cred, { file, sha256: crypto.createHash('sha256').update('x').digest('hex') })],
			['sha256 not hex', () => upload(cred, { file, sha256: 'z'.repeat(64) })],
			['sha256 too short', () => upload(cred, { file, sha256: sha256.slice(1) }), 268435463],
			['filename .gif', () => upload(cred, { file, filename: 'x.gif' })],
			['filename .jpeg (the digest lists .jpg/.bmp/.png)', () => upload(cred, { file: image(JPG), filename: 'x.jpeg' })],
			['filename .PNG', () => upload(cred, { file, filename: 'x.PNG' })],
			['filename 151 characters', () => upload(cred, { file, filename: `${'图'.repeat(147)}.png` }), 268435462],
			['brand_id in meta', () => upload(cred, { file, meta: JSON.stringify({ filename: 'x.png', sha256, brand_id: '120344' }) })],
			['meta without sha256', () => upload(cred, { file, meta: JSON.stringify({ filename: 'x.png' }) })],
			['meta not JSON', () => upload(cred, { file, meta: 'filename=x.png' })],
			['a GIF named .png', () => upload(cred, { file: image(Buffer.from('GIF89a')) })],
			['an empty file', () => upload(cred, { file: Buffer.alloc(0) })],
			['2 MB + 1 byte', () => upload(cred, { file: image(PNG, 2 * 1024 * 1024 - PNG.length + 1) }), 270087680],
		];
		for (const [name, run, numeric] of cases) {
			const r = await run();
			try {
				expectError(r, 400, 'PARAM_ERROR', numeric === undefined ? 268435461 : numeric);
			} catch (error) {
				throw new Error(`${name}: ${/** @type {Error} */ (error).message}`);
			}
		}
		expectOk(await upload(cred, { file: image(PNG, 2 * 1024 * 1024 - PNG.length) }), cred);
		const tooLarge = await upload(cred, { file: image(PNG, 3 * 1024 * 1024) });
		expect(tooLarge.status).toBe(413);
	});

	test('multipart structure is strict: Content-Type, boundary, part names, one meta, one file, CRLF framing', async () => {
		const { cred } = await fixture(accountType);
		const file = image(PNG);
		const meta = JSON.stringify({ filename: 'x.png', sha256: crypto.createHash('sha256').update(file).digest('hex') });
		const B = 'bndry';
		const metaPart = `--${B}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${meta}\r\n`;
		const filePart = (/** @type {string} */ name = 'file') => Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="x.png"\r\n\r\n`), file, Buffer.from('\r\n')]);
		const end = `--${B}--\r\n`;
		/** @param {Array<string | Buffer>} pieces */
		const raw = (...pieces) => Buffer.concat(pieces.map((p) => Buffer.from(p)));
		/** @type {Array<[string, Record<string, unknown>]>} */
		const cases = [
			['Content-Type application/json', { contentType: 'application/json' }],
			['no boundary', { contentType: 'multipart/form-data' }],
			['multipart/mixed', { contentType: `multipart/mixed; boundary=${B}`, rawBody: raw(metaPart, filePart(), end) }],
			['a boundary not in the body', { contentType: 'multipart/form-data; boundary=other', rawBody: raw(metaPart, filePart(), end) }],
			['a boundary of 71 characters', { contentType: `multipart/form-data; boundary=${'b'.repeat(71)}` }],
			['a preamble', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw('preamble\r\n', metaPart, filePart(), end) }],
			['no closing delimiter', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, filePart()) }],
			['garbage after the closing delimiter', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, filePart(), end, 'more') }],
			['LF instead of CRLF', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart.replace(/\r\n/g, '\n'), filePart(), end) }],
			['two meta parts', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, metaPart, filePart(), end) }],
			['two file parts', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, filePart(), filePart(), end) }],
			['no file part', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, end) }],
			['an extra part', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, filePart(), filePart('extra'), end) }],
			['the file under another name', { contentType: `multipart/form-data; boundary=${B}`, rawBody: raw(metaPart, filePart('image'), end) }],
			['meta as text/plain', { metaHeaders: 'Content-Disposition: form-data; name="meta"\r\nContent-Type: text/plain' }],
			['base64 transfer encoding', { fileHeaders: 'Content-Disposition: form-data; name="file"\r\nContent-Transfer-Encoding: base64' }],
			['a part without Content-Disposition', { fileHeaders: 'Content-Type: image/png' }],
			['Content-Disposition attachment', { fileHeaders: 'Content-Disposition: attachment; name="file"' }],
		];
		for (const [name, o] of cases) {
			const r = await upload(cred, { file, meta, ...o });
			try {
				expectError(r, 400, 'INVALID_REQUEST');
				expect(r.json.detail.issue).toEqual(expect.any(String));
			} catch (error) {
				throw new Error(`${name}: ${/** @type {Error} */ (error).message}`);
			}
		}
		// framing is checked before the signature: an unsigned garbage upload gets the framing error, not SIGN_ERROR
		expectError(await upload(cred, { file, meta, contentType: 'text/plain', headers: { authorization: 'nonsense' } }), 400, 'INVALID_REQUEST');
		expectError(await upload(cred, { file, meta, headers: { authorization: undefined } }), 401, 'SIGN_ERROR');
	});
});

// ---------------------------------------------------------------- one campaign end to end

describe.each(TYPES)('%s: a campaign end to end', (accountType) => {
	test('upload image → create coupon with stock → EFFECTIVE / SENDING → update budget → send to a user (#25) → deactivate the stock', async () => {
		const { cred, brand, api, couponBody } = await fixture(accountType);
		const partner = accountType === 'serviceProvider';
		const [img, bg, detail] = await Promise.all([upload(cred, { file: image(PNG) }), upload(cred, { file: image(JPG), filename: 'bg.jpg' }), upload(cred, { file: image(PNG), filename: 'detail.png' })]);
		const displayInfo = { name: '咖啡满100减10', image_url: img.json.image_url, background_url: bg.json.image_url, detail_image_url_list: [detail.json.image_url] };
		const body = couponBody({ display_info: displayInfo, out_product_no: 'SKU_0001' });
		const created = await api.create(body);
		expectOk(created, cred);
		const c = created.json;
		expect(c).toEqual(
			expect.objectContaining({ product_coupon_id: expect.stringMatching(/^\d+$/), state: 'AUDITING', scope: 'ALL', type: 'NORMAL', usage_mode: 'SINGLE', single_usage_info: body.single_usage_info, display_info: displayInfo, out_product_no: 'SKU_0001' }),
		);
		expect(c.stock).toEqual(
			expect.objectContaining({
				product_coupon_id: c.product_coupon_id,
				stock_id: expect.stringMatching(/^\d+$/),
				remark: '测试批次',
				coupon_code_mode: 'WECHATPAY',
				stock_send_rule: { max_count: 100, max_count_per_user: 2 },
				single_usage_rule: { coupon_available_period: body.stock.single_usage_rule.coupon_available_period },
				notify_config: { notify_appid: brand.appid },
				store_scope: 'NONE',
				sent_count_info: { total_count: 0, today_count: 0 },
				state: 'AUDITING',
			}),
		);
		if (partner) expect([c.brand_id, c.stock.brand_id]).toEqual([brand.brand_id, brand.brand_id]);
		else expect(JSON.stringify(c)).not.toMatch(/brand_id/);
		const pc = c.product_coupon_id;
		const stock = c.stock.stock_id;

		// audited by the next call (auditDelayMs 0)
		const read = await api.get(pc);
		expectOk(read, cred);
		const { stock: _stock, ...pcView } = c;
		expect(read.json).toEqual({ ...pcView, state: 'EFFECTIVE' });
		const st = await api.getStock(pc, stock);
		expectOk(st, cred);
		expect(st.json).toEqual({ ...c.stock, state: 'SENDING' });

		// budget: current_* must be the current value; then raise it
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 99, target_max_count: 500 }), 400, 'INVALID_REQUEST', 268578224);
		const budget = await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 500 });
		expectOk(budget, cred);
		expect(budget.json.stock_send_rule).toEqual({ max_count: 500, max_count_per_user: 2 });

		// the user-coupon model issues from the created stock
		const user = `oCampaign_${++serial}`;
		const sent = await api.send(pc, stock, user);
		expectOk(sent, cred);
		expect(sent.json).toEqual(expect.objectContaining({ coupon_state: 'CONFIRMING', send_channel: 'API' }));
		expect(sent.json.product_coupon).toEqual(read.json);
		expect(sent.json.stock).toEqual(expect.objectContaining({ stock_id: stock, state: 'SENDING', sent_count_info: { total_count: 1, today_count: 1 }, stock_send_rule: { max_count: 500, max_count_per_user: 2 } }));
		expect(sandbox.userCoupon(cred, sent.json.coupon_code)).toEqual(expect.objectContaining({ product_coupon_id: pc, stock_id: stock, openid: user }));
		expect((await api.getStock(pc, stock)).json.sent_count_info).toEqual({ total_count: 1, today_count: 1 });
		// the budget can no longer go below what was sent
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 500, target_max_count: 0 }), 400, 'PARAM_ERROR', 268435464);

		const deactivateNo = no('DEACTS');
		const deactivated = await api.deactivateStock(pc, stock, { out_request_no: deactivateNo, deactivate_reason: '活动结束' });
		expectOk(deactivated, cred);
		expect(deactivated.json).toEqual(expect.objectContaining({ state: 'DEACTIVATED', deactivate_request_no: deactivateNo, deactivate_reason: '活动结束', deactivate_time: expect.stringMatching(/\+08:00$/) }));
		expectError(await api.send(pc, stock), 400, 'INVALID_REQUEST', 268577984);
		expectError(await api.deactivateStock(pc, stock), 400, 'INVALID_REQUEST', 268578367);
		// the issued coupon stays valid
		expect(sandbox.userCoupon(cred, sent.json.coupon_code)?.coupon_state).toBe('CONFIRMING');
	});
});

// ---------------------------------------------------------------- #6 create: rules of digest §4

describe.each(TYPES)('%s: create product coupon (#6) rules', (accountType) => {
	test('scope SINGLE (EXCHANGE with combo packages) and DISCOUNT coupons are accepted as documented', async () => {
		const { cred, brand, api, couponBody, displayInfo, images } = await fixture(accountType);
		const exchange = couponBody({
			scope: 'SINGLE',
			type: 'EXCHANGE',
			single_usage_info: undefined,
			display_info: { ...displayInfo, original_price: 3200, combo_package_list: [{ name: '咖啡2选1', pick_count: 1, choice_list: [{ name: '美式', price: 2800, count: 1, image_url: images[0] }, { name: '拿铁', price: 3200, count: 1 }] }] },
			stock: stockBody(brand, { single_usage_rule: { coupon_available_period: period(30, { available_days: 7, wait_days_after_receive: 1, weekly_available_period: { day_list: ['MONDAY', 'FRIDAY'], day_period_list: [{ begin_time: 36000, end_time: 72000 }] } }), exchange_coupon: { threshold: 0, exchange_price: 990 } } }),
		});
		const r = await api.create(exchange);
		expectOk(r, cred);
		expect(r.json.stock.single_usage_rule.exchange_coupon).toEqual({ threshold: 0, exchange_price: 990 });
		expect(r.json.stock.single_usage_rule.coupon_available_period).toEqual(expect.objectContaining({ available_days: 7, wait_days_after_receive: 1, weekly_available_period: { day_list: ['MONDAY', 'FRIDAY'], day_period_list: [{ begin_time: 36000, end_time: 72000 }] } }));
		expect('single_usage_info' in r.json).toBe(false);
		const discount = await api.create(couponBody({ type: 'DISCOUNT', single_usage_info: { discount_coupon: { threshold: 0, percent_off: 30 } } }));
		expectOk(discount, cred);
		expect(discount.json.single_usage_info).toEqual({ discount_coupon: { threshold: 0, percent_off: 30 } });
	});

	test('every body rule: fields (268435461–4), rules between fields (268578224), rounds (268586067), images from #3', async () => {
		const { brand, api, couponBody, bundleCouponBody, displayInfo } = await fixture(accountType);
		const other = await fixture(accountType === 'brand' ? 'serviceProvider' : 'brand');
		const foreignImage = other.images[0];
		const s = (/** @type {Record<string, unknown>} */ o) => stockBody(brand, o);
		const usage = stockBody(brand).usage_rule_display_info;
		/** @type {Array<[string, Record<string, unknown>, number]>} */
		const cases = [
			['out_request_no missing', couponBody({ out_request_no: undefined }), 268435461],
			['out_request_no 5 characters', couponBody({ out_request_no: 'ABCDE' }), 268435463],
			['scope unknown', couponBody({ scope: 'STORE' }), 268435461],
			['usage_mode SEQUENTIAL (old pages)', couponBody({ usage_mode: 'SEQUENTIAL' }), 268435461],
			['an unknown field', couponBody({ sequential_usage_info: { count: 3 } }), 268435461],
			['name of 2 characters', couponBody({ display_info: { ...displayInfo, name: '满减' } }), 268435463],
			['name of 16 characters', couponBody({ display_info: { ...displayInfo, name: '一'.repeat(16) } }), 268435462],
			['display_info without background_url', couponBody({ display_info: { name: '满100减10元', image_url: displayInfo.image_url } }), 268435461],
			['money as a decimal', couponBody({ single_usage_info: { normal_coupon: { threshold: 100.5, discount_amount: 1000 } } }), 268435461],
			['money as a string', couponBody({ single_usage_info: { normal_coupon: { threshold: '10000', discount_amount: 1000 } } }), 268435461],
			['discount_amount 0', couponBody({ single_usage_info: { normal_coupon: { threshold: 10000, discount_amount: 0 } } }), 268435464],
			['max_count 100 000 001', couponBody({ stock: s({ stock_send_rule: { max_count: 100000001, max_count_per_user: 1 } }) }), 268435464],
			['max_count_per_user 101', couponBody({ stock: s({ stock_send_rule: { max_count: 10, max_count_per_user: 101 } }) }), 268435464],
			['max_count_per_user missing', couponBody({ stock: s({ stock_send_rule: { max_count: 10 } }) }), 268435461],
			['time without offset', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(30, { available_end_time: '2099-01-01T00:00:00' }) } }) }), 268435461],
			['time in Z', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(30, { available_end_time: '2099-01-01T00:00:00Z' }) } }) }), 268435461],
			['remark of 21 characters', couponBody({ stock: s({ remark: '备'.repeat(21) }) }), 268435462],
			['coupon_usage_method_list empty', couponBody({ stock: s({ usage_rule_display_info: { ...usage, coupon_usage_method_list: [] } }) }), 268435463],
			['coupon_usage_method_list duplicated', couponBody({ stock: s({ usage_rule_display_info: { ...usage, coupon_usage_method_list: ['OFFLINE', 'OFFLINE'] } }) }), 268435461],
			['background_color Color110', couponBody({ stock: s({ coupon_display_info: { background_color: 'Color110' } }) }), 268435461],
			['entrance_wording of 6 characters', couponBody({ stock: s({ coupon_display_info: { entrance_mini_program: { appid: brand.appid, path: '/p', entrance_wording: '一二三四五六' } } }) }), 268435462],
			['detail images 9', couponBody({ display_info: { ...displayInfo, detail_image_url_list: Array(9).fill(displayInfo.image_url) } }), 268435462],
			['EXCHANGE with scope ALL', couponBody({ type: 'EXCHANGE' }), 268578224],
			['scope ALL without single_usage_info', couponBody({ single_usage_info: undefined }), 268578224],
			['single_usage_info of the wrong type', couponBody({ type: 'DISCOUNT' }), 268578224],
			['scope ALL with a rule in the stock', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(), normal_coupon: { threshold: 0, discount_amount: 1 } } }) }), 268578224],
			['scope SINGLE without original_price', couponBody({ scope: 'SINGLE', single_usage_info: undefined, stock: s({ single_usage_rule: { coupon_available_period: period(), normal_coupon: { threshold: 0, discount_amount: 100 } } }) }), 268578224],
			['scope SINGLE with single_usage_info', couponBody({ scope: 'SINGLE', display_info: { ...displayInfo, original_price: 100, combo_package_list: [{ name: '套餐', pick_count: 1, choice_list: [{ name: '单品', price: 100, count: 1 }] }] } }), 268578224],
			['pick_count above the choices', couponBody({ display_info: { ...displayInfo, combo_package_list: [{ name: '套餐', pick_count: 2, choice_list: [{ name: '单品', price: 100, count: 1 }] }] } }), 268578224],
			['SINGLE mode with a stock_bundle', couponBody({ stock: undefined, stock_bundle: bundleBody(brand, ROUNDS) }), 268578224],
			['SINGLE mode with progressive info', couponBody({ progressive_bundle_usage_info: { count: 3 } }), 268578224],
			['end before begin', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: { available_begin_time: beijing(Date.now() + DAY), available_end_time: beijing(Date.now() + 1000) } } }) }), 268578224],
			['a span of 366 days', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(367) } }) }), 268578224],
			['an end in the past', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: { available_begin_time: beijing(Date.now() - 3 * DAY), available_end_time: beijing(Date.now() - DAY) } } }) }), 268578224],
			['wait days without available_days', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(30, { wait_days_after_receive: 1 }) } }) }), 268578224],
			['irregular periods with available_days', couponBody({ stock: s({ single_usage_rule: { coupon_available_period: period(30, { available_days: 3, irregular_available_period_list: [{ begin_time: beijing(Date.now() + DAY), end_time: beijing(Date.now() + 2 * DAY) }] }) } }) }), 268578224],
			['MINI_PROGRAM without its appid', couponBody({ stock: s({ usage_rule_display_info: { coupon_usage_method_list: ['MINI_PROGRAM'], usage_description: 'x' } }) }), 268578224],
			['APP without app_path', couponBody({ stock: s({ usage_rule_display_info: { coupon_usage_method_list: ['APP'], usage_description: 'x' } }) }), 268578224],
			['image_url not uploaded', couponBody({ display_info: { ...displayInfo, image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/NOT_UPLOADED/0' } }), 268578224],
			['image_url of another account', couponBody({ display_info: { ...displayInfo, background_url: foreignImage } }), 268578224],
			['a detail image not uploaded', couponBody({ display_info: { ...displayInfo, detail_image_url_list: ['https://example.com/a.png'] } }), 268578224],
			['a finder cover not uploaded', couponBody({ stock: s({ coupon_display_info: { entrance_finder: { finder_id: 'gh_1', finder_video_id: 'v1', finder_video_cover_image_url: foreignImage } } }) }), 268578224],
			['bundle: count 2', bundleCouponBody({ progressive_bundle_usage_info: { count: 2 } }), 268578224],
			['bundle: count 16', bundleCouponBody({ progressive_bundle_usage_info: { count: 16 } }), 268578224],
			['bundle: rounds fewer than count', bundleCouponBody({ progressive_bundle_usage_info: { count: 4 } }), 268578224],
			['bundle: with a stock', bundleCouponBody({ stock: stockBody(brand) }), 268578224],
			['bundle: API_ASSIGN codes', bundleCouponBody({ stock_bundle: bundleBody(brand, ROUNDS, { coupon_code_mode: 'API_ASSIGN' }) }), 268435461],
			['bundle: discount list for a NORMAL coupon', bundleCouponBody({ stock_bundle: { ...bundleBody(brand, ROUNDS), progressive_bundle_usage_rule: { coupon_available_period: period(), discount_coupon_list: [{ threshold: 0, percent_off: 10 }, { threshold: 0, percent_off: 20 }, { threshold: 0, percent_off: 30 }] } } }), 268578224],
			['bundle: a round less generous (smaller discount)', bundleCouponBody({ stock_bundle: bundleBody(brand, [ROUNDS[0], ROUNDS[2], ROUNDS[1]]) }), 268586067],
			['bundle: a round less generous (higher threshold)', bundleCouponBody({ stock_bundle: bundleBody(brand, [ROUNDS[0], { threshold: 20000, discount_amount: 1500 }, ROUNDS[2]]) }), 268586067],
		];
		for (const [name, body, numeric] of cases) {
			const r = await api.create(body);
			try {
				expectError(r, 400, 'PARAM_ERROR', numeric);
				expect(r.json.detail).toEqual(expect.objectContaining({ field: expect.any(String), issue: expect.any(String) }));
			} catch (error) {
				throw new Error(`${name}: ${/** @type {Error} */ (error).message}`);
			}
		}
	});

	test('request numbers, notify AppID, notify URL precondition, brand_id rules', async () => {
		const { cred, brand, api, couponBody } = await fixture(accountType);
		const body = couponBody();
		const first = await api.create(body);
		expectOk(first, cred);
		const again = await api.create(body);
		expectOk(again, cred);
		expect(again.raw.equals(first.raw)).toBe(true); // the first answer (AUDITING), nothing created twice
		expectError(await api.create({ ...body, out_product_no: 'OTHER' }), 400, 'INVALID_REQUEST', 268578927);
		expectError(await api.create(couponBody({ stock: stockBody(brand, { notify_config: { notify_appid: 'wx0000000000000000' } }) })), 400, 'INVALID_REQUEST', 268578704);

		const fresh = /** @type {Cred} */ (sandbox.createAccount({ accountType }));
		const freshBrand = sandbox.seedBrand(fresh);
		const freshImg = (await upload(fresh, { file: image(PNG) })).json.image_url;
		const freshBody = { ...couponBody({ display_info: { name: '满100减10元', image_url: freshImg, background_url: freshImg }, stock: stockBody(freshBrand) }) };
		const noNotify = await client(fresh, freshBrand).create(freshBody);
		expectError(noNotify, 400, 'INVALID_REQUEST', null);
		expect(noNotify.json.detail.issue).toMatch(/notify URL/);
		expectOk(await request(fresh, { path: '/notify-configs', body: { notify_url: 'https://n8n.example.com/hook' } }), fresh);
		expectOk(await client(fresh, freshBrand).create(freshBody), fresh); // refused earlier: the number is free

		if (accountType === 'serviceProvider') {
			const missing = await request(cred, { path: '/product-coupons', body: couponBody() });
			expectError(missing, 400, 'PARAM_ERROR', 268435461);
			expect(missing.json.detail.field).toBe('brand_id');
			expectError(await client(cred, { ...brand, brand_id: '99999999' }).create(couponBody()), 403, 'NO_AUTH', 268579803);
			expectError(await client(cred, { ...brand, brand_id: '99999999' }).get(first.json.product_coupon_id), 403, 'NO_AUTH', 268579803);
			// a sibling brand of the same service provider does not see the coupon
			expectError(await client(cred, sandbox.seedBrand(cred)).get(first.json.product_coupon_id), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		} else {
			const inBody = await request(cred, { path: '/product-coupons', body: { brand_id: cred.brandId, ...couponBody() } });
			expectError(inBody, 400, 'PARAM_ERROR');
			expect(inBody.json.detail.field).toBe('brand_id');
			expectError(await request(cred, { path: `/product-coupons/${first.json.product_coupon_id}?brand_id=${cred.brandId}` }), 400, 'PARAM_ERROR');
			// without Wechatpay-Serial a brand request is refused
			expectError(await request(cred, { path: `/product-coupons/${first.json.product_coupon_id}`, headers: { 'wechatpay-serial': undefined } }), 400, 'INVALID_REQUEST');
		}
		expectError(await api.get('10999999999'), 404, 'RESOURCE_NOT_EXISTS', 268578608);
		expectError(await api.get('abc'), 400, 'PARAM_ERROR');
		// another account of the same type cannot reach it
		const stranger = /** @type {Cred} */ (sandbox.createAccount({ accountType }));
		const strangerBrand = accountType === 'brand' ? sandbox.seedBrand(stranger) : sandbox.seedBrand(stranger, { brandId: brand.brand_id });
		expectError(await client(stranger, strangerBrand).get(first.json.product_coupon_id), 404, 'RESOURCE_NOT_EXISTS', 268578608);
	});
});

// ---------------------------------------------------------------- audits

test('audits: auditDelayMs on the sandbox clock, Infinity waits for completeAudits; AUDITING objects refuse what needs EFFECTIVE / SENDING', async () => {
	let offsetMs = 0;
	const now = () => Date.now() + offsetMs;
	const slow = await startSandbox({ now, auditDelayMs: 60000 });
	const manual = await startSandbox({ auditDelayMs: Infinity });
	try {
		for (const [sb, advance] of /** @type {Array<[Sandbox, () => void]>} */ ([[slow, () => { offsetMs += 61000; }], [manual, () => manual.completeAudits(/** @type {Cred} */ (manualCred))]])) {
			const cred = /** @type {Cred} */ (sb.createAccount({ accountType: 'serviceProvider' }));
			if (sb === manual) manualCred = cred;
			const brand = sb.seedBrand(cred);
			const api = client(cred, brand);
			const ts = { timestamp: now() };
			expectOk(await request(cred, { path: '/notify-configs', body: { notify_url: 'https://n8n.example.com/hook' }, ...ts }), cred);
			const img = (await upload(cred, { file: image(PNG), ...ts })).json.image_url;
			const body = {
				out_request_no: no('CREATE'),
				scope: 'ALL',
				type: 'NORMAL',
				usage_mode: 'SINGLE',
				single_usage_info: { normal_coupon: { threshold: 0, discount_amount: 500 } },
				display_info: { name: '立减5元券', image_url: img, background_url: img },
				stock: stockBody(brand),
			};
			const created = await api.create(body);
			expectOk(created, cred);
			const pc = created.json.product_coupon_id;
			const stock = created.json.stock.stock_id;
			for (let i = 0; i < 2; i++) expect((await api.get(pc)).json.state).toBe('AUDITING');
			expect((await api.getStock(pc, stock)).json.state).toBe('AUDITING');
			expectError(await api.send(pc, stock), 400, 'INVALID_REQUEST', 268577984);
			expectError(await api.update(pc, body.display_info), 400, 'INVALID_REQUEST', 268578367);
			expectError(await api.deactivate(pc), 400, 'INVALID_REQUEST', 268578367);
			expectError(await api.addStock(pc, stockBody(brand)), 400, 'INVALID_REQUEST', 268578367);
			expectError(await api.deactivateStock(pc, stock), 400, 'INVALID_REQUEST', 268578367);
			// a budget may be set while auditing
			expectOk(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 120 }), cred);
			advance();
			expect((await api.get(pc)).json.state).toBe('EFFECTIVE');
			expect((await api.getStock(pc, stock)).json.state).toBe('SENDING');
			expectOk(await api.send(pc, stock), cred);
		}
		expect(manual.completeAudits(/** @type {Cred} */ (manualCred))).toBe(0);
	} finally {
		await slow.close();
		await manual.close();
	}
});
/** @type {Cred | undefined} */
let manualCred;

// ---------------------------------------------------------------- #7–#9 product coupon

describe.each(TYPES)('%s: get, update, deactivate a product coupon (#7–#9)', (accountType) => {
	test('PATCH replaces the whole display_info of an EFFECTIVE coupon; deactivate stops it and all its stocks', async () => {
		const { cred, brand, api, effective, images, displayInfo } = await fixture(accountType);
		const { pc, stock } = await effective();
		expect((await api.get(pc)).json.state).toBe('EFFECTIVE');
		const added = await api.addStock(pc, stockBody(brand));
		expectOk(added, cred);
		const newDisplay = { name: '满100减20元', image_url: images[1], background_url: images[0], detail_image_url_list: [images[0], images[1]] };
		const updateNo = no('UPDATE');
		const updated = await api.update(pc, newDisplay, { out_request_no: updateNo });
		expectOk(updated, cred);
		expect(updated.json.display_info).toEqual(newDisplay);
		expect((await api.get(pc)).json.display_info).toEqual(newDisplay);
		expect((await api.update(pc, newDisplay, { out_request_no: updateNo })).raw.equals(updated.raw)).toBe(true);
		expectError(await api.update(pc, { ...newDisplay, name: '满100减30元' }, { out_request_no: updateNo }), 400, 'INVALID_REQUEST', 268578927);
		expectError(await api.update(pc, { name: '满100减20元', image_url: images[1] }), 400, 'PARAM_ERROR', 268435461);
		expectError(await api.update(pc, { ...displayInfo, image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/x/0' }), 400, 'PARAM_ERROR', 268578224);
		expectError(await request(cred, { method: 'PUT', path: `/product-coupons/${pc}`, body: api.b({ out_request_no: no('U'), display_info: newDisplay }) }), 405, 'METHOD_NOT_ALLOWED');

		const deactivateNo = no('DEACT');
		const deactivated = await api.deactivate(pc, { out_request_no: deactivateNo, deactivate_reason: '活动提前结束' });
		expectOk(deactivated, cred);
		expect(deactivated.json).toEqual(expect.objectContaining({ state: 'DEACTIVATED', deactivate_request_no: deactivateNo, deactivate_reason: '活动提前结束', deactivate_time: expect.any(String) }));
		for (const id of [stock, added.json.stock_id]) expect((await api.getStock(pc, id)).json).toEqual(expect.objectContaining({ state: 'DEACTIVATED', deactivate_request_no: deactivateNo }));
		expectError(await api.deactivate(pc), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.update(pc, newDisplay), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.addStock(pc, stockBody(brand)), 400, 'INVALID_REQUEST', 268578367);
		expectError(await api.send(pc, stock), 400, 'INVALID_REQUEST', 268577984);
		expectError(await api.deactivate(pc, { deactivate_reason: 'x'.repeat(151) }), 400, 'PARAM_ERROR', 268435462);
	});

	test('scope SINGLE: the update needs original_price and combo_package_list', async () => {
		const { cred, brand, api, couponBody, displayInfo } = await fixture(accountType);
		const single = { ...displayInfo, original_price: 2000, combo_package_list: [{ name: '单品', pick_count: 1, choice_list: [{ name: '美式', price: 2000, count: 1 }] }] };
		const r = await api.create(couponBody({ scope: 'SINGLE', single_usage_info: undefined, display_info: single, stock: stockBody(brand, { single_usage_rule: { coupon_available_period: period(), normal_coupon: { threshold: 0, discount_amount: 500 } } }) }));
		expectOk(r, cred);
		const pc = r.json.product_coupon_id;
		expect((await api.get(pc)).json.state).toBe('EFFECTIVE');
		expectError(await api.update(pc, displayInfo), 400, 'PARAM_ERROR', 268578224);
		expectOk(await api.update(pc, { ...single, original_price: 2500 }), cred);
	});
});

// ---------------------------------------------------------------- #10–#15 stocks

describe.each(TYPES)('%s: stocks (#10–#15)', (accountType) => {
	test('add, list (filters, paging), get, update (PATCH), budget rules, deactivate', async () => {
		const { cred, brand, api, effective, bundleCouponBody } = await fixture(accountType);
		const { pc, stock } = await effective();
		const ids = [stock];
		for (let i = 0; i < 4; i++) {
			const r = await api.addStock(pc, stockBody(brand, { remark: `批次${i}` }));
			expectOk(r, cred);
			expect(r.json.state).toBe('AUDITING');
			ids.push(r.json.stock_id);
		}
		// list: page_size 2 → 2 + 2 + 1, in creation order
		const seen = [];
		let token;
		for (let page = 0; page < 3; page++) {
			const r = await api.listStocks(pc, { page_size: 2, page_token: token });
			expectOk(r, cred);
			expect(r.json.total_count).toBe(5);
			seen.push(...r.json.stock_list.map((/** @type {any} */ s) => s.stock_id));
			token = r.json.next_page_token;
			expect(page < 2 ? typeof token : 'next_page_token' in r.json).toBe(page < 2 ? 'string' : false);
		}
		expect(seen).toEqual(ids);
		expect((await api.listStocks(pc, { state: 'SENDING' })).json.total_count).toBe(5);
		expectOk(await api.deactivateStock(pc, ids[4]), cred);
		expect((await api.listStocks(pc, { state: 'DEACTIVATED' })).json.stock_list.map((/** @type {any} */ s) => s.stock_id)).toEqual([ids[4]]);
		expectError(await api.listStocks(pc, { page_size: 51 }), 400, 'PARAM_ERROR', 268435464);
		expectError(await api.listStocks(pc, { state: 'RUNNING' }), 400, 'PARAM_ERROR');
		expectError(await api.listStocks(pc, { page_size: 2, state: 'SENDING', page_token: (await api.listStocks(pc, { page_size: 2 })).json.next_page_token }), 400, 'PARAM_ERROR');
		expectError(await api.getStock(pc, '12999999999'), 404, 'RESOURCE_NOT_EXISTS', 268578608);

		// update: each given object replaces the stored one; SENDING / PAUSED only
		const cdi = { code_display_mode: 'BARCODE', background_color: 'Color050', entrance_official_account: { appid: brand.appid } };
		const updated = await api.updateStock(pc, stock, { remark: '新备注', coupon_display_info: cdi, store_scope: 'SPECIFIC' });
		expectOk(updated, cred);
		expect(updated.json).toEqual(expect.objectContaining({ remark: '新备注', coupon_display_info: cdi, store_scope: 'SPECIFIC' }));
		expect(updated.json.usage_rule_display_info).toEqual(stockBody(brand).usage_rule_display_info);
		expectError(await api.updateStock(pc, stock, {}), 400, 'PARAM_ERROR');
		expectError(await api.updateStock(pc, stock, { usage_rule_display_info: { coupon_usage_method_list: ['APP'], usage_description: 'x' } }), 400, 'PARAM_ERROR', 268578224);
		expectError(await api.updateStock(pc, stock, { notify_config: { notify_appid: 'wx_not_bound' } }), 400, 'INVALID_REQUEST', 268578704);
		expectError(await api.updateStock(pc, stock, { stock_send_rule: { max_count: 1 } }), 400, 'PARAM_ERROR');
		expectError(await api.updateStock(pc, ids[4], { remark: 'x' }), 400, 'INVALID_REQUEST', 268578367);
		sandbox.setStockState(cred, ids[3], 'PAUSED');
		expectOk(await api.updateStock(pc, ids[3], { remark: '暂停中' }), cred);
		expectError(await api.send(pc, ids[3]), 400, 'INVALID_REQUEST', 268577984);

		// budget: one dimension per call; per-day cannot be switched on; target ≥ sent
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 100 }), 400, 'PARAM_ERROR', 268435461);
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 200, current_max_count_per_day: 1, target_max_count_per_day: 2 }), 400, 'PARAM_ERROR', 268435461);
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 10, target_max_count_per_day: 20 }), 400, 'INVALID_REQUEST', 268578224);
		expectError(await api.budget(pc, stock, { update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 100000001 }), 400, 'PARAM_ERROR', 268435464);
		const daily = await api.addStock(pc, stockBody(brand, { stock_send_rule: { max_count: 10, max_count_per_day: 2, max_count_per_user: 5 } }));
		const dailyId = daily.json.stock_id;
		expectOk(await api.send(pc, dailyId), cred);
		expectOk(await api.send(pc, dailyId), cred);
		expectError(await api.send(pc, dailyId), 400, 'INVALID_REQUEST', null);
		expectError(await api.budget(pc, dailyId, { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 2, target_max_count_per_day: 1 }), 400, 'INVALID_REQUEST', 268578224);
		const raised = await api.budget(pc, dailyId, { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 2, target_max_count_per_day: 3 });
		expectOk(raised, cred);
		expect(raised.json.stock_send_rule).toEqual({ max_count: 10, max_count_per_day: 3, max_count_per_user: 5 });
		expectOk(await api.send(pc, dailyId), cred);
		expectError(await api.budget(pc, dailyId, { update_mode: 'MAX_COUNT', current_max_count: 10, target_max_count: 2 }), 400, 'INVALID_REQUEST', 268578224);
		expectOk(await api.budget(pc, dailyId, { update_mode: 'MAX_COUNT', current_max_count: 10, target_max_count: 3 }), cred);
		expectError(await api.send(pc, dailyId), 400, 'INVALID_REQUEST', null);

		// a stock belongs to a SINGLE-mode coupon; a bundle's stock is updated through its bundle
		const bundled = await api.create(bundleCouponBody());
		expectOk(bundled, cred);
		const bpc = bundled.json.product_coupon_id;
		expectError(await api.addStock(bpc, stockBody(brand)), 400, 'INVALID_REQUEST', 268578224);
		expectError(await api.updateStock(bpc, bundled.json.stock_bundle.stock_list[0].stock_id, { remark: 'x' }), 400, 'INVALID_REQUEST', 268578224);
		// another coupon's stock is not found under this one
		expectError(await api.getStock(bpc, stock), 404, 'RESOURCE_NOT_EXISTS', 268578608);
	});

	test('at most 200 live stocks per product coupon; a deactivated one frees its place', async () => {
		const { cred, brand, api, effective } = await fixture(accountType);
		const { pc, stock } = await effective();
		for (let i = 1; i < 200; i++) expect((await api.addStock(pc, stockBody(brand))).status).toBe(200);
		const over = await api.addStock(pc, stockBody(brand));
		expectError(over, 400, 'INVALID_REQUEST', null);
		expect(over.json.detail.issue).toMatch(/200/);
		expectOk(await api.deactivateStock(pc, stock), cred);
		expectOk(await api.addStock(pc, stockBody(brand)), cred);
	});
});

// ---------------------------------------------------------------- #16–#19 stores and codes

describe.each(TYPES)('%s: stores (#16–#18) and coupon codes (#19)', (accountType) => {
	test('associate / disassociate / list: SPECIFIC only (268578813), ≤ 200 per call, success and failed lists', async () => {
		const { cred, brand, api, effective } = await fixture(accountType);
		const { pc, stock } = await effective({ stock: stockBody(brand, { store_scope: 'SPECIFIC' }) });
		const [s1, s2, s3] = brand.store_ids;
		const r = await api.associate(pc, stock, [s1, s2, s1, 'NOT_MY_STORE']);
		expectOk(r, cred);
		expect(r.json).toEqual({ total_count: 3, success_store_list: [{ store_id: s1 }, { store_id: s2 }], failed_store_list: [{ store_id: 'NOT_MY_STORE', code: 'INVALID_REQUEST', message: expect.any(String) }] });
		expect((await api.associate(pc, stock, [s2, s3])).json).toEqual({ total_count: 2, success_store_list: [{ store_id: s2 }, { store_id: s3 }] });
		const page1 = await api.listStores(pc, stock, { page_size: 2 });
		expectOk(page1, cred);
		expect(page1.json).toEqual({ total_count: 3, next_page_token: expect.any(String), store_list: [{ store_id: s1 }, { store_id: s2 }] });
		expect((await api.listStores(pc, stock, { page_size: 2, page_token: page1.json.next_page_token })).json).toEqual({ total_count: 3, store_list: [{ store_id: s3 }] });
		expectError(await api.listStores(pc, stock, { page_size: 201 }), 400, 'PARAM_ERROR', 268435464);
		expect((await api.disassociate(pc, stock, [s2, s2, s2])).json).toEqual({ total_count: 1, success_store_list: [{ store_id: s2 }] });
		expect((await api.disassociate(pc, stock, [s2])).json).toEqual({ total_count: 1, failed_store_list: [{ store_id: s2, code: 'INVALID_REQUEST', message: expect.any(String) }] });
		expect((await api.listStores(pc, stock)).json.store_list).toEqual([{ store_id: s1 }, { store_id: s3 }]);
		expectError(await api.associate(pc, stock, Array.from({ length: 201 }, (_, i) => `S${i}`)), 400, 'PARAM_ERROR', 268435462);
		expectError(await api.associate(pc, stock, []), 400, 'PARAM_ERROR', 268435463);

		const none = await effective();
		for (const call of [api.associate(none.pc, none.stock, [s1]), api.disassociate(none.pc, none.stock, [s1]), api.listStores(none.pc, none.stock)]) {
			expectError(await call, 400, 'INVALID_REQUEST', 268578813);
		}
		const all = await effective({ stock: stockBody(brand, { store_scope: 'ALL' }) });
		expectError(await api.associate(all.pc, all.stock, [s1]), 400, 'INVALID_REQUEST', 268578813);
	});

	test('upload codes: UPLOAD stocks only; success, already_exist and duplicate lists; #25 then issues an uploaded code', async () => {
		const { cred, brand, api, effective } = await fixture(accountType);
		const { pc, stock } = await effective({ stock: stockBody(brand, { coupon_code_mode: 'UPLOAD' }) });
		expect((await api.getStock(pc, stock)).json.coupon_code_count_info).toEqual({ total_count: 0, available_count: 0 });
		expectError(await api.send(pc, stock), 400, 'INVALID_REQUEST'); // no code yet
		const uploadNo = no('CODES');
		const first = await api.uploadCodes(pc, stock, ['CODE_0001', 'CODE_0002', 'CODE_0001'], { out_request_no: uploadNo });
		expectOk(first, cred);
		expect(first.json).toEqual({ total_count: 2, success_code_list: ['CODE_0001', 'CODE_0002'], duplicate_code_list: ['CODE_0001'] });
		expect((await api.uploadCodes(pc, stock, ['CODE_0001', 'CODE_0002', 'CODE_0001'], { out_request_no: uploadNo })).raw.equals(first.raw)).toBe(true);
		expectError(await api.uploadCodes(pc, stock, ['CODE_0003'], { out_request_no: uploadNo }), 400, 'INVALID_REQUEST', 268578927);
		expect((await api.uploadCodes(pc, stock, ['CODE_0002', 'CODE_0003'])).json).toEqual({ total_count: 2, success_code_list: ['CODE_0003'], already_exist_code_list: ['CODE_0002'] });
		expect((await api.getStock(pc, stock)).json.coupon_code_count_info).toEqual({ total_count: 3, available_count: 3 });
		const sent = await api.send(pc, stock);
		expectOk(sent, cred);
		expect(['CODE_0001', 'CODE_0002', 'CODE_0003']).toContain(sent.json.coupon_code);
		expect((await api.getStock(pc, stock)).json.coupon_code_count_info).toEqual({ total_count: 3, available_count: 2 });
		// an issued code is still "already there"
		expect((await api.uploadCodes(pc, stock, [sent.json.coupon_code])).json).toEqual({ total_count: 1, already_exist_code_list: [sent.json.coupon_code] });
		expectError(await api.uploadCodes(pc, stock, Array.from({ length: 201 }, (_, i) => `C${i}`)), 400, 'PARAM_ERROR', 268435462);
		expectError(await api.uploadCodes(pc, stock, ['x'.repeat(41)]), 400, 'PARAM_ERROR', 268435462);
		expectError(await api.uploadCodes(pc, stock, ['含中文']), 400, 'PARAM_ERROR', 268435461);
		// at most max_count codes (100 here): the rest fail, the call succeeds
		const many = await api.uploadCodes(pc, stock, Array.from({ length: 100 }, (_, i) => `BULK_${i}`));
		expectOk(many, cred);
		expect([many.json.total_count, many.json.success_code_list.length, many.json.failed_code_list.length]).toEqual([100, 97, 3]);
		expect(many.json.failed_code_list[0]).toEqual({ coupon_code: 'BULK_97', code: 'INVALID_REQUEST', message: expect.any(String) });
		const wechat = await effective();
		expectError(await api.uploadCodes(wechat.pc, wechat.stock, ['CODE_1']), 400, 'INVALID_REQUEST', 268578224);
		expectOk(await api.deactivateStock(pc, stock), cred);
		expectError(await api.uploadCodes(pc, stock, ['CODE_0009']), 400, 'INVALID_REQUEST', 268578367);
	});
});

// ---------------------------------------------------------------- #20–#24 stock bundles

describe.each(TYPES)('%s: stock bundles (#20–#24)', (accountType) => {
	test('create with a bundle, add a bundle, update it, its budget and stores; #27 sends it once audited', async () => {
		const { cred, brand, api, bundleCouponBody, effective } = await fixture(accountType);
		const created = await api.create(bundleCouponBody());
		expectOk(created, cred);
		expect(created.json).toEqual(expect.objectContaining({ usage_mode: 'PROGRESSIVE_BUNDLE', progressive_bundle_usage_info: { count: 3, interval_days: 0 }, state: 'AUDITING' }));
		const first = created.json.stock_bundle;
		expect(first.stock_bundle_id).toMatch(/^\d+$/);
		expect(first.stock_list.map((/** @type {any} */ s) => [s.state, s.stock_bundle_info, s.progressive_bundle_usage_rule.normal_coupon])).toEqual(
			ROUNDS.map((round, i) => ['AUDITING', { stock_bundle_id: first.stock_bundle_id, stock_bundle_index: i }, round]),
		);
		const pc = created.json.product_coupon_id;
		expect((await api.get(pc)).json.state).toBe('EFFECTIVE');

		const sent = await api.sendBundle(pc, first.stock_bundle_id);
		expectOk(sent, cred);
		expect(sent.json.user_product_coupon_list.map((/** @type {any} */ c) => c.stock.stock_id)).toEqual(first.stock_list.map((/** @type {any} */ s) => s.stock_id));

		const rounds = [{ threshold: 0, discount_amount: 500 }, { threshold: 0, discount_amount: 500 }, { threshold: 0, discount_amount: 800 }];
		const addNo = no('BUNDLE');
		const added = await api.addBundle(pc, bundleBody(brand, rounds, { store_scope: 'SPECIFIC' }), { out_request_no: addNo });
		expectOk(added, cred);
		expect(added.json.stock_list).toHaveLength(3);
		expect(added.json.stock_list.every((/** @type {any} */ s) => s.state === 'AUDITING')).toBe(true);
		expect((await api.addBundle(pc, bundleBody(brand, rounds, { store_scope: 'SPECIFIC' }), { out_request_no: addNo })).raw.equals(added.raw)).toBe(true);
		const bundleId = added.json.stock_bundle_id;
		expect((await api.listStocks(pc, { stock_bundle_id: bundleId })).json.total_count).toBe(3);
		expectError(await api.addBundle(pc, bundleBody(brand, rounds.slice(0, 2))), 400, 'PARAM_ERROR', 268578224);
		expectError(await api.addBundle(pc, bundleBody(brand, [rounds[2], rounds[0], rounds[1]])), 400, 'PARAM_ERROR', 268586067);
		const single = await effective();
		expectError(await api.addBundle(single.pc, bundleBody(brand, ROUNDS)), 400, 'INVALID_REQUEST', 268578224);

		const updated = await api.updateBundle(pc, bundleId, { remark: '批次组备注', coupon_display_info: { code_display_mode: 'INVISIBLE' } });
		expectOk(updated, cred);
		expect(updated.json.stock_list.map((/** @type {any} */ s) => [s.remark, s.coupon_display_info])).toEqual(Array(3).fill(['批次组备注', { code_display_mode: 'INVISIBLE' }]));
		expectError(await api.updateBundle(pc, '13999999999', { remark: 'x' }), 404, 'RESOURCE_NOT_EXISTS', 268578608);

		const budget = await api.bundleBudget(pc, bundleId, { update_mode: 'MAX_COUNT', current_max_count: 100, target_max_count: 300 });
		expectOk(budget, cred);
		expect(budget.json.stock_list.map((/** @type {any} */ s) => s.stock_send_rule.max_count)).toEqual([300, 300, 300]);
		expectError(await api.bundleBudget(pc, bundleId, { update_mode: 'MAX_COUNT_PER_DAY', current_max_count_per_day: 1, target_max_count_per_day: 5 }), 400, 'INVALID_REQUEST', 268578224);

		const [s1, s2] = brand.store_ids;
		expect((await api.bundleAssociate(pc, bundleId, [s1, s2])).json).toEqual({ total_count: 2, success_store_list: [{ store_id: s1 }, { store_id: s2 }] });
		for (const s of added.json.stock_list) expect((await api.listStores(pc, s.stock_id)).json.total_count).toBe(2);
		expect((await api.bundleDisassociate(pc, bundleId, [s1])).json).toEqual({ total_count: 1, success_store_list: [{ store_id: s1 }] });
		expect((await api.listStores(pc, added.json.stock_list[2].stock_id)).json.store_list).toEqual([{ store_id: s2 }]);
		expectError(await api.bundleAssociate(pc, first.stock_bundle_id, [s1]), 400, 'INVALID_REQUEST', 268578813);

		// the added bundle sends once audited (it was, by the calls above)
		const sent2 = await api.sendBundle(pc, bundleId);
		expectOk(sent2, cred);
		expect(sent2.json.user_product_coupon_list.map((/** @type {any} */ c) => c.stock.progressive_bundle_usage_rule.normal_coupon)).toEqual(rounds);
	});
});

// ---------------------------------------------------------------- #4 / #5 image tasks

/** A local receiver that records the callbacks it gets (answers 200). */
async function receiver() {
	/** @type {Array<{ headers: http.IncomingHttpHeaders, raw: Buffer }>} */
	const seen = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			seen.push({ headers: req.headers, raw: Buffer.concat(chunks) });
			res.writeHead(200);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const url = `http://127.0.0.1:${/** @type {import('net').AddressInfo} */ (server.address()).port}`;
	return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

describe.each(TYPES)('%s: image generation tasks (#4, #5)', (accountType) => {
	test('PROCESSING, then SUCCESS with a result URL the account may use; IMAGE_GENERATION callback for service providers', async () => {
		const rx = await receiver();
		try {
			const { cred, brand, api, images, couponBody } = await fixture(accountType);
			const partner = accountType === 'serviceProvider';
			sandbox.forwardCallbacks(`https://n8n-${accountType.toLowerCase()}.example.com/`, `${rx.url}/`);
			const taskId = no('TASK');
			const combine = { task_id: taskId, image_generation_type: 'COMBINE_IMAGE', combine_image: { scope: 'ALL', type: 'NORMAL', usage_mode: 'SINGLE', normal_coupon: { threshold: 10000, discount_amount: 1000 }, background_color: '#FF5733' } };
			const submitted = await api.task(combine);
			expectOk(submitted, cred);
			expect(submitted.json).toEqual(partner ? { task_id: taskId, brand_id: brand.brand_id } : { task_id: taskId });
			const processing = await api.getTask(taskId, 'COMBINE_IMAGE');
			expectOk(processing, cred);
			expect(processing.json).toEqual({ ...(partner ? { brand_id: brand.brand_id } : {}), task_id: taskId, image_generation_type: 'COMBINE_IMAGE', task_state: 'PROCESSING' });
			expect((await api.task(combine)).raw.equals(submitted.raw)).toBe(true);
			expectError(await api.task({ ...combine, combine_image: { ...combine.combine_image, background_color: '#000000' } }), 400, 'INVALID_REQUEST', 268578927);

			const cutId = no('CUT');
			expectOk(await api.task({ task_id: cutId, image_generation_type: 'CUT_OUT', cut_out: { image_url: images[0] } }), cred);
			await sandbox.callbacksSettled();
			const done = await api.getTask(taskId, 'COMBINE_IMAGE');
			expect(done.json.task_state).toBe('SUCCESS');
			expect(done.json.combine_image_result.image_url).toMatch(/^https:\/\/wxpaylogo\.qpic\.cn\//);
			const cut = await api.getTask(cutId, 'CUT_OUT');
			expect(Object.keys(cut.json)).toContain('cut_out_result');
			expectError(await api.getTask(cutId, 'COMBINE_IMAGE'), 404, 'RESOURCE_NOT_EXISTS', 268578608);
			expectError(await api.getTask('NO_SUCH_TASK', 'CUT_OUT'), 404, 'RESOURCE_NOT_EXISTS', 268578608);
			// the generated image is the account's: usable in display_info
			const generated = done.json.combine_image_result.image_url;
			expectOk(await api.create(couponBody({ display_info: { name: '生成头图券', image_url: generated, background_url: images[1] } })), cred);

			const callbacks = rx.seen.map((x) => ({ x, envelope: JSON.parse(x.raw.toString('utf8')) })).filter((c) => c.envelope.event_type.endsWith('IMAGE_GENERATION'));
			if (!partner) {
				expect(callbacks).toEqual([]); // the brand event is not documented: none is sent
				return;
			}
			expect(callbacks).toHaveLength(2);
			const mine = callbacks.find((c) => decryptResource(c.envelope, cred).task_id === taskId);
			expect(mine?.envelope).toEqual(expect.objectContaining({ event_type: 'PRODUCT_COUPON_SP.IMAGE_GENERATION', resource_type: 'encrypt-resource' }));
			expect(mine?.envelope.resource).toEqual(expect.objectContaining({ original_type: 'product_coupon', associated_data: 'product_coupon_sp', algorithm: 'AEAD_AES_256_GCM' }));
			expect(verifies({ headers: /** @type {any} */ (mine?.x.headers), raw: /** @type {Buffer} */ (mine?.x.raw) }, cred)).toBe(true);
			expect(decryptResource(mine?.envelope, cred)).toEqual({ brand_id: brand.brand_id, task_id: taskId, image_generation_type: 'COMBINE_IMAGE', task_state: 'SUCCESS', combine_image_result: { image_url: generated } });
		} finally {
			await rx.close();
		}
	});

	test('body rules; a task may also FAIL (finishImageTask with imageTaskDelayMs Infinity)', async () => {
		const { cred, api, images } = await fixture(accountType);
		const other = await fixture(accountType === 'brand' ? 'serviceProvider' : 'brand');
		const combine = { scope: 'ALL', type: 'NORMAL', usage_mode: 'SINGLE', normal_coupon: { threshold: 0, discount_amount: 100 } };
		/** @type {Array<[string, Record<string, unknown>, number]>} */
		const cases = [
			['task_id 5 characters', { task_id: 'ABCDE', image_generation_type: 'CUT_OUT', cut_out: { image_url: images[0] } }, 268435463],
			['unknown type', { task_id: no('T'), image_generation_type: 'RESIZE', cut_out: { image_url: images[0] } }, 268435461],
			['COMBINE_IMAGE without combine_image', { task_id: no('T'), image_generation_type: 'COMBINE_IMAGE', cut_out: { image_url: images[0] } }, 268435461],
			['CUT_OUT with both', { task_id: no('T'), image_generation_type: 'CUT_OUT', cut_out: { image_url: images[0] }, combine_image: combine }, 268435461],
			['background_color not #RRGGBB', { task_id: no('T'), image_generation_type: 'COMBINE_IMAGE', combine_image: { ...combine, background_color: 'red' } }, 268435461],
			['a rule of another type', { task_id: no('T'), image_generation_type: 'COMBINE_IMAGE', combine_image: { ...combine, type: 'DISCOUNT' } }, 268578224],
			['EXCHANGE with scope ALL', { task_id: no('T'), image_generation_type: 'COMBINE_IMAGE', combine_image: { scope: 'ALL', type: 'EXCHANGE', usage_mode: 'SINGLE', exchange_coupon: { threshold: 0, exchange_price: 1 } } }, 268578224],
			['cut_out of an image not uploaded', { task_id: no('T'), image_generation_type: 'CUT_OUT', cut_out: { image_url: 'https://wxpaylogo.qpic.cn/wxpaylogo/x/0' } }, 268578224],
			['cut_out of another account\'s image', { task_id: no('T'), image_generation_type: 'CUT_OUT', cut_out: { image_url: other.images[0] } }, 268578224],
		];
		for (const [name, body, numeric] of cases) {
			const r = await api.task(body);
			try {
				expectError(r, 400, 'PARAM_ERROR', numeric);
			} catch (error) {
				throw new Error(`${name}: ${/** @type {Error} */ (error).message}`);
			}
		}
		expectError(await request(cred, { path: '/image-generation-tasks/ABCDEF' }), 400, 'PARAM_ERROR');

		const manual = await startSandbox({ imageTaskDelayMs: Infinity });
		try {
			const c = /** @type {Cred} */ (manual.createAccount({ accountType }));
			const b = manual.seedBrand(c);
			const m = client(c, b);
			const img = (await upload(c, { file: image(PNG) })).json.image_url;
			const id = no('TASK');
			expectOk(await m.task({ task_id: id, image_generation_type: 'CUT_OUT', cut_out: { image_url: img } }), c);
			await manual.callbacksSettled();
			expect((await m.getTask(id, 'CUT_OUT')).json.task_state).toBe('PROCESSING');
			expect(manual.finishImageTask(c, id, 'FAIL')).toEqual(expect.objectContaining({ task_state: 'FAIL' }));
			const failed = await m.getTask(id, 'CUT_OUT');
			expect(failed.json.task_state).toBe('FAIL');
			expect('cut_out_result' in failed.json).toBe(false);
			expect(manual.uploadedImages(c)).toEqual([img]);
		} finally {
			await manual.close();
		}
	});
});

// ---------------------------------------------------------------- rate classes, faults, backup host

test('rate classes: image-task POST 10/s, its GET and the other management calls 20/s, separate windows', async () => {
	const limited = await startSandbox({ imageTaskDelayMs: Infinity });
	try {
		const cred = /** @type {Cred} */ (limited.createAccount({ accountType: 'serviceProvider' }));
		const brand = limited.seedBrand(cred);
		const api = client(cred, brand);
		const img = (await upload(cred, { file: image(PNG) })).json.image_url;
		const posts = await Promise.all(Array.from({ length: 12 }, () => api.task({ task_id: no('RATE'), image_generation_type: 'CUT_OUT', cut_out: { image_url: img } })));
		expect(posts.map((r) => r.status).sort()).toEqual([...Array(10).fill(200), 429, 429]);
		const gets = await Promise.all(Array.from({ length: 21 }, () => api.get('10999999999')));
		expect(gets.map((r) => r.status).sort()).toEqual([...Array(19).fill(404), 429, 429]); // the upload used one management slot
	} finally {
		await limited.close();
	}
});

test('faults and the backup host reach the management endpoints too', async () => {
	// The same limits as the primary: the account's rate windows are shared, and its earlier tests filled them.
	const backup = await startSandbox({ shareAccountsWith: sandbox, rateLimitPerSecond: 1000, imageTaskRateLimitPerSecond: 1000 });
	try {
		const { cred, brand, api, couponBody } = await fixture('serviceProvider');
		const body = couponBody();
		sandbox.misbehave(cred, 'http500AfterApply');
		expectError(await api.create(body), 500, 'SYSTEM_ERROR');
		const viaBackup = client({ ...cred, baseUrl: backup.baseUrl }, brand);
		const replay = await viaBackup.create(body);
		expectOk(replay, cred);
		expect(replay.json.state).toBe('AUDITING');
		expect((await viaBackup.get(replay.json.product_coupon_id)).json.state).toBe('EFFECTIVE');
		sandbox.misbehave(cred, 'tamperBody');
		const tampered = await api.get(replay.json.product_coupon_id);
		expect([tampered.status, verifies(tampered, cred)]).toEqual([200, false]);
		sandbox.misbehave(cred, 'http503');
		expect((await upload(cred, { file: image(PNG) })).status).toBe(503);
	} finally {
		await backup.close();
	}
});
