// @ts-check
'use strict';
/**
 * A small router: each endpoint is a method + a path pattern with `{param}` segments. Product coupon endpoints are
 * matched under the prefix of each account type; a route with `root` has an absolute path served to that account
 * type only (payments, refunds, bills, certificates, the sandbox-only echo). Matching is on the raw path (nothing
 * decoded or normalised), one segment per `{param}`, so `..`, `%2e` or `%2F` can only ever land in a parameter,
 * where the field rules refuse them.
 */

/** @type {Record<'serviceProvider' | 'brand', string>} */
const PREFIXES = {
	serviceProvider: '/v3/marketing/partner/product-coupon',
	brand: '/brand/marketing/product-coupon',
};

/**
 * @typedef {'management' | 'userCoupon' | 'imageTask' | 'other'} RateClass
 *   management 20/s (#1–#24 but the image-task POST); user-coupon operations 500/s; image-task POST 10/s
 *   (digest §9.3); other: payments, refunds, bills, certificates, the echo (sandbox choice, 100/s)
 * @typedef {'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'} Method
 * @typedef {'json' | 'multipart' | 'none'} BodyKind  json: Content-Type application/json and a body (POST, PATCH, PUT);
 *   none: no body (GET, DELETE); multipart: multipart/form-data whose `meta` part is what was signed (image upload)
 * @typedef {{ accounts: import('./accounts').AccountRegistry, auditDelayMs: number, imageTaskDelayMs: number,
 *   refundDelayMs: number, baseUrl: string, now: () => number }} Settings  what handlers may read of the host that serves them
 * @typedef {{ account: import('./accounts').Account, accountType: 'serviceProvider' | 'brand', method: string,
 *   url: string, params: Record<string, string>, query: string | null, body: Buffer, nowMs: number,
 *   world: import('./models/world').World, events: import('./models/world').Events, settings: Settings,
 *   multipart?: import('./multipart').Multipart }} HandlerContext
 * @typedef {{ status: number, body: Buffer, headers?: Record<string, string>, unsigned?: boolean,
 *   signer?: 'platformCertificate' }} HandlerAnswer
 *   unsigned: written as is, without Wechatpay-* headers (the bill file download, apiv3 doc §5);
 *   signer: sign with the active platform certificate whatever the account's signWith (GET /v3/certificates)
 * @typedef {(ctx: HandlerContext) => HandlerAnswer} Handler
 * @typedef {{ method: Method, path: string, rateClass: RateClass, handler: Handler, body?: BodyKind,
 *   maxBodyBytes?: number, root?: 'serviceProvider' | 'brand' }} RouteSpec
 * @typedef {RouteSpec & { body: BodyKind, accountType: 'serviceProvider' | 'brand', segments: string[] }} CompiledRoute
 * @typedef {{ route: CompiledRoute, accountType: 'serviceProvider' | 'brand', params: Record<string, string> }} Match
 */

/** @param {RouteSpec[]} specs @returns {CompiledRoute[]} */
function compileRoutes(specs) {
	/** @type {CompiledRoute[]} */
	const out = [];
	for (const spec of specs) {
		/** @type {BodyKind} */
		const body = spec.body || (spec.method === 'GET' || spec.method === 'DELETE' ? 'none' : 'json');
		if (spec.root) {
			out.push({ ...spec, body, accountType: spec.root, segments: spec.path.split('/').slice(1) });
			continue;
		}
		for (const accountType of /** @type {const} */ (['serviceProvider', 'brand'])) {
			out.push({ ...spec, body, accountType, segments: `${PREFIXES[accountType]}${spec.path}`.split('/').slice(1) });
		}
	}
	return out;
}

/** @param {string[]} pattern @param {string[]} actual @returns {Record<string, string> | null} */
function matchSegments(pattern, actual) {
	if (pattern.length !== actual.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < pattern.length; i++) {
		const p = pattern[i];
		if (p.startsWith('{') && p.endsWith('}')) {
			if (actual[i] === '') return null;
			params[p.slice(1, -1)] = actual[i];
		} else if (p !== actual[i]) return null;
	}
	return params;
}

/**
 * @param {CompiledRoute[]} routes @param {string} method @param {string} pathname raw path without the query
 * @returns {{ match: Match } | { notFound: true } | { allowed: string[] }}
 */
function route(routes, method, pathname) {
	if (!pathname.startsWith('/')) return { notFound: true };
	const segments = pathname.split('/').slice(1);
	/** @type {Set<string>} */
	const allowed = new Set();
	for (const r of routes) {
		const params = matchSegments(r.segments, segments);
		if (!params) continue;
		if (r.method === method) return { match: { route: r, accountType: r.accountType, params } };
		allowed.add(r.method);
	}
	if (allowed.size > 0) return { allowed: [...allowed] };
	return { notFound: true };
}

module.exports = { PREFIXES, compileRoutes, route };
