// @ts-check
'use strict';
/**
 * Request authentication exactly as WeChat Pay APIv3 checks it (doc §2):
 *   Authorization: <SCHEME> mchid|brand_id="...",nonce_str="...",signature="...",timestamp="...",serial_no="..."
 * over METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nBODY\n, SHA256withRSA, clock window ±300 s.
 * Every failure is 401 SIGN_ERROR. The parser is strict: five `key="value"` pairs separated by single commas
 * (no spaces, as in the official samples), no duplicates, no extra fields, nothing empty.
 */
const { SCHEME_PARTNER, SCHEME_BRAND, requestMessage, verify } = require('./signing');

const CLOCK_WINDOW_SECONDS = 300;

/**
 * @typedef {import('./accounts').Account} Account
 * @typedef {{ account?: Account, issue?: string }} AuthResult  success ⇔ no issue (account is then set)
 */

/**
 * @param {string | undefined} header
 * @param {'serviceProvider' | 'brand'} accountType which endpoint family the request targets
 * @returns {{ fields?: Record<string, string>, issue?: string }} success ⇔ no issue
 */
function parseAuthorization(header, accountType) {
	if (typeof header !== 'string' || header === '') return { issue: 'Authorization header missing' };
	const expectedScheme = accountType === 'brand' ? SCHEME_BRAND : SCHEME_PARTNER;
	const space = header.indexOf(' ');
	const scheme = space < 0 ? header : header.slice(0, space);
	if (scheme !== expectedScheme) return { issue: `authorization scheme must be ${expectedScheme}, got ${JSON.stringify(scheme.slice(0, 64))}` };
	const idField = accountType === 'brand' ? 'brand_id' : 'mchid';
	const required = [idField, 'nonce_str', 'signature', 'timestamp', 'serial_no'];
	/** @type {Record<string, string>} */
	const fields = Object.create(null);
	for (const pair of header.slice(space + 1).split(',')) {
		const m = /^([a-z_]+)="([^"]*)"$/.exec(pair);
		if (!m) return { issue: `unparseable authorization parameter ${JSON.stringify(pair.slice(0, 64))}` };
		if (!required.includes(m[1])) return { issue: `unexpected authorization parameter ${m[1]}` };
		if (m[1] in fields) return { issue: `duplicated authorization parameter ${m[1]}` };
		if (m[2] === '') return { issue: `empty authorization parameter ${m[1]}` };
		fields[m[1]] = m[2];
	}
	for (const name of required) if (!(name in fields)) return { issue: `authorization parameter ${name} missing` };
	return { fields };
}

/**
 * @param {{ method: string, url: string, authorization: string | undefined, body: Buffer,
 *   accountType: 'serviceProvider' | 'brand', nowMs: number, findAccount: (type: 'serviceProvider' | 'brand', id: string) => Account | undefined }} r
 * @returns {AuthResult}
 */
function authenticate(r) {
	const parsed = parseAuthorization(r.authorization, r.accountType);
	if (parsed.issue !== undefined || !parsed.fields) return { issue: parsed.issue || 'unparseable authorization' };
	const f = parsed.fields;
	const id = r.accountType === 'brand' ? f.brand_id : f.mchid;
	const account = r.findAccount(r.accountType, id);
	if (!account) return { issue: `unknown ${r.accountType === 'brand' ? 'brand_id' : 'mchid'} ${id}` };
	if (!/^\d{10}$/.test(f.timestamp)) return { issue: 'timestamp must be Unix seconds (10 digits)', account };
	const skew = Math.abs(Math.floor(r.nowMs / 1000) - Number(f.timestamp));
	if (skew > CLOCK_WINDOW_SECONDS) return { issue: `timestamp is ${skew}s away from server time (limit ${CLOCK_WINDOW_SECONDS}s)`, account };
	if (f.serial_no !== account.merchantSerial) return { issue: `serial_no ${f.serial_no.slice(0, 64)} is not an API certificate of this account`, account };
	const message = requestMessage(r.method, r.url, f.timestamp, f.nonce_str, r.body);
	if (!verify(account.merchantPublicKey, message, f.signature)) return { issue: 'signature does not verify', account };
	return { account };
}

module.exports = { authenticate, parseAuthorization, CLOCK_WINDOW_SECONDS };
