// @ts-check
// The n8n editor needs an owner account. This one exists only in a local throwaway/dev user folder on
// 127.0.0.1, so its password is a fixed, documented local value, not a secret.
'use strict';

const OWNER = { email: 'dev@example.com', password: 'WeChatPay-dev-1', firstName: 'Dev', lastName: 'Sandbox' };

/** POST /rest/owner/setup once; a second call (dev restarts) is refused by n8n and that is fine. */
async function ensureOwner(baseUrl) {
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
		signal: AbortSignal.timeout(15_000),
	});
	if (setup.ok) return 'created';
	// Already set up: check that the fixed login works.
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		signal: AbortSignal.timeout(15_000),
	});
	if (!login.ok) throw new Error(`n8n owner set-up answered ${setup.status} and login ${login.status}`);
	return 'existing';
}

/** Sets the owner up if needed, logs in and returns n8n's auth cookie, for calls to n8n's REST API. */
async function ownerCookie(baseUrl) {
	await ensureOwner(baseUrl);
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		signal: AbortSignal.timeout(15_000),
	});
	if (!login.ok) throw new Error(`n8n login answered ${login.status}`);
	return login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Log a Playwright browser context in (its cookie jar then holds n8n's auth cookie). */
async function loginContext(context, baseUrl) {
	const res = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		timeout: 15_000,
	});
	if (!res.ok()) throw new Error(`n8n login answered ${res.status()}`);
}

module.exports = { OWNER, ensureOwner, ownerCookie, loginContext };
