import { CredentialConfigError } from './credentialConfigError';
import { attempt } from './attempt';

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
 * The origin of a bare-origin URL text ("https://API.mch.weixin.qq.com/" → "https://api.mch.weixin.qq.com"), or
 * the text itself when it is anything else (the account check then names what is wrong with it).
 */
export function originOf(text: string): string {
	const parsed = attempt(() => new URL(text));
	if (!parsed.ok) return text;
	const url = parsed.value;
	const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && url.origin !== 'null';
	return bare ? url.origin : text;
}
