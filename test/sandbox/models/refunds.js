// @ts-check
'use strict';
/**
 * Refunds (outside the product coupon family, apiv3 doc §5): `POST /v3/refund/domestic/refunds` (direct style, or
 * partner style with `sub_mchid`), `GET /v3/refund/domestic/refunds/{out_refund_no}` (`?sub_mchid=` for partner
 * refunds). Idempotent by out_refund_no: the same body again → the refund as it is now; another body → 400
 * INVALID_REQUEST. A refund is PROCESSING, then SUCCESS after `refundDelayMs` (a host timer; Infinity: only
 * `finishRefund` ends it, with SUCCESS, ABNORMAL or CLOSED); then, when the refund body named a `notify_url`, a
 * `REFUND.<status>` callback (original_type / associated_data `refund`) is sent there (forwardCallbacks apply).
 */
const { ApiError, invalidRequest, paramError } = require('../errors');
const { ORDER_NO, ORDER_NO_CHARS, checkPathParams, readJsonBody, readQuery, text } = require('../fields');
const { notifyUrlProblem } = require('../notify-url');
const { beijingTime, randomDigits } = require('../signing');
const { canonicalJson } = require('./requestNumbers');
const { PAID } = require('./payments');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('./payments').Refund} Refund
 * @typedef {import('./payments').Transaction} Transaction
 */

