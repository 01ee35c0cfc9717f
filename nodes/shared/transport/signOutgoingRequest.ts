import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt } from '../attempt';
import { buildAuthorization } from '../crypto/requestSigner';
import { USER_AGENT } from '../version';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const checkedOrigins = new Map<string, URL>();

/** The origin requests go to: https, or plain http only to this machine (the local sandbox). Checked once per text. */
export function parseBaseUrl(baseUrl: string, fieldName = 'Base URL'): URL {
	const known = checkedOrigins.get(baseUrl);
	if (known) return known;
	const parsed = attempt(() => new URL(baseUrl));
	if (!parsed.ok) {
		throw new CredentialConfigError(`The ${fieldName} "${baseUrl}" is not a URL: use e.g. https://api.mch.weixin.qq.com`);
	}
	const url = parsed.value;
	const localHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
	if (url.protocol !== 'https:' && !localHttp) {
		throw new CredentialConfigError(`The ${fieldName} must start with https:// (plain http is allowed only for 127.0.0.1)`);
	}
	if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
		throw new CredentialConfigError(`The ${fieldName} must be a bare origin such as https://api.mch.weixin.qq.com, without a path`);
	}
	if (checkedOrigins.size < 64) checkedOrigins.set(baseUrl, url);
	return url;
}

function serialiseBody(body: IHttpRequestOptions['body']): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof URLSearchParams || (typeof body === 'object' && 'getHeaders' in body)) {
		throw new CredentialConfigError('WeChat Pay APIv3 takes JSON bodies only: send the body as JSON');
	}
	return JSON.stringify(body);
}

/** Query values as WeChat Pay expects them: text or numbers, arrays as repeated keys. */
function appendQuery(target: URL, qs: IDataObject): void {
	for (const [name, value] of Object.entries(qs)) {
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item === undefined || item === null) continue;
			if (typeof item === 'object') {
				throw new CredentialConfigError(`The query parameter "${name}" must be text or a number`);
			}
			target.searchParams.append(name, String(item));
		}
	}
}

/** A path the URL parser leaves exactly as it is: no characters it would escape, no dot segments, no empty query. */
const VERBATIM_PATH = /^\/[\w\-.~!$&'()*+,;=:@/%]*(\?[\w\-.~!$&()*+,;=:@/%?]+)?$/; // ' is escaped in queries
const DOT_SEGMENT = /\/\.\.?(\/|\?|$)/;

/**
 * The URL to send and the path-and-query to sign, the same text both. A plain path is used as it is (the common
 * case, and the cheap one); anything else goes through the URL parser, whose result is then both signed and sent.
 */
function resolveTarget(origin: URL, path: string, qs: IDataObject): { url: string; pathAndQuery: string } {
	if (VERBATIM_PATH.test(path) && !DOT_SEGMENT.test(path) && Object.keys(qs).length === 0) {
		return { url: origin.origin + path, pathAndQuery: path };
	}
	const target = new URL(path, origin);
	if (target.origin !== origin.origin) {
		throw new CredentialConfigError(`A signed request may only go to the credential's Base URL (${origin.origin})`);
	}
	appendQuery(target, qs);
	return { url: target.href, pathAndQuery: target.pathname + target.search };
}

/** Older helpers (and n8n's HTTP Request node) name the URL `uri` and may send forms: both are handled here. */
type AnyRequestOptions = IHttpRequestOptions & { uri?: string; form?: unknown; formData?: unknown };

/**
 * Turns a request into the exact bytes that will travel, then signs those: the body is serialised once,
 * the query folded into the URL, so what is signed is what is sent. Does not change its input.
 */
export function signOutgoingRequest(account: WeChatPayAccount, request: AnyRequestOptions): IHttpRequestOptions {
	if (request.form !== undefined || request.formData !== undefined) {
		throw new CredentialConfigError('WeChat Pay APIv3 takes JSON bodies only: send the body as JSON, not as a form');
	}
	const origin = parseBaseUrl(request.baseURL ?? account.baseUrl, request.baseURL ? 'request base URL' : 'Base URL');
	const { url, pathAndQuery } = resolveTarget(origin, request.uri ?? request.url, (request.qs ?? {}) as IDataObject);
	const method = (request.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
	const body = method === 'GET' ? '' : serialiseBody(request.body);

	const headers: IDataObject = {
		...(request.headers ?? {}),
		Accept: 'application/json',
		'User-Agent': USER_AGENT,
		Authorization: buildAuthorization(account, { method, pathAndQuery, body }),
	};
	if (body) headers['Content-Type'] = 'application/json';
	if (account.wechatPayPublicKeyId) {
		headers['Wechatpay-Serial'] = account.wechatPayPublicKeyId;
	} else if (account.accountType === 'brand') {
		throw new CredentialConfigError(
			'Brand requests must carry the WeChat Pay public key ID (Wechatpay-Serial): fill in "WeChat Pay Public Key ID" from the brand platform → Account Center → API Security',
		);
	}

	// The request as it will travel: the fields folded in above (baseURL, qs, uri, the body object) are left out.
	const { baseURL, qs, uri, body: unsigned, ...rest } = request;
	return {
		...rest,
		method,
		url,
		headers,
		...(body ? { body } : {}),
		// A signed request never follows a redirect to somewhere else.
		disableFollowRedirect: true,
	};
}
