import type { INodeProperties } from 'n8n-workflow';

import { DIGITS, ID_CHARACTERS, ID_CHARACTERS_HINT, type TextRule } from '../validation/rules';
import type { FieldSpec } from './itemParameters';

export type { FieldSpec };

/**
 * Fields many operations share, each defined once with the rule WeChat Pay applies to its value (product coupon
 * digest §1, §2, §9.1). Names are the camelCase of the WeChat Pay field they fill, and are public API.
 */
const field = (property: Omit<INodeProperties, 'type' | 'default'> & Partial<INodeProperties>, rule: TextRule): FieldSpec => ({
	property: { type: 'string', default: '', ...property },
	rule,
});
const id = (max: number): TextRule => ({ max, pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT });

export const brandId = field(
	{
		displayName: 'Brand ID',
		name: 'brandId',
		placeholder: 'e.g. 120344',
		description:
			'The brand (brand_id) a service provider acts for; the brand must have authorised it. Leave empty with a brand credential (its own brand is the account).',
	},
	{ max: 64, pattern: DIGITS, patternHint: 'only digits' },
);

export const openid = field(
	{ displayName: 'OpenID', name: 'openid', required: true, placeholder: 'e.g. oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', description: "The user's OpenID under the AppID" },
	id(128),
);

export const appid = field(
	{ displayName: 'AppID', name: 'appid', required: true, placeholder: 'e.g. wxd678efh567hg6787', description: 'An AppID bound to the brand, the one the OpenID belongs to' },
	id(32),
);

export const productCouponId = field(
	{ displayName: 'Product Coupon ID', name: 'productCouponId', required: true, placeholder: 'e.g. 1000000013', description: 'The product coupon (product_coupon_id)' },
	id(64),
);

export const stockId = field(
	{ displayName: 'Stock ID', name: 'stockId', required: true, placeholder: 'e.g. 1000000013001', description: 'The stock (批次, stock_id) of the product coupon' },
	id(64),
);

export const stockBundleId = field(
	{ displayName: 'Stock Bundle ID', name: 'stockBundleId', required: true, placeholder: 'e.g. 1000000013101', description: 'The stock bundle (批次组, stock_bundle_id) of a multi-round product coupon' },
	id(64),
);

export const couponCode = field(
	{ displayName: 'Coupon Code', name: 'couponCode', required: true, placeholder: 'e.g. Code_123456', description: "The user coupon's code (coupon_code), as the SEND event or Send gave it" },
	id(40),
);

export const userCouponBundleId = field(
	{ displayName: 'User Coupon Bundle ID', name: 'userCouponBundleId', required: true, placeholder: 'e.g. 1000000013201', description: "The user's coupon bundle (user_coupon_bundle_id), as Send Bundle gave it" },
	id(40),
);

/** A request number parameter: empty gives every item of every execution its own, kept across the node's retries. */
export const requestNumber = (name: 'sendRequestNo' | 'outRequestNo', displayName: string, max: number): FieldSpec =>
	field(
		{
			displayName,
			name,
			placeholder: 'e.g. ORDER20261130001',
			description: `Makes the request idempotent at WeChat Pay: the same number with the same data is applied once. Leave empty for a new number per item (output with the answer); map a business key (an order number) to be safe across re-runs too. 6–${max} letters, digits, "_" or "-".`,
		},
		{ min: 6, ...id(max) },
	);

/** The request number of a change (6–40): confirm, redeem, create, update, deactivate, budgets, codes. */
export const outRequestNo = requestNumber('outRequestNo', 'Out Request Number', 40);

export const deactivateReason = field(
	{ displayName: 'Deactivate Reason', name: 'deactivateReason', required: true, placeholder: 'e.g. Campaign ended', description: 'Why, as WeChat Pay records it (at most 150 characters)' },
	{ max: 150 },
);

export const attach = field(
	{ displayName: 'Attach', name: 'attach', placeholder: 'e.g. order-42', description: 'Your own data, returned in the SEND event and the coupon (at most 150 characters)' },
	{ max: 150 },
);

export const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** The same field, optional: for filters and fields only some requests carry. */
export const optionalField = (spec: FieldSpec, description?: string): FieldSpec => ({
	property: { ...spec.property, required: false, ...(description ? { description } : {}) },
	rule: spec.rule,
});
