// @ts-check
'use strict';
/**
 * SANDBOX-ONLY, NOT A WECHAT PAY ENDPOINT: `/v3/sandbox-echo/items[/{item_id}]` (service providers) and
 * `/brand/sandbox-echo/items[/{item_id}]` (brands), so that a generic call can try every method. Every check of a
 * real endpoint applies (headers, Authorization over the exact path-and-query and body, Wechatpay-Serial, faults,
 * rate class `other`); the answer, signed, echoes what was verified:
 * `{sandbox_only: true, method, path_and_query, body, json?}` (`body` the verified body text, `json` it parsed when
 * it is JSON). GET and POST on `/items`, GET, PUT, PATCH and DELETE on `/items/{item_id}`; POST, PUT and PATCH need
 * a JSON body (Content-Type application/json); DELETE answers a signed 204 with no body.
 */
const { paramError } = require('../errors');
const { checkPathParams } = require('../fields');

/** @param {import('../router').HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function echo(ctx) {
	checkPathParams(ctx.params);
	if (ctx.method === 'DELETE') return { status: 204, body: Buffer.alloc(0) };
	let text = '';
	/** @type {{ json?: unknown }} */
	const parsed = {};
	if (ctx.body.length > 0) {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(ctx.body);
			parsed.json = JSON.parse(text);
		} catch {
			throw paramError('body', 'body', 'body is not UTF-8 JSON');
		}
	}
	const answer = { sandbox_only: true, method: ctx.method, path_and_query: ctx.url, body: text, ...parsed };
	return { status: 200, body: Buffer.from(JSON.stringify(answer), 'utf8') };
}

/** @type {import('../router').RouteSpec[]} */
const SANDBOX_ECHO_ROUTES = [];
for (const [root, prefix] of /** @type {const} */ ([['serviceProvider', '/v3/sandbox-echo'], ['brand', '/brand/sandbox-echo']])) {
	SANDBOX_ECHO_ROUTES.push(
		{ method: 'GET', path: `${prefix}/items`, rateClass: 'other', root, handler: echo },
		{ method: 'POST', path: `${prefix}/items`, rateClass: 'other', root, handler: echo },
		{ method: 'GET', path: `${prefix}/items/{item_id}`, rateClass: 'other', root, handler: echo },
		{ method: 'PUT', path: `${prefix}/items/{item_id}`, rateClass: 'other', root, handler: echo },
		{ method: 'PATCH', path: `${prefix}/items/{item_id}`, rateClass: 'other', root, handler: echo },
		{ method: 'DELETE', path: `${prefix}/items/{item_id}`, rateClass: 'other', root, handler: echo },
	);
}

module.exports = { SANDBOX_ECHO_ROUTES };