const DIGITS = { type: /** @type {const} */ ('string'), max: 32, pattern: /^\d+$/, chars: 'digits' };
const BODY = /** @type {import('../fields').Schema} */ ({
	sub_mchid: DIGITS,
	transaction_id: DIGITS,
	out_trade_no: { type: 'string', min: 6, max: 32, pattern: ORDER_NO, chars: ORDER_NO_CHARS },
	out_refund_no: { type: 'string', required: true, max: 64, pattern: /^[0-9A-Za-z_\-|*@]+$/, chars: `${ORDER_NO_CHARS} @` },
	reason: text(80, false),
	notify_url: { type: 'string', max: 256 },
	funds_account: { type: 'string', enum: ['AVAILABLE', 'UNSETTLED'] },
	amount: {
		type: 'object',
		required: true,
		fields: {
			refund: { type: 'integer', required: true, min: 1 },
			from: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', fields: { account: { type: 'string', required: true, enum: ['AVAILABLE', 'UNAVAILABLE'] }, amount: { type: 'integer', required: true, min: 1 } } } },
			total: { type: 'integer', required: true, min: 1 },
			currency: { type: 'string', required: true, enum: ['CNY'] },
		},
	},
	goods_detail: {
		type: 'array',
		minItems: 1,
		items: {
			type: 'object',
			fields: {
				merchant_goods_id: text(32),
				wechatpay_goods_id: text(32, false),
				goods_name: text(256, false),
				unit_price: { type: 'integer', required: true, min: 0 },
				refund_amount: { type: 'integer', required: true, min: 0 },
				refund_quantity: { type: 'integer', required: true, min: 1 },
			},
		},
	},
});
const SUMMARY = /** @type {Record<string, string>} */ ({ SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' });

/** The refund as WeChat Pay answers it. @param {Refund} r */
function refundView(r) {
	const tx = r.transaction;
	return {
		refund_id: r.refund_id,
		out_refund_no: r.out_refund_no,
		transaction_id: tx.transaction_id,
		out_trade_no: tx.out_trade_no,
		channel: 'ORIGINAL',
		user_received_account: '支付用户零钱',
		...(r.successMs !== undefined ? { success_time: beijingTime(r.successMs) } : {}),
		create_time: beijingTime(r.createMs),
		status: r.status,
		funds_account: r.funds_account,
		amount: {
			total: tx.total,
			refund: r.refund,
			from: r.from,
			payer_total: tx.total,
			payer_refund: r.refund,
			settlement_refund: r.refund,
			settlement_total: tx.total,
			discount_refund: 0,
			currency: 'CNY',
			refund_fee: 0,
		},
		promotion_detail: [],
	};
}

/** Decrypted resource of REFUND.* callbacks (apiv3 doc §5). @param {Refund} r */
function refundPayload(r) {
	const tx = r.transaction;
	return {
		...(r.sub_mchid !== undefined ? { sp_mchid: tx.mchid, sub_mchid: r.sub_mchid } : { mchid: tx.mchid }),
		transaction_id: tx.transaction_id,
		out_trade_no: tx.out_trade_no,
		refund_id: r.refund_id,
		out_refund_no: r.out_refund_no,
		refund_status: r.status,
		...(r.successMs !== undefined ? { success_time: beijingTime(r.successMs) } : {}),
		user_received_account: '支付用户零钱',
		amount: { total: tx.total, refund: r.refund, payer_total: tx.total, payer_refund: r.refund },
	};
}

/**
 * End a PROCESSING refund and send its callback to the refund's notify_url.
 * @param {import('./world').Events} events @param {import('../accounts').Account} account @param {Refund} r
 * @param {'SUCCESS' | 'ABNORMAL' | 'CLOSED'} status @param {number} nowMs
 */
function finishRefund(events, account, r, status, nowMs) {
	if (r.status !== 'PROCESSING') return;
	r.status = status;
	if (status === 'SUCCESS') r.successMs = Math.floor(nowMs / 1000) * 1000;
	if (r.notify_url !== undefined) {
		events.notify(account, `REFUND.${status}`, refundPayload(r), r.out_refund_no, { notifyUrl: r.notify_url, originalType: 'refund', associatedData: 'refund', summary: SUMMARY[status] });
	}
}

/** @param {HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function create(ctx) {
	checkPathParams(ctx.params);
	readQuery(ctx.query, {});
	const body = readJsonBody(ctx.body, BODY);
	if ((body.transaction_id === undefined) === (body.out_trade_no === undefined)) throw paramError('transaction_id', 'body', 'exactly one of transaction_id and out_trade_no is required');
	if (body.notify_url !== undefined) {
		const problem = notifyUrlProblem(body.notify_url);
		if (problem) throw paramError('notify_url', 'body', problem);
	}
	const amount = body.amount;
	if (amount.refund > amount.total) throw paramError('amount.refund', 'body', 'amount.refund is more than amount.total');
	if (amount.from && amount.from.reduce((/** @type {number} */ s, /** @type {any} */ f) => s + f.amount, 0) !== amount.refund) {
		throw paramError('amount.from', 'body', 'the amounts of amount.from must add up to amount.refund');
	}
	const payments = ctx.world.payments;
	const key = `${ctx.account.id}|${body.out_refund_no}`;
	const fingerprint = canonicalJson(body);
	const existing = payments.refunds.get(key);
	if (existing) {
		if (existing.fingerprint !== fingerprint) throw invalidRequest('退款单号重复，但请求参数与之前不一致', `out_refund_no ${body.out_refund_no} was already used with other parameters`);
		return { status: 200, body: Buffer.from(JSON.stringify(refundView(existing)), 'utf8') };
	}
	const sub = body.sub_mchid;
	const tx = body.out_trade_no !== undefined ? payments.find(ctx.account.id, sub, body.out_trade_no) : payments.findById(ctx.account.id, sub, body.transaction_id);
	if (!tx) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在', { issue: 'no such order for this merchant (and sub_mchid)' });
	if (!PAID.includes(tx.trade_state)) throw invalidRequest('订单状态不正确，不能退款', `the order is ${tx.trade_state}; only a paid order is refunded`);
	if (amount.total !== tx.total) throw invalidRequest('订单金额与原订单不一致', `amount.total ${amount.total} is not the order's total ${tx.total}`);
	const refunded = payments.refunded(tx);
	if (refunded + amount.refund > tx.total) throw invalidRequest('申请退款金额超过订单可退金额', `${refunded} of ${tx.total} already refunded; ${amount.refund} more is too much`);
	/** @type {Refund} */
	const refund = {
		ownerId: ctx.account.id,
		...(sub !== undefined ? { sub_mchid: sub } : {}),
		out_refund_no: body.out_refund_no,
		refund_id: `50${randomDigits(27)}`,
		transaction: tx,
		refund: amount.refund,
		from: amount.from ? JSON.parse(JSON.stringify(amount.from)) : [],
		status: 'PROCESSING',
		createMs: Math.floor(ctx.nowMs / 1000) * 1000,
		funds_account: body.funds_account || 'AVAILABLE',
		...(body.notify_url !== undefined ? { notify_url: body.notify_url } : {}),
		fingerprint,
	};
	payments.refunds.set(key, refund);
	tx.trade_state = 'REFUND';
	const { events, account, settings } = ctx;
	events.after(settings.refundDelayMs, () => finishRefund(events, account, refund, 'SUCCESS', settings.now()));
	return { status: 200, body: Buffer.from(JSON.stringify(refundView(refund)), 'utf8') };
}

/** @param {HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function get(ctx) {
	checkPathParams(ctx.params);
	const q = readQuery(ctx.query, { sub_mchid: DIGITS });
	const r = ctx.world.payments.refunds.get(`${ctx.account.id}|${ctx.params.out_refund_no}`);
	if (!r || r.sub_mchid !== q.sub_mchid) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在', { issue: 'no such refund for this merchant (and sub_mchid)' });
	return { status: 200, body: Buffer.from(JSON.stringify(refundView(r)), 'utf8') };
}

/** @type {import('../router').RouteSpec[]} */
const REFUND_ROUTES = [
	{ method: 'POST', path: '/v3/refund/domestic/refunds', rateClass: 'other', root: 'serviceProvider', handler: create },
	{ method: 'GET', path: '/v3/refund/domestic/refunds/{out_refund_no}', rateClass: 'other', root: 'serviceProvider', handler: get },
];

module.exports = { REFUND_ROUTES, finishRefund, refundView, refundPayload };
