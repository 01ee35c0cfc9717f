import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../account';
import { checkedOrigin } from '../baseUrl';
import { buildAuthorization } from '../crypto/requestSigner';
import { startDeadline } from './deadline';
import { metaPartOf } from './multipart';
import { USER_AGENT } from '../version';

function serialiseBody(body: IHttpRequestOptions['body']): string | Buffer {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body;
	// Bytes go as they are (an upload's multipart body, or JSON already serialised).
	if (Buffer.isBuffer(body)) return body;
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
function resolveTarget(origin: string, path: string, qs: IDataObject): { url: string; pathAndQuery: string } {
	if (VERBATIM_PATH.test(path) && !DOT_SEGMENT.test(path)) {
		// The path's own query stays as written; query parameters are added after it.
		let pathAndQuery = path;
		if (hasEntries(qs)) {
			const added = new URL('/', origin);
			appendQuery(added, qs);
			if (added.search) pathAndQuery = `${path}${path.includes('?') ? '&' : '?'}${added.search.slice(1)}`;
		}
		return { url: origin + pathAndQuery, pathAndQuery };
	}
	const target = new URL(path, origin);
	if (target.origin !== origin) {
		throw new CredentialConfigError(`A signed request may only go to the credential's Base URL (${origin})`);
	}
	appendQuery(target, qs);
	return { url: target.href, pathAndQuery: target.pathname + target.search };
}

function hasEntries(qs: IDataObject): boolean {
	for (const name in qs) if (Object.prototype.hasOwnProperty.call(qs, name)) return true;
	return false;
}

/** Options folded into the signed url and body, or set anew: not copied from the request. */
const FOLDED = new Set(['baseURL', 'qs', 'uri', 'method', 'url', 'headers', 'body', 'disableFollowRedirect', 'abortSignal']);

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
	const origin = checkedOrigin(request.baseURL ?? account.baseUrl, request.baseURL ? 'request base URL' : 'Base URL');
	const { url, pathAndQuery } = resolveTarget(origin, request.uri ?? request.url, (request.qs ?? {}) as IDataObject);
	const method = (request.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
	const body = method === 'GET' ? '' : serialiseBody(request.body);
	// An upload (multipart) is signed over its meta JSON, the part WeChat Pay's rule names; everything else as sent.
	const multipart = Buffer.isBuffer(body) ? multipartType(request.headers) : undefined;
	const signed = multipart === undefined ? body : metaPartOf(body as Buffer, multipart);
	if (signed === undefined) throw new CredentialConfigError('A multipart upload to WeChat Pay needs a meta part: it is what the signature covers');

	const headers: IDataObject = {
		...(request.headers ?? {}),
		Accept: 'application/json',
		'User-Agent': USER_AGENT,
		Authorization: buildAuthorization(account, { method, pathAndQuery, body: signed }),
	};
	if (body.length > 0 && multipart === undefined) headers['Content-Type'] = 'application/json';
	// Brands always have the key id (their only key mode needs it); service providers send it when they have one.
	if (account.wechatPayPublicKeyId) headers['Wechatpay-Serial'] = account.wechatPayPublicKeyId;

	// The request as it will travel: baseURL, qs and uri were folded into url above, the body serialised. Copied
	// without them rather than spread and deleted from, which would leave n8n and axios a slow dictionary object.
	const outgoing: AnyRequestOptions = { method, url };
	const copy = outgoing as unknown as Record<string, unknown>;
	const source = request as unknown as Record<string, unknown>;
	for (const name in source) {
		if (Object.prototype.hasOwnProperty.call(source, name) && !FOLDED.has(name)) copy[name] = source[name];
	}
	outgoing.method = method;
	outgoing.url = url;
	outgoing.headers = headers;
	if (body.length > 0) outgoing.body = body;
	outgoing.disableFollowRedirect = true;
	outgoing.abortSignal = deadlineSignal(request);
	return outgoing;
}

/** The Content-Type of a multipart body, when the request says it is one. */
function multipartType(headers: IHttpRequestOptions['headers']): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type');
	const value = entry ? String(entry[1]) : '';
	return /^multipart\/form-data/i.test(value) ? value : undefined;
}

/**
 * The request's Timeout as a deadline for the whole exchange, answer included (axios's own timeout only notices
 * a silent connection), joined with n8n's cancel signal when the execution has one (see deadline.ts).
 */
function deadlineSignal(request: IHttpRequestOptions): IHttpRequestOptions['abortSignal'] {
	if (!request.timeout) return request.abortSignal;
	return startDeadline(request, request.timeout, request.abortSignal as AbortSignal | undefined);
}