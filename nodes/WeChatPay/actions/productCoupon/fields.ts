import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FieldSpec, ItemParameters } from '../itemParameters';

/** The product coupon's display (digest §4.1 display_info) as plain fields: its name and its two images. */
const image = (displayName: string, name: string, description: string): FieldSpec => ({
	property: { displayName, name, type: 'string', default: '', required: true, placeholder: 'e.g. https://wxpaylogo.qpic.cn/…', description },
	rule: { max: 256 },
});

export const name: FieldSpec = {
	property: { displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. 10 off 50', description: 'The coupon\'s name as users see it (3–15 characters)' },
	rule: { min: 3, max: 15 },
};
export const imageUrl = image('Image URL', 'imageUrl', 'The coupon image (1:1, 1080×1080): a URL from Image → Upload');
export const backgroundUrl = image('Background URL', 'backgroundUrl', 'The background image (65:77, 1170×1326): a URL from Image → Upload');
export const originalPrice: INodeProperties = {
	displayName: 'Original Price (Fen)',
	name: 'originalPrice',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description: 'For a single-item coupon (scope Single): the item\'s price, in fen (分); 0 to leave out',
};
export const outProductNo: FieldSpec = {
	property: { displayName: 'Out Product No', name: 'outProductNo', type: 'string', default: '', description: 'Your own product number (at most 40 characters)' },
	rule: { max: 40 },
};
export const scope: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'options',
	default: 'ALL',
	description: 'What the coupon applies to',
	options: [
		{ name: 'All (Whole Order)', value: 'ALL' },
		{ name: 'Single (One Item; Needs Combo Packages in Body JSON)', value: 'SINGLE' },
	],
};
export const usageMode: INodeProperties = {
	displayName: 'Usage Mode',
	name: 'usageMode',
	type: 'options',
	default: 'SINGLE',
	description: 'Used once, or in rounds (a stock bundle whose rounds go in Body JSON)',
	options: [
		{ name: 'Progressive Bundle (多次优惠)', value: 'PROGRESSIVE_BUNDLE' },
		{ name: 'Single (Used Once)', value: 'SINGLE' },
	],
};
export const bundleCount: INodeProperties = {
	displayName: 'Rounds',
	name: 'count',
	type: 'number',
	typeOptions: { minValue: 3, maxValue: 15, numberPrecision: 0 },
	default: 3,
	description: 'How many rounds (3–15); list each round\'s offer in Body JSON under stock_bundle.progressive_bundle_usage_rule',
	displayOptions: { show: { usageMode: ['PROGRESSIVE_BUNDLE'] } },
};
export const intervalDays: INodeProperties = {
	displayName: 'Interval Days',
	name: 'intervalDays',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 7, numberPrecision: 0 },
	default: 0,
	description: 'Days between rounds (0–7)',
	displayOptions: { show: { usageMode: ['PROGRESSIVE_BUNDLE'] } },
};

/** How to see a product coupon when a change's outcome is unknown. */
export const READ_BACK_PRODUCT_COUPON = 'Run "Get" of the Product Coupon resource to see it.';

/** The display fields of create and update, as display_info (digest §4.1). */
export const displayFields = [name.property, imageUrl.property, backgroundUrl.property, originalPrice];

export function readDisplay(params: ItemParameters): IDataObject {
	const display: IDataObject = {
		name: params.required(name),
		image_url: params.required(imageUrl),
		background_url: params.required(backgroundUrl),
	};
	const price = params.integer(originalPrice, 1, 100_000_000_00, { zeroIsNone: true });
	if (price !== undefined) display.original_price = price;
	return display;
}
