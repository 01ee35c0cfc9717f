import type { INodeParameters } from 'n8n-workflow';

import { campaignWorld, stockParameters, type AccountType, type CampaignWorld } from '../helpers/campaignWorld';
import { png } from '../helpers/png';
import { startSandbox, type Sandbox } from '../helpers/world';

/** Campaign bodies that break a WeChat Pay rule, and files that are not images: refused, naming the field; never sent. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const IMAGE = 'https://wxpaylogo.qpic.cn/wxpaylogo/already/uploaded';

describe.each(['serviceProvider', 'brand'] as const)('%s', (accountType: AccountType) => {
	let world: CampaignWorld;
	beforeAll(async () => {
		world = await campaignWorld(sandbox, accountType);
	});
	const create = (more: INodeParameters = {}): INodeParameters => ({
		resource: 'productCoupon',
		operation: 'create',
		scope: 'ALL',
		usageMode: 'SINGLE',
		type: 'NORMAL',
		threshold: 5000,
		discountAmount: 500,
		name: '5 off 50',
		imageUrl: IMAGE,
		backgroundUrl: IMAGE,
		...stockParameters(world),
		...more,
	});

	it.each([
		['an EXCHANGE coupon for the whole order', () => (create({ type: 'EXCHANGE', exchangePrice: 100 })), /type EXCHANGE needs scope SINGLE/],
		['a name of 2 characters', () => (create({ name: 'ab' })), /^The parameter "Name" is 2 characters long; WeChat Pay needs at least 3$/],
		['an image URL not from the upload', () => (create({ imageUrl: 'https://cdn.example.com/a.png' })), /display_info\.image_url is "https:\/\/cdn\.example\.com\/a\.png"; it must be an image URL from WeChat Pay's image upload/],
		['101 coupons per user', () => (create({ maxCountPerUser: 101 })), /^The parameter "Max Count Per User" is 101; WeChat Pay accepts 1 to 100$/],
		['money with a fraction of a fen', () => (create({ threshold: 49.5 })), /^The parameter "Threshold \(Fen\)" must be a whole number, got 49\.5$/],
		['an amount off not below the threshold', () => (create({ discountAmount: 5000 })), /single_usage_info\.normal_coupon: discount_amount must be less than threshold/],
		['a begin time without an offset', () => (create({ availableBeginTime: '2026-12-01T00:00:00' })), /^The parameter "Available Begin Time" is "2026-12-01T00:00:00", which has no offset/],
		['a validity window of 400 days', () => (create({ availableEndTime: '2028-01-01T00:00:00+08:00' })), /the available period may span at most 365 days/],
		['Body JSON that is not JSON', () => (create({ bodyJson: '{oops' })), /^The parameter "Body JSON" is not valid JSON$/],
		['Body JSON with a field WeChat Pay does not take', () => (create({ bodyJson: '{"stock": {"colour": "red"}}' })), /stock\.colour is not a field WeChat Pay takes here/],
		['a single-item coupon without combo packages', () => (create({ scope: 'SINGLE', originalPrice: 3000 })), /scope SINGLE needs display_info\.original_price and display_info\.combo_package_list/],
		['bundle rounds that grow less generous', () => (create({ usageMode: 'PROGRESSIVE_BUNDLE', count: 3, bodyJson: JSON.stringify({ stock_bundle: { progressive_bundle_usage_rule: { normal_coupon_list: [900, 800, 1000].map((off) => ({ threshold: 5000, discount_amount: off })) } } }) })), /round 2 of normal_coupon_list is less generous than round 1/],
		['a stock with MINI_PROGRAM but no mini program', () => ({ resource: 'stock', operation: 'create', productCouponId: '1000', ...stockParameters(world, { couponUsageMethods: ['MINI_PROGRAM'] }) }), /MINI_PROGRAM in coupon_usage_method_list needs mini_program_appid and mini_program_path/],
		['a budget target of 0', () => ({ resource: 'stock', operation: 'updateBudget', productCouponId: '1000', stockId: '2000', targetCount: 0, currentCount: 5 }), /^The parameter "Target" is 0; WeChat Pay accepts 1 to 100000000$/],
		['201 stores', () => ({ resource: 'stock', operation: 'associateStores', productCouponId: '1000', stockId: '2000', storeIds: Array.from({ length: 201 }, (_, i) => `S${i}`).join(',') }), /store_list has 201 entries; WeChat Pay accepts at most 200/],
		['a coupon code with a space', () => ({ resource: 'stock', operation: 'uploadCodes', productCouponId: '1000', stockId: '2000', couponCodes: 'CODE 1' }), /code_list\[0\] may contain only letters, digits/],
		['an update that changes nothing', () => ({ resource: 'stockBundle', operation: 'update', productCouponId: '1000', stockBundleId: '3000' }), /nothing to change/],
		['a cut-out of an image not uploaded to WeChat Pay', () => ({ resource: 'image', operation: 'generate', imageGenerationType: 'CUT_OUT', imageUrl: 'https://cdn.example.com/a.png' }), /cut_out\.image_url .* must be an image URL from WeChat Pay's image upload/],
		['a product coupon id with a slash', () => ({ resource: 'productCoupon', operation: 'get', productCouponId: '10/../20' }), /^The parameter "Product Coupon ID" may contain only letters, digits/],
	] as Array<[string, () => INodeParameters, RegExp]>)('refuses %s before sending', async (_case, parameters, message) => {
		const before = world.received().length;
		const run = await world.run(parameters());
		expect(run.errorOf('WeChat Pay')?.message).toMatch(message);
		expect(run.errorOf('WeChat Pay')?.description).toMatch(/^Item 0 \(counting from 0\).*Nothing was sent for this item\.$/);
		expect(world.received().length).toBe(before);
	});

	it.each([
		['a file that is not an image', Buffer.from('%PDF-1.7 not an image'), 'doc.pdf', /^The parameter "Input Binary Field" holds a file that is not a JPG, BMP or PNG image/],
		['a PNG over 2 MB', Buffer.concat([png(4), Buffer.alloc(2 * 1024 * 1024)]), 'big.png', /^The parameter "Input Binary Field" holds 2097\d+ bytes; WeChat Pay takes images of at most 2097152/],
	])('refuses to upload %s', async (_case, file, name, message) => {
		const before = world.received().length;
		const run = await world.runWithFile({ resource: 'image', operation: 'upload' }, file, name, 'application/octet-stream');
		expect(run.errorOf('WeChat Pay')?.message).toMatch(message);
		expect(world.received().length).toBe(before);
	});

	it("a JPEG whose name says .jpeg is sent as .jpg (WeChat Pay's extensions)", async () => {
		const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
		await world.runWithFile({ resource: 'image', operation: 'upload' }, jpeg, 'photo.jpeg', 'image/jpeg');
		expect(world.last().body).toContain('"filename":"photo.jpg"');
	});
});
