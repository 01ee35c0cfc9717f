import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { campaignWorld, stockParameters, type AccountType, type CampaignWorld } from '../helpers/campaignWorld';
import { png } from '../helpers/png';
import { startSandbox, type Sandbox } from '../helpers/world';

/**
 * A campaign built, tuned and stopped through n8n-core's engine, for both account types: every Product Coupon,
 * Stock, Stock Bundle and Image operation, and what the sandbox received for each.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const body = (request: { body: string }) => JSON.parse(request.body) as IDataObject;
const first = (run: Awaited<ReturnType<CampaignWorld['run']>>) => {
	if (run.error) throw run.error;
	return run.outputOf('WeChat Pay')[0].json;
};

describe.each(['serviceProvider', 'brand'] as const)('%s', (accountType: AccountType) => {
	let world: CampaignWorld;
	let imageUrl: string;
	let productCouponId: string;
	let stockId: string;
	beforeAll(async () => {
		world = await campaignWorld(sandbox, accountType);
	});
	const brandField = (): IDataObject => (accountType === 'brand' ? {} : { brand_id: world.brand.brand_id });

	it('image upload: a real PNG from a binary field, multipart, signed over its meta JSON; outputs image_url', async () => {
		const file = png(32);
		const run = await world.runWithFile({ resource: 'image', operation: 'upload' }, file, 'banner.png', 'image/png');
		const answer = first(run);
		imageUrl = answer.image_url as string;
		expect(imageUrl).toMatch(/^https:\/\/wxpaylogo\.qpic\.cn\//);
		expect(sandbox.uploadedImages(world.credential)).toContain(imageUrl);
		const request = world.last();
		expect(`${request.method} ${request.path}`).toBe(`POST ${world.prefix}/media/upload-image`);
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.body).toContain(JSON.stringify({ filename: 'banner.png', sha256: createHash('sha256').update(file).digest('hex') }));
	});

	it('product coupon create: a whole-order amount-off coupon with its first stock, from plain fields', async () => {
		const run = await world.run({
			resource: 'productCoupon',
			operation: 'create',
			outRequestNo: `CREATE-${accountType}`,
			scope: 'ALL',
			usageMode: 'SINGLE',
			type: 'NORMAL',
			threshold: 5000,
			discountAmount: 500,
			name: '5 off 50',
			imageUrl,
			backgroundUrl: imageUrl,
			...stockParameters(world),
		});
		const answer = first(run);
		productCouponId = answer.product_coupon_id as string;
		stockId = (answer.stock as IDataObject).stock_id as string;
		expect(answer).toMatchObject({ state: 'AUDITING', scope: 'ALL', type: 'NORMAL', display_info: { name: '5 off 50' } });
		const sent = body(world.last());
		expect(`${world.last().method} ${world.last().path}`).toBe(`POST ${world.prefix}/product-coupons`);
		expect(sent).toMatchObject({
			out_request_no: `CREATE-${accountType}`,
			scope: 'ALL',
			type: 'NORMAL',
			usage_mode: 'SINGLE',
			single_usage_info: { normal_coupon: { threshold: 5000, discount_amount: 500 } },
			display_info: { name: '5 off 50', image_url: imageUrl, background_url: imageUrl },
			stock: {
				coupon_code_mode: 'WECHATPAY',
				stock_send_rule: { max_count: 1000, max_count_per_user: 2 },
				usage_rule_display_info: { coupon_usage_method_list: ['OFFLINE'], usage_description: 'Show the coupon at the till' },
				notify_config: { notify_appid: world.brand.appid },
				store_scope: 'NONE',
			},
			...brandField(),
		});
		expect(Object.keys(sent).filter((key) => key === 'brand_id')).toEqual(accountType === 'brand' ? [] : ['brand_id']);
	});

	it('product coupon get: EFFECTIVE once audited', async () => {
		const answer = first(await world.run({ resource: 'productCoupon', operation: 'get', productCouponId }));
		expect(answer).toMatchObject({ product_coupon_id: productCouponId, state: 'EFFECTIVE' });
		const query = accountType === 'brand' ? '' : `?brand_id=${world.brand.brand_id}`;
		expect(`${world.last().method} ${world.last().path}`).toBe(`GET ${world.prefix}/product-coupons/${productCouponId}${query}`);
	});

	it('product coupon update: the whole display_info', async () => {
		const answer = first(await world.run({ resource: 'productCoupon', operation: 'update', productCouponId, name: '6 off 50', imageUrl, backgroundUrl: imageUrl }));
		expect((answer.display_info as IDataObject).name).toBe('6 off 50');
		expect(`${world.last().method} ${world.last().path}`).toBe(`PATCH ${world.prefix}/product-coupons/${productCouponId}`);
		expect(Object.keys(body(world.last())).sort()).toEqual(['display_info', 'out_request_no', ...Object.keys(brandField())].sort());
	});

	it('stock get and get many', async () => {
		const stock = first(await world.run({ resource: 'stock', operation: 'get', productCouponId, stockId }));
		expect(stock).toMatchObject({ stock_id: stockId, state: 'SENDING' });
		const many = await world.run({ resource: 'stock', operation: 'getMany', productCouponId, state: 'SENDING', returnAll: true });
		expect(many.outputOf('WeChat Pay').map((item) => item.json.stock_id)).toEqual([stockId]);
		expect(world.last().path).toMatch(new RegExp(`^${world.prefix}/product-coupons/${productCouponId}/stocks\\?.*state=SENDING`));
	});

	it('stock update budget: reads the current budget itself, then raises it', async () => {
		const before = world.received().length;
		const answer = first(await world.run({ resource: 'stock', operation: 'updateBudget', productCouponId, stockId, updateMode: 'MAX_COUNT', targetCount: 2000 }));
		expect((answer.stock_send_rule as IDataObject).max_count).toBe(2000);
		const [read, change] = world.received().slice(before);
		expect(`${read.method} ${read.path.split('?')[0]}`).toBe(`GET ${world.prefix}/product-coupons/${productCouponId}/stocks/${stockId}`);
		expect(`${change.method} ${change.path}`).toBe(`POST ${world.prefix}/product-coupons/${productCouponId}/stocks/${stockId}/update-budget`);
		expect(body(change)).toMatchObject({ update_mode: 'MAX_COUNT', current_max_count: 1000, target_max_count: 2000 });
	});

	it('user coupon send works on the coupon the node created', async () => {
		const answer = first(await world.run({ resource: 'userCoupon', operation: 'send', openid: 'oUpF8uCampaign000000000000001', productCouponId, stockId, appid: world.brand.appid }));
		expect(answer).toMatchObject({ coupon_state: 'CONFIRMING' });
	});

	it('stock update: remark', async () => {
		const answer = first(await world.run({ resource: 'stock', operation: 'update', productCouponId, stockId, remark: 'spring' }));
		expect(answer).toMatchObject({ stock_id: stockId, remark: 'spring' });
		expect(`${world.last().method} ${world.last().path}`).toBe(`PATCH ${world.prefix}/product-coupons/${productCouponId}/stocks/${stockId}`);
	});

	it('stock create with specific stores: associate, list, disassociate', async () => {
		const created = first(await world.run({ resource: 'stock', operation: 'create', productCouponId, ...stockParameters(world, { storeScope: 'SPECIFIC' }) }));
		const specific = created.stock_id as string;
		expect(`${world.last().method} ${world.last().path}`).toBe(`POST ${world.prefix}/product-coupons/${productCouponId}/stocks`);
		const stores = world.brand.store_ids.slice(0, 3);
		const associated = first(await world.run({ resource: 'stock', operation: 'associateStores', productCouponId, stockId: specific, storeIds: stores.join(', ') }));
		expect(associated).toMatchObject({ total_count: 3 });
		expect(body(world.last()).store_list).toEqual(stores.map((store_id) => ({ store_id })));
		const listed = await world.run({ resource: 'stock', operation: 'getStores', productCouponId, stockId: specific, returnAll: true });
		expect(listed.outputOf('WeChat Pay').map((item) => item.json.store_id)).toEqual(stores);
		first(await world.run({ resource: 'stock', operation: 'disassociateStores', productCouponId, stockId: specific, storeIds: stores[0] }));
		expect(world.last().path).toBe(`${world.prefix}/product-coupons/${productCouponId}/stocks/${specific}/disassociate-stores`);
	});

	it('stock upload codes, to a stock in Upload code mode', async () => {
		const created = first(await world.run({ resource: 'stock', operation: 'create', productCouponId, ...stockParameters(world, { couponCodeMode: 'UPLOAD' }) }));
		const answer = first(await world.run({ resource: 'stock', operation: 'uploadCodes', productCouponId, stockId: created.stock_id as string, couponCodes: 'CODE0001\nCODE0002, CODE0001' }));
		expect(answer).toMatchObject({ success_code_list: ['CODE0001', 'CODE0002'] });
		expect(body(world.last()).code_list).toEqual(['CODE0001', 'CODE0002', 'CODE0001']);
	});

	it('stock deactivate, then product coupon deactivate', async () => {
		const stock = first(await world.run({ resource: 'stock', operation: 'deactivate', productCouponId, stockId, deactivateReason: 'Budget spent' }));
		expect(stock).toMatchObject({ stock_id: stockId, state: 'DEACTIVATED' });
		expect(world.last().path).toBe(`${world.prefix}/product-coupons/${productCouponId}/stocks/${stockId}/deactivate`);
		const coupon = first(await world.run({ resource: 'productCoupon', operation: 'deactivate', productCouponId, deactivateReason: 'Campaign over' }));
		expect(coupon).toMatchObject({ product_coupon_id: productCouponId, state: 'DEACTIVATED' });
	});

	it('a multi-round coupon: create with rounds in Body JSON, add a stock bundle, update, budget, stores', async () => {
		const rounds = { normal_coupon_list: [500, 800, 1000].map((off) => ({ threshold: 5000, discount_amount: off })) };
		const created = first(
			await world.run({
				resource: 'productCoupon',
				operation: 'create',
				scope: 'ALL',
				usageMode: 'PROGRESSIVE_BUNDLE',
				count: 3,
				name: 'Three rounds',
				imageUrl,
				backgroundUrl: imageUrl,
				...stockParameters(world, { storeScope: 'SPECIFIC' }),
				bodyJson: JSON.stringify({ stock_bundle: { progressive_bundle_usage_rule: rounds } }),
			}),
		);
		const bundleCoupon = created.product_coupon_id as string;
		expect(body(world.last())).toMatchObject({ usage_mode: 'PROGRESSIVE_BUNDLE', progressive_bundle_usage_info: { count: 3, interval_days: 0 } });
		first(await world.run({ resource: 'productCoupon', operation: 'get', productCouponId: bundleCoupon }));

		const added = first(
			await world.run({
				resource: 'stockBundle',
				operation: 'create',
				productCouponId: bundleCoupon,
				...stockParameters(world, { storeScope: 'SPECIFIC' }),
				bodyJson: JSON.stringify({ stock_bundle: { progressive_bundle_usage_rule: rounds } }),
			}),
		);
		const bundleId = added.stock_bundle_id as string;
		expect(`${world.last().method} ${world.last().path}`).toBe(`POST ${world.prefix}/product-coupons/${bundleCoupon}/stock-bundles`);
		expect(added.stock_list).toHaveLength(3);
		first(await world.run({ resource: 'stock', operation: 'getMany', productCouponId: bundleCoupon, stockBundleId: bundleId, returnAll: true }));

		const updated = first(await world.run({ resource: 'stockBundle', operation: 'update', productCouponId: bundleCoupon, stockBundleId: bundleId, remark: 'autumn' }));
		expect(updated).toMatchObject({ stock_bundle_id: bundleId });
		expect(`${world.last().method} ${world.last().path}`).toBe(`PATCH ${world.prefix}/product-coupons/${bundleCoupon}/stock-bundles/${bundleId}`);

		const budget = first(await world.run({ resource: 'stockBundle', operation: 'updateBudget', productCouponId: bundleCoupon, stockBundleId: bundleId, targetCount: 3000 }));
		expect(budget).toMatchObject({ stock_bundle_id: bundleId });
		expect(body(world.last())).toMatchObject({ current_max_count: 1000, target_max_count: 3000 });

		const store = world.brand.store_ids[0];
		first(await world.run({ resource: 'stockBundle', operation: 'associateStores', productCouponId: bundleCoupon, stockBundleId: bundleId, storeIds: store }));
		expect(world.last().path).toBe(`${world.prefix}/product-coupons/${bundleCoupon}/stock-bundles/${bundleId}/associate-stores`);
		first(await world.run({ resource: 'stockBundle', operation: 'disassociateStores', productCouponId: bundleCoupon, stockBundleId: bundleId, storeIds: store }));
		expect(world.last().path).toBe(`${world.prefix}/product-coupons/${bundleCoupon}/stock-bundles/${bundleId}/disassociate-stores`);
	});

	it('image generate (cut out an uploaded image) and get generation', async () => {
		const task = first(await world.run({ resource: 'image', operation: 'generate', imageGenerationType: 'CUT_OUT', imageUrl, taskId: `CUT-${accountType}-1` }));
		expect(task).toMatchObject({ task_id: `CUT-${accountType}-1` });
		expect(body(world.last())).toEqual({ task_id: `CUT-${accountType}-1`, image_generation_type: 'CUT_OUT', cut_out: { image_url: imageUrl }, ...brandField() });
		sandbox.finishImageTask(world.credential, `CUT-${accountType}-1`, 'SUCCESS');
		const result = first(await world.run({ resource: 'image', operation: 'getGeneration', taskId: `CUT-${accountType}-1`, imageGenerationType: 'CUT_OUT' }));
		expect(result).toMatchObject({ task_id: `CUT-${accountType}-1`, task_state: 'SUCCESS', cut_out_result: { image_url: expect.stringMatching(/^https:\/\//) } });
		expect(world.last().path).toMatch(new RegExp(`^${world.prefix}/image-generation-tasks/CUT-${accountType}-1\\?`));
	});
});
