// @ts-check
'use strict';
/**
 * Payments (orders), outside the product coupon family (apiv3 doc §5), for the generic call: seeded by
 * `seedTransaction`, queried by merchant order number or WeChat Pay order number in the direct-merchant style
 * (`/v3/pay/transactions/…?mchid=`, the service provider's own mchid) or the partner style
 * (`/v3/pay/partner/transactions/…?sp_mchid=&sub_mchid=`). Unknown → 404 ORDER_NOT_EXIST. Also the decrypted
 * resource of a TRANSACTION.SUCCESS callback (`sendPaymentCallback`).
 */
const crypto = require('crypto');
const { ApiError, invalidRequest } = require('../errors');
const { checkPathParams, readQuery, parseRfc3339 } = require('../fields');
const { beijingTime, randomDigits, randomAlnum } = require('../signing');

/**
 * @typedef {{ ownerId: string, mchid: string, sub_mchid?: string, appid: string, sub_appid?: string, out_trade_no: string,
 *   transaction_id: string, trade_type: string, trade_state: string, bank_type: string, attach?: string, description: string,
 *   successMs: number, openid: string, sub_openid?: string, total: number }} Transaction
 * @typedef {{ ownerId: string, sub_mchid?: string, out_refund_no: string, refund_id: string, transaction: Transaction,
 *   refund: number, from: Array<{ account: string, amount: number }>, status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED',
 *   createMs: number, successMs?: number, funds_account: string, notify_url?: string, fingerprint: string }} Refund
 * @typedef {{ outTradeNo?: string, subMchid?: string, appid?: string, subAppid?: string, openid?: string, subOpenid?: string,
 *   total?: number, tradeState?: string, tradeType?: string, successTime?: string | number, attach?: string,
 *   description?: string, bankType?: string, transactionId?: string }} TransactionSeed
 */

const TRADE_STATES = /** @type {Record<string, string>} */ ({
	SUCCESS: '支付成功',
	REFUND: '转入退款',
	NOTPAY: '未支付',
	CLOSED: '已关闭',
	REVOKED: '已撤销（仅付款码支付会返回）',
	USERPAYING: '用户支付中（仅付款码支付会返回）',
	PAYERROR: '支付失败（仅付款码支付会返回）',
});
const TRADE_TYPES = ['JSAPI', 'NATIVE', 'APP', 'MICROPAY', 'MWEB', 'FACEPAY'];
/** states in which the order was paid (it has a transaction_id, a payer, a success_time) */
const PAID = ['SUCCESS', 'REFUND'];

class PaymentStore {
	constructor() {
		/** @type {Map<string, Transaction>} `owner|sub_mchid|out_trade_no` */
		this.transactions = new Map();
		/** @type {Map<string, Refund>} `owner|out_refund_no` */
		this.refunds = new Map();
	}

	/** @param {string} ownerId @param {string | undefined} subMchid @param {string} outTradeNo */
	find(ownerId, subMchid, outTradeNo) {
		return this.transactions.get(`${ownerId}|${subMchid || ''}|${outTradeNo}`);
	}

	/** @param {string} ownerId @param {string | undefined} subMchid @param {string} transactionId */
	findById(ownerId, subMchid, transactionId) {
		return [...this.transactions.values()].find((t) => t.ownerId === ownerId && (t.sub_mchid || '') === (subMchid || '') && t.transaction_id === transactionId && PAID.includes(t.trade_state));
	}

	/** Refunded so far (CLOSED refunds give the money back to the order). @param {Transaction} tx */
	refunded(tx) {
		return [...this.refunds.values()].filter((r) => r.transaction === tx && r.status !== 'CLOSED').reduce((sum, r) => sum + r.refund, 0);
	}

	/**
	 * @param {import('../accounts').Account} account @param {TransactionSeed} o @param {number} nowMs @returns {Transaction}
	 */
	seed(account, o, nowMs) {
		if (account.accountType !== 'serviceProvider') throw new Error('seedTransaction: payments belong to a merchant (serviceProvider account); brands have none');
		const outTradeNo = o.outTradeNo !== undefined ? o.outTradeNo : `ORDER_${Date.now().toString(36)}_${randomAlnum(8)}`;
		if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo)) throw new Error('seedTransaction: outTradeNo is 6–32 of digits, letters, _ - | *');
		if (o.subMchid !== undefined && !/^\d{1,32}$/.test(o.subMchid)) throw new Error('seedTransaction: subMchid must be digits');
		const tradeState = o.tradeState || 'SUCCESS';
		if (!(tradeState in TRADE_STATES)) throw new Error(`seedTransaction: tradeState is one of ${Object.keys(TRADE_STATES).join(', ')}`);
		const tradeType = o.tradeType || 'JSAPI';
		if (!TRADE_TYPES.includes(tradeType)) throw new Error(`seedTransaction: tradeType is one of ${TRADE_TYPES.join(', ')}`);
		const total = o.total === undefined ? 100 : o.total;
		if (!Number.isSafeInteger(total) || total < 1) throw new Error('seedTransaction: total is a positive integer (fen)');
		const successMs = o.successTime === undefined ? nowMs : typeof o.successTime === 'number' ? o.successTime : parseRfc3339(o.successTime);
		if (successMs === null) throw new Error('seedTransaction: successTime is epoch ms or RFC 3339 like 2025-08-01T10:00:00+08:00');
		if (this.find(account.id, o.subMchid, outTradeNo)) throw new Error(`seedTransaction: out_trade_no ${outTradeNo} already exists`);
		const day = beijingTime(successMs).slice(0, 10).replace(/-/g, '');
		/** @type {Transaction} */
		const tx = {
			ownerId: account.id,
			mchid: account.id,
			...(o.subMchid !== undefined ? { sub_mchid: o.subMchid } : {}),
			appid: o.appid !== undefined ? o.appid : `wx${crypto.randomBytes(8).toString('hex')}`,
			...(o.subAppid !== undefined ? { sub_appid: o.subAppid } : {}),
			out_trade_no: outTradeNo,
			transaction_id: o.transactionId !== undefined ? o.transactionId : `4200${randomDigits(6)}${day}${randomDigits(10)}`,
			trade_type: tradeType,
			trade_state: tradeState,
			bank_type: o.bankType || 'OTHERS',
			...(o.attach !== undefined ? { attach: o.attach } : {}),
			description: o.description !== undefined ? o.description : '沙箱商品',
			successMs: Math.floor(successMs / 1000) * 1000,
			openid: o.openid !== undefined ? o.openid : `oUpF8u${randomAlnum(22)}`,
			...(o.subOpenid !== undefined ? { sub_openid: o.subOpenid } : {}),
			total,
		};
		this.transactions.set(`${tx.ownerId}|${tx.sub_mchid || ''}|${tx.out_trade_no}`, tx);
		return tx;
	}
}

