// @ts-check
'use strict';
/**
 * The notify-config endpoints (#1 set, #2 get): one notify URL per service provider / per brand, kept on the
 * account (so that the backup host, which shares accounts, serves it too). Errors keep the shape they always had:
 * every body problem is PARAM_ERROR about `notify_url`; a GET before any set is 404 RESOURCE_NOT_EXISTS.
 */
const { ApiError } = require('../errors');
const { notifyUrlProblem } = require('../notify-url');
const { beijingTime } = require('../signing');

/** @param {Buffer} body @returns {string} the notify URL, or throws PARAM_ERROR */
function readNotifyUrl(body) {
	const refuse = (/** @type {string} */ problem) => new ApiError(400, 'PARAM_ERROR', `参数错误：${problem}`, { field: 'notify_url', location: 'body', issue: problem });
	let text;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		throw refuse('body is not valid UTF-8');
	}
	/** @type {unknown} */
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw refuse('body is not valid JSON');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw refuse('body must be a JSON object');
	const keys = Object.keys(parsed);
	if (!keys.includes('notify_url')) throw refuse('notify_url is required');
	const extra = keys.filter((k) => k !== 'notify_url');
	if (extra.length > 0) throw refuse(`unexpected field(s): ${extra.join(', ').slice(0, 100)}`);
	const notifyUrl = /** @type {Record<string, unknown>} */ (parsed).notify_url;
	const problem = notifyUrlProblem(notifyUrl);
	if (problem) throw refuse(problem);
	return /** @type {string} */ (notifyUrl);
}

/** @param {import('../accounts').Account} account */
const answer = (account) => ({ status: 200, body: Buffer.from(JSON.stringify({ notify_url: account.notifyUrl, update_time: account.updateTime }), 'utf8') });

/** @param {import('../router').HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function setNotifyConfig(ctx) {
	const notifyUrl = readNotifyUrl(ctx.body);
	ctx.account.notifyUrl = notifyUrl;
	ctx.account.updateTime = beijingTime(ctx.nowMs);
	return answer(ctx.account);
}

/** @param {import('../router').HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function getNotifyConfig(ctx) {
	if (ctx.account.notifyUrl === null) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '尚未设置商品券事件通知地址', { issue: 'no notify URL has been set for this account' });
	return answer(ctx.account);
}

/** @type {import('../router').RouteSpec[]} */
const NOTIFY_CONFIG_ROUTES = [
	{ method: 'POST', path: '/notify-configs', rateClass: 'management', handler: setNotifyConfig },
	{ method: 'GET', path: '/notify-configs', rateClass: 'management', handler: getNotifyConfig },
];

module.exports = { NOTIFY_CONFIG_ROUTES, readNotifyUrl };
