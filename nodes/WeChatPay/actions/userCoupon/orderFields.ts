import type { IDataObject } from 'n8n-workflow';

import { DIGITS, ID_CHARACTERS, ID_CHARACTERS_HINT } from '../../validation/rules';
import type { FieldSpec, ItemParameters } from '../itemParameters';

/**
 * The order a redemption belongs to (digest #32): a WeChat Pay order by transaction_id, or by out_trade_no with its
 * mchid; or a PayScore (支付分) order by order_id, or by out_order_no with its mchid. Exactly one.
 */
const ORDER_NUMBER = { min: 6, max: 32, pattern: /^[0-9A-Za-z_\-|*]+$/, patternHint: 'only letters, digits and _ - | *' };
const MCHID = { max: 32, pattern: DIGITS, patternHint: 'only digits' };
const text = (displayName: string, name: string, description: string, placeholder: string): FieldSpec['property'] => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

export const transactionId: FieldSpec = {
	property: text('Transaction ID', 'transactionId', 'The WeChat Pay order (transaction_id) the coupon is redeemed against. Give this, or Out Trade No with Order Merchant ID, or a PayScore order.', 'e.g. 4200000985202011201234567890'),
	rule: { max: 32, pattern: DIGITS, patternHint: 'only digits' },
};
export const outTradeNo: FieldSpec = {
	property: text('Out Trade No', 'outTradeNo', "The merchant's own number of the WeChat Pay order (out_trade_no); needs Order Merchant ID", 'e.g. ORDER20261130001'),
	rule: ORDER_NUMBER,
};
export const payScoreOrderId: FieldSpec = {
	property: text('PayScore Order ID', 'payScoreOrderId', 'The PayScore (支付分) order (order_id) the coupon is redeemed against', 'e.g. 1000000000201912031234567890'),
	rule: { max: 64, pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT },
};
export const payScoreOutOrderNo: FieldSpec = {
	property: text('PayScore Out Order No', 'payScoreOutOrderNo', "The merchant's own number of the PayScore order (out_order_no); needs Order Merchant ID", 'e.g. SCORE20261130001'),
	rule: ORDER_NUMBER,
};
export const orderMchid: FieldSpec = {
	property: text('Order Merchant ID', 'orderMchid', 'The mchid the order was placed with, for Out Trade No or PayScore Out Order No', 'e.g. 1900000109'),
	rule: MCHID,
};
export const orderSubMchid: FieldSpec = {
	property: text('Order Sub-Merchant ID', 'orderSubMchid', 'The sub_mchid of the order, when a service provider placed it for a sub-merchant (optional, with Order Merchant ID)', 'e.g. 1900000110'),
	rule: MCHID,
};

export const orderFields = [transactionId, outTradeNo, payScoreOrderId, payScoreOutOrderNo, orderMchid, orderSubMchid];

/** The one order given, as the body field WeChat Pay takes it; any other combination is refused, naming the fix. */
export function readOrder(params: ItemParameters): IDataObject {
	const given = {
		transactionId: params.optional(transactionId),
		outTradeNo: params.optional(outTradeNo),
		payScoreOrderId: params.optional(payScoreOrderId),
		payScoreOutOrderNo: params.optional(payScoreOutOrderNo),
	};
	const mchid = params.optional(orderMchid);
	const subMchid = params.optional(orderSubMchid);
	const kinds = Object.entries(given).filter(([, value]) => value !== undefined);
	const how = 'give exactly one of Transaction ID, Out Trade No (with Order Merchant ID), PayScore Order ID, PayScore Out Order No (with Order Merchant ID)';
	if (kinds.length !== 1) {
		throw params.refuse('Transaction ID', kinds.length === 0 ? 'and the other order fields are all empty: a redemption needs its order' : `is one of ${kinds.length} orders given (${kinds.map(([name]) => name).join(', ')})`, how);
	}
	const [kind, value] = kinds[0] as [keyof typeof given, string];
	const byNumber = kind === 'outTradeNo' || kind === 'payScoreOutOrderNo';
	if (byNumber && !mchid) throw params.refuse(orderMchid.property, 'is empty', `an order given by its own number needs the mchid it was placed with`);
	if (!byNumber && (mchid || subMchid)) {
		throw params.refuse(orderMchid.property, 'goes only with Out Trade No or PayScore Out Order No', 'leave Order Merchant ID and Order Sub-Merchant ID empty with an order id');
	}
	const owner = byNumber ? { mchid, ...(subMchid ? { sub_mchid: subMchid } : {}) } : {};
	switch (kind) {
		case 'transactionId':
			return { associated_order_info: { transaction_id: value } };
		case 'outTradeNo':
			return { associated_order_info: { out_trade_no: value, ...owner } };
		case 'payScoreOrderId':
			return { associated_pay_score_order_info: { order_id: value } };
		default:
			return { associated_pay_score_order_info: { out_order_no: value, ...owner } };
	}
}
