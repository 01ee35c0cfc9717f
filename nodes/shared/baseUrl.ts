import { CredentialConfigError } from './credentialConfigError';
import { attempt } from './attempt';
import { BoundedMap } from './transport/boundedMap';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin requests go to: https, or plain http only to this machine (the local sandbox). Returned as the
 * URL's origin, so that "https://API.mch.weixin.qq.com/" and "https://api.mch.weixin.qq.com" are one host.
 */
export function parseBaseUrl(baseUrl: string, fieldName = 'Base URL'): URL {
	const parsed = attempt(() => new URL(baseUrl));
	if (!parsed.ok) {
		throw new CredentialConfigError(`The ${fieldName} "${baseUrl.slice(0, 100)}" is not a URL: use e.g. https://api.mch.weixin.qq.com`);
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

/**
 * A credential is read, and its URLs checked, for every item (n8n hands over a fresh copy each time), and a request
 * names its base URL again: the few URL texts a process sees are parsed once, not per item. Only what passed its
 * check is remembered; a text that fails is checked (and refused with the field's name) every time.
 */
const checkedOrigins = new BoundedMap<string, string>(64);
const origins = new BoundedMap<string, string>(64);
/** Longer texts are not URLs anyone means; they are checked every time and never kept. */
const REMEMBERED_LENGTH = 512;

/** parseBaseUrl(baseUrl).origin, remembered per text. Throws as parseBaseUrl does. */
export function checkedOrigin(baseUrl: string, fieldName = 'Base URL'): string {
	let origin = checkedOrigins.get(baseUrl);
	if (origin === undefined) {
		origin = parseBaseUrl(baseUrl, fieldName).origin;
		if (baseUrl.length <= REMEMBERED_LENGTH) checkedOrigins.set(baseUrl, origin);
	}
	return origin;
}

/**
 * The origin of a bare-origin URL text ("https://API.mch.weixin.qq.com/" → "https://api.mch.weixin.qq.com"), or
 * the text itself when it is anything else (the account check then names what is wrong with it).
 */
export function originOf(text: string): string {
	let origin = origins.get(text);
	if (origin === undefined) {
		origin = parseOrigin(text);
		if (text.length <= REMEMBERED_LENGTH) origins.set(text, origin);
	}
	return origin;
}

function parseOrigin(text: string): string {
	const parsed = attempt(() => new URL(text));
	if (!parsed.ok) return text;
	const url = parsed.value;
	const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && url.origin !== 'null';
	return bare ? url.origin : text;
}
