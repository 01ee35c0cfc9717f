// @ts-check
'use strict';
/**
 * Bills (apiv3 doc §5): `GET /v3/bill/tradebill` and `GET /v3/bill/fundflowbill` answer, signed,
 * `{hash_type: "SHA1", hash_value, download_url}`; the download URL (`<this host>/v3/billdownload/file?token=…`,
 * `&tartype=gzip` with tar_type=GZIP) is valid 30 s on the sandbox clock. The download itself still needs a valid
 * Authorization (of the account that asked for the bill) but answers the file WITHOUT Wechatpay-* headers
 * (`application/octet-stream`: CSV text, or its gzip). SHA1 is over the bytes downloaded (the gzip, when gzip).
 *
 * Bill contents: the account's seeded orders paid on bill_date (Beijing day) and the refunds created that day,
 * CSV in WeChat Pay's layout (every value prefixed with a backquote, amounts in yuan, then a summary). A bill is
 * ready from the next day on: bill_date today → 400 STATEMENT_CREATING, later → 400 PARAM_ERROR, more than three
 * months back → 400 INVALID_REQUEST, a day without any row → 400 NO_STATEMENT_EXIST.
 */
const crypto = require('crypto');
const zlib = require('zlib');
const { ApiError, invalidRequest, paramError } = require('../errors');
const { checkPathParams, readQuery } = require('../fields');
const { beijingTime } = require('../signing');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {{ ownerId: string, bytes: Buffer, expiresMs: number, gzip: boolean }} BillFile
 */

const DOWNLOAD_VALID_MS = 30000;
const MAX_AGE_DAYS = 92;
const DAY_MS = 24 * 3600 * 1000;

/** fen → yuan with two decimals @param {number} fen */
const yuan = (fen) => (fen / 100).toFixed(2);
/** a CSV line of backquoted values @param {Array<string | number>} values */
const line = (values) => values.map((v) => `\`${String(v).replace(/[,\r\n]/g, ' ')}`).join(',');
/** handling fee of 0.6 % @param {number} fen */
const fee = (fen) => Math.round(fen * 0.006);

/** @param {string} s @returns {number | null} epoch ms of 00:00 Beijing, or null when not a real YYYY-MM-DD */
function beijingDay(s) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (new Date(utc).toISOString().slice(0, 10) !== s) return null;
	return utc - 8 * 3600 * 1000;
}

/** bill_date rules. @param {string} billDate @param {number} nowMs @returns {number} the day's start */
function checkBillDate(billDate, nowMs) {
	const start = beijingDay(billDate);
	if (start === null) throw paramError('bill_date', 'query', 'bill_date must be a real date written YYYY-MM-DD');
	const today = /** @type {number} */ (beijingDay(beijingTime(nowMs).slice(0, 10)));
	if (start > today) throw paramError('bill_date', 'query', 'bill_date is in the future');
	if (start === today) throw new ApiError(400, 'STATEMENT_CREATING', '账单生成中', { issue: 'the bill of a day is ready the next day' });
	if (today - start > MAX_AGE_DAYS * DAY_MS) throw invalidRequest('仅支持下载三个月内的账单', 'bill_date is more than three months back');
	return start;
}

