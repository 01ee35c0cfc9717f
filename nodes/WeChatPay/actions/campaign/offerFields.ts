import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { OFFER_KEYS } from '../../validation/productCouponSchemas';
import type { ItemParameters } from '../itemParameters';

/** The offer of a single-use coupon as plain fields: amount off, percent off, or an exchange (digest §4.1). */
export const couponType: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	default: 'NORMAL',
	description: 'What the coupon gives',
	options: [
		{ name: 'Discount (Percent Off, 折扣)', value: 'DISCOUNT' },
		{ name: 'Exchange (Fixed Price, 兑换; Scope Single Only)', value: 'EXCHANGE' },
		{ name: 'Normal (Amount Off, 满减)', value: 'NORMAL' },
	],
};

const money = (displayName: string, name: string, description: string, types: string[]): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description,
	displayOptions: { show: { type: types } },
});

export const threshold = money('Threshold (Fen)', 'threshold', 'The least the user must spend, in fen (分); 0 for no threshold', ['NORMAL', 'DISCOUNT', 'EXCHANGE']);
export const discountAmount = money('Discount Amount (Fen)', 'discountAmount', 'The amount off, in fen (分)', ['NORMAL']);
export const exchangePrice = money('Exchange Price (Fen)', 'exchangePrice', 'What the user pays for the item, in fen (分)', ['EXCHANGE']);
export const percentOff: INodeProperties = {
	displayName: 'Percent Off',
	name: 'percentOff',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 99, numberPrecision: 0 },
	default: 10,
	description: 'The percentage off (30 = 30% off)',
	displayOptions: { show: { type: ['DISCOUNT'] } },
};

export const offerFields = [couponType, threshold, discountAmount, percentOff, exchangePrice];

const MAX_FEN = 100_000_000_00;

/** The offer as WeChat Pay's body names it: { normal_coupon: {…} } and so on, for the chosen type. */
export function readOffer(params: ItemParameters): { type: keyof typeof OFFER_KEYS; key: string; offer: IDataObject } {
	const type = params.value<keyof typeof OFFER_KEYS>('type', 'NORMAL');
	const least = params.integer(threshold, 0, MAX_FEN) ?? 0;
	const offer: IDataObject =
		type === 'NORMAL'
			? { threshold: least, discount_amount: params.integer(discountAmount, 1, MAX_FEN) ?? 0 }
			: type === 'DISCOUNT'
				? { threshold: least, percent_off: params.integer(percentOff, 1, 99) ?? 0 }
				: { threshold: least, exchange_price: params.integer(exchangePrice, 0, MAX_FEN) ?? 0 };
	return { type, key: OFFER_KEYS[type], offer };
}
