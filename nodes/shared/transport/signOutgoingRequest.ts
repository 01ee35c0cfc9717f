import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { attempt } from '../attempt';
import { buildAuthorization } from '../crypto/requestSigner';
import { USER_AGENT } from '../version';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The origin requests go to: https, or plain http only to this machine (the local sandbox). */
export function parseBaseUrl(baseUrl: string, fieldName = 'Base URL'): URL {
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
	const target = new URL(request.uri ?? request.url, origin);
	if (target.origin !== origin.origin) {
		throw new CredentialConfigError(`A signed request may only go to the credential's Base URL (${origin.origin})`);
	}
	appendQuery(target, (request.qs ?? {}) as IDataObject);
	const method = (request.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
	const body = method === 'GET' ? '' : serialiseBody(request.body);
	const pathAndQuery = target.pathname + target.search;

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

	const signed: IHttpRequestOptions = {
		...request,
		method,
		url: target.toString(),
		headers,
		// A signed request never follows a redirect to somewhere else.
		disableFollowRedirect: true,
	};
	delete signed.baseURL;
	delete signed.qs;
	delete (signed as AnyRequestOptions).uri;
	if (body) signed.body = body;
	else delete signed.body;
	return signed;
}