/** @param {HandlerContext} ctx @param {string | undefined} sub @param {number} start */
function rowsOf(ctx, sub, start) {
	const inDay = (/** @type {number} */ ms) => ms >= start && ms < start + DAY_MS;
	const p = ctx.world.payments;
	const mine = (/** @type {{ ownerId: string, sub_mchid?: string }} */ x) => x.ownerId === ctx.account.id && (x.sub_mchid || undefined) === sub;
	const paid = [...p.transactions.values()].filter((t) => mine(t) && (t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND') && inDay(t.successMs));
	const refunds = [...p.refunds.values()].filter((r) => mine(r) && r.status !== 'CLOSED' && inDay(r.createMs));
	return { paid, refunds };
}

/** @param {HandlerContext} ctx @param {Buffer} csv @param {boolean} gzip */
function issueDownload(ctx, csv, gzip) {
	const bytes = gzip ? zlib.gzipSync(csv) : csv;
	const token = crypto.randomBytes(24).toString('base64url');
	ctx.world.billFiles.set(token, { ownerId: ctx.account.id, bytes, expiresMs: ctx.nowMs + DOWNLOAD_VALID_MS, gzip });
	const answer = {
		hash_type: 'SHA1',
		hash_value: crypto.createHash('sha1').update(bytes).digest('hex'),
		download_url: `${ctx.settings.baseUrl}/v3/billdownload/file?token=${token}${gzip ? '&tartype=gzip' : ''}`,
	};
	return { status: 200, body: Buffer.from(JSON.stringify(answer), 'utf8') };
}

const BILL_DATE = { type: /** @type {const} */ ('string'), required: true, max: 10 };
const TAR_TYPE = { type: /** @type {const} */ ('string'), enum: ['GZIP'] };

/** @param {HandlerContext} ctx */
function tradeBill(ctx) {
	checkPathParams(ctx.params);
	const q = readQuery(ctx.query, { bill_date: BILL_DATE, sub_mchid: { type: 'string', max: 32, pattern: /^\d+$/, chars: 'digits' }, bill_type: { type: 'string', enum: ['ALL', 'SUCCESS', 'REFUND'] }, tar_type: TAR_TYPE });
	const start = checkBillDate(q.bill_date, ctx.nowMs);
	const billType = q.bill_type || 'ALL';
	const { paid, refunds } = rowsOf(ctx, q.sub_mchid, start);
	const header = ['交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'];
	/** @type {string[]} */
	const lines = [header.join(',')];
	let orderTotal = 0;
	let refundTotal = 0;
	let fees = 0;
	if (billType !== 'REFUND') {
		for (const t of paid) {
			lines.push(line([beijingTime(t.successMs).replace('T', ' ').slice(0, 19), t.appid, t.mchid, t.sub_mchid || '0', '', t.transaction_id, t.out_trade_no, t.openid, t.trade_type, 'SUCCESS', t.bank_type, 'CNY', yuan(t.total), '0.00', '0', '0', '0.00', '0.00', '', '', t.description, t.attach || '', yuan(fee(t.total)), '0.60%', yuan(t.total), '0.00', '']));
			orderTotal += t.total;
			fees += fee(t.total);
		}
	}
	if (billType !== 'SUCCESS') {
		for (const r of refunds) {
			const t = r.transaction;
			lines.push(line([beijingTime(r.createMs).replace('T', ' ').slice(0, 19), t.appid, t.mchid, t.sub_mchid || '0', '', t.transaction_id, t.out_trade_no, t.openid, t.trade_type, 'REFUND', t.bank_type, 'CNY', '0.00', '0.00', r.refund_id, r.out_refund_no, yuan(r.refund), '0.00', 'ORIGINAL', r.status, t.description, t.attach || '', yuan(-fee(r.refund)), '0.60%', '0.00', yuan(r.refund), '']));
			refundTotal += r.refund;
			fees -= fee(r.refund);
		}
	}
	if (lines.length === 1) throw new ApiError(400, 'NO_STATEMENT_EXIST', '账单文件不存在', { issue: `no ${billType === 'ALL' ? '' : `${billType} `}trade of this merchant on ${q.bill_date}` });
	lines.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
	lines.push(line([lines.length - 2, yuan(orderTotal), yuan(refundTotal), '0.00', yuan(fees), yuan(orderTotal), yuan(refundTotal)]));
	return issueDownload(ctx, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), q.tar_type === 'GZIP');
}

/** @param {HandlerContext} ctx */
function fundFlowBill(ctx) {
	checkPathParams(ctx.params);
	const q = readQuery(ctx.query, { bill_date: BILL_DATE, account_type: { type: 'string', enum: ['BASIC', 'OPERATION', 'FEES'] }, tar_type: TAR_TYPE });
	const start = checkBillDate(q.bill_date, ctx.nowMs);
	const accountType = q.account_type || 'BASIC';
	const { paid, refunds } = accountType === 'BASIC' ? rowsOf(ctx, undefined, start) : { paid: [], refunds: [] };
	/** @type {Array<{ ms: number, id: string, flow: string, name: string, kind: string, income: boolean, fen: number, voucher: string }>} */
	const flows = [
		...paid.map((t) => ({ ms: t.successMs, id: t.transaction_id, flow: `${t.transaction_id}01`, name: '交易', kind: '交易', income: true, fen: t.total - fee(t.total), voucher: t.out_trade_no })),
		...refunds.map((r) => ({ ms: r.createMs, id: r.refund_id, flow: `${r.refund_id}01`, name: '退款', kind: '退款', income: false, fen: r.refund - fee(r.refund), voucher: r.out_refund_no })),
	].sort((a, b) => a.ms - b.ms);
	if (flows.length === 0) throw new ApiError(400, 'NO_STATEMENT_EXIST', '账单文件不存在', { issue: `no fund flow of the ${accountType} account on ${q.bill_date}` });
	const lines = ['记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,资金变更提交申请人,备注,业务凭证号'];
	let balance = 0;
	for (const f of flows) {
		balance += f.income ? f.fen : -f.fen;
		lines.push(line([beijingTime(f.ms).replace('T', ' ').slice(0, 19), f.id, f.flow, f.name, f.kind, f.income ? '收入' : '支出', yuan(f.fen), yuan(balance), 'system', '', f.voucher]));
	}
	const incomes = flows.filter((f) => f.income);
	const outgoings = flows.filter((f) => !f.income);
	lines.push('资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额');
	lines.push(line([flows.length, incomes.length, yuan(incomes.reduce((s, f) => s + f.fen, 0)), outgoings.length, yuan(outgoings.reduce((s, f) => s + f.fen, 0))]));
	return issueDownload(ctx, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), q.tar_type === 'GZIP');
}

/** @param {HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function download(ctx) {
	checkPathParams(ctx.params);
	const q = readQuery(ctx.query, { token: { type: 'string', required: true, max: 128, pattern: /^[0-9A-Za-z_-]+$/, chars: 'the characters of a download token' }, tartype: { type: 'string', enum: ['gzip'] } });
	const file = ctx.world.billFiles.get(q.token);
	if (!file || file.ownerId !== ctx.account.id) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '账单文件不存在', { issue: 'no bill download with this token for this merchant' });
	if (ctx.nowMs > file.expiresMs) throw invalidRequest('下载链接已过期', 'a download_url is valid 30 seconds; ask for the bill again');
	if ((q.tartype === 'gzip') !== file.gzip) throw paramError('tartype', 'query', 'tartype must be as in the download_url');
	return { status: 200, body: file.bytes, headers: { 'content-type': 'application/octet-stream' }, unsigned: true };
}

/** @type {import('../router').RouteSpec[]} */
const BILL_ROUTES = [
	{ method: 'GET', path: '/v3/bill/tradebill', rateClass: 'other', root: 'serviceProvider', handler: tradeBill },
	{ method: 'GET', path: '/v3/bill/fundflowbill', rateClass: 'other', root: 'serviceProvider', handler: fundFlowBill },
	{ method: 'GET', path: '/v3/billdownload/file', rateClass: 'other', root: 'serviceProvider', handler: download },
];

module.exports = { BILL_ROUTES, DOWNLOAD_VALID_MS };
