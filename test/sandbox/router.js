// @ts-check
'use strict';
/**
 * A small router: each endpoint is a method + a path pattern with `{param}` segments, matched under the prefix of
 * each account type. Matching is on the raw path (nothing decoded or normalised), one segment per `{param}`, so
 * `..`, `%2e` or `%2F` can only ever land in a parameter, where the field rules refuse them.
 */

/** @type {Record<'serviceProvider' | 'brand', string>} */
const PREFIXES = {
	serviceProvider: '/v3/marketing/partner/product-coupon',
	brand: '/brand/marketing/product-coupon',
};

/**
 * @typedef {'management' | 'userCoupon'} RateClass  management: 20/s; user-coupon operations: 500/s (digest §9.3)
 * @typedef {{ account: import('./accounts').Account, accountType: 'serviceProvider' | 'brand', method: string,
 *   params: Record<string, string>, query: string | null, body: Buffer, nowMs: number,
 *   world: import('./models/world').World, events: import('./models/world').Events }} HandlerContext
 * @typedef {{ status: number, body: Buffer }} HandlerAnswer
 * @typedef {(ctx: HandlerContext) => HandlerAnswer} Handler
 * @typedef {{ method: 'GET' | 'POST', path: string, rateClass: RateClass, handler: Handler }} RouteSpec
 * @typedef {RouteSpec & { segments: string[] }} CompiledRoute
 * @typedef {{ route: CompiledRoute, accountType: 'serviceProvider' | 'brand', params: Record<string, string> }} Match
 */

/** @param {RouteSpec[]} specs @returns {CompiledRoute[]} */
function compileRoutes(specs) {
	return specs.map((spec) => ({ ...spec, segments: spec.path.split('/').slice(1) }));
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
	for (const accountType of /** @type {const} */ (['serviceProvider', 'brand'])) {
		const prefix = PREFIXES[accountType];
		if (!pathname.startsWith(`${prefix}/`)) continue;
		const segments = pathname.slice(prefix.length).split('/').slice(1);
		/** @type {string[]} */
		const allowed = [];
		for (const r of routes) {
			const params = matchSegments(r.segments, segments);
			if (!params) continue;
			if (r.method === method) return { match: { route: r, accountType, params } };
			allowed.push(r.method);
		}
		if (allowed.length > 0) return { allowed };
	}
	return { notFound: true };
}

module.exports = { PREFIXES, compileRoutes, route };