/** The order as WeChat Pay answers it (and as TRANSACTION.SUCCESS carries it), direct or partner style. @param {Transaction} tx */
function transactionView(tx) {
	const partner = tx.sub_mchid !== undefined;
	const head = partner
		? { sp_appid: tx.appid, sp_mchid: tx.mchid, ...(tx.sub_appid !== undefined ? { sub_appid: tx.sub_appid } : {}), sub_mchid: tx.sub_mchid }
		: { appid: tx.appid, mchid: tx.mchid };
	if (!PAID.includes(tx.trade_state)) {
		return { ...head, out_trade_no: tx.out_trade_no, trade_state: tx.trade_state, trade_state_desc: TRADE_STATES[tx.trade_state], amount: { total: tx.total, payer_currency: 'CNY' }, ...(tx.attach !== undefined ? { attach: tx.attach } : {}) };
	}
	return {
		...head,
		out_trade_no: tx.out_trade_no,
		transaction_id: tx.transaction_id,
		trade_type: tx.trade_type,
		trade_state: tx.trade_state,
		trade_state_desc: TRADE_STATES[tx.trade_state],
		bank_type: tx.bank_type,
		...(tx.attach !== undefined ? { attach: tx.attach } : {}),
		success_time: beijingTime(tx.successMs),
		payer: partner ? { sp_openid: tx.openid, ...(tx.sub_openid !== undefined ? { sub_openid: tx.sub_openid } : {}) } : { openid: tx.openid },
		amount: { total: tx.total, payer_total: tx.total, currency: 'CNY', payer_currency: 'CNY' },
	};
}

const MCHID = { type: /** @type {const} */ ('string'), required: true, max: 32, pattern: /^\d+$/, chars: 'digits' };

/** @param {import('../router').HandlerContext} ctx @param {string} given */
function requireOwnMchid(ctx, given) {
	if (given !== ctx.account.id) throw invalidRequest('请求的商户号与签名的商户号不一致', `${given} is not the merchant that signed the request (${ctx.account.id})`);
}

const orderNotExist = () => new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在', { issue: 'no such order for this merchant' });

/** @param {boolean} partner @param {boolean} byId @returns {import('../router').Handler} */
function query(partner, byId) {
	return (ctx) => {
		checkPathParams(ctx.params);
		const q = readQuery(ctx.query, partner ? { sp_mchid: MCHID, sub_mchid: MCHID } : { mchid: MCHID });
		requireOwnMchid(ctx, partner ? q.sp_mchid : q.mchid);
		const sub = partner ? q.sub_mchid : undefined;
		const payments = ctx.world.payments;
		const tx = byId ? payments.findById(ctx.account.id, sub, ctx.params.transaction_id) : payments.find(ctx.account.id, sub, ctx.params.out_trade_no);
		if (!tx) throw orderNotExist();
		return { status: 200, body: Buffer.from(JSON.stringify(transactionView(tx)), 'utf8') };
	};
}

/** @type {import('../router').RouteSpec[]} */
const PAYMENT_ROUTES = [
	{ method: 'GET', path: '/v3/pay/transactions/out-trade-no/{out_trade_no}', rateClass: 'other', root: 'serviceProvider', handler: query(false, false) },
	{ method: 'GET', path: '/v3/pay/transactions/id/{transaction_id}', rateClass: 'other', root: 'serviceProvider', handler: query(false, true) },
	{ method: 'GET', path: '/v3/pay/partner/transactions/out-trade-no/{out_trade_no}', rateClass: 'other', root: 'serviceProvider', handler: query(true, false) },
	{ method: 'GET', path: '/v3/pay/partner/transactions/id/{transaction_id}', rateClass: 'other', root: 'serviceProvider', handler: query(true, true) },
];

module.exports = { PaymentStore, PAYMENT_ROUTES, transactionView, TRADE_STATES, PAID };
