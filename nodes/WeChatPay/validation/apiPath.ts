import { hasControlCharacter } from './notifyUrl';

/** Characters a path may carry as they are: the URL parser leaves them unchanged, so what is signed is what is sent. */
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * The path and query to call, from what the user gave (a path, or a full URL on one of the credential's hosts),
 * or the problem with it in words that say what to fix.
 */
export function readApiPath(value: string, allowedOrigins: string[]): { pathAndQuery: string } | { problem: string } {
	if (value === '') return { problem: 'is empty: give an APIv3 path such as /v3/pay/transactions/out-trade-no/…' };
	if (value !== value.trim()) return { problem: 'starts or ends with spaces: remove them' };
	if (/\s/.test(value) || hasControlCharacter(value)) return { problem: 'contains a space or a control character: percent-encode it (e.g. %20)' };
	let pathAndQuery = value;
	if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			return { problem: 'is not a URL' };
		}
		if (!allowedOrigins.includes(url.origin)) {
			return { problem: `is on ${url.origin}, not the credential's Base URL (${allowedOrigins.join(' or ')}): only WeChat Pay's own host is called, signed` };
		}
		if (url.username || url.password) return { problem: 'must not carry a user name or password' };
		pathAndQuery = value.slice(url.origin.length);
	}
	if (!pathAndQuery.startsWith('/v3/') && !pathAndQuery.startsWith('/brand/')) {
		return { problem: `is ${JSON.stringify(pathAndQuery.slice(0, 60))}: an APIv3 path starts with /v3/ or /brand/` };
	}
	if (pathAndQuery.includes('#')) return { problem: 'has a fragment (#…): leave it out, it is never sent' };
	if (pathAndQuery.includes('..')) return { problem: 'contains "..": give the path as it is, without dot segments' };
	const [path, query] = splitOnce(pathAndQuery, '?');
	if (!PATH.test(path) || (query !== undefined && !QUERY.test(query))) {
		return { problem: 'has a character that would be sent differently from how it is signed (non-ASCII, quotes, brackets …): percent-encode it' };
	}
	if (BAD_ESCAPE.test(pathAndQuery)) return { problem: 'has a "%" that does not start a percent-escape (%XX): write it as %25' };
	return { pathAndQuery };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const at = text.indexOf(separator);
	return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** WeChat Pay's documented unsigned downloads (apiv3 doc §5): their answers carry no signature. */
export function isUnsignedDownload(method: string, pathAndQuery: string): boolean {
	const path = pathAndQuery.split('?')[0];
	return method === 'GET' && (path === '/v3/billdownload/file' || /^\/v3\/merchant-service\/images\/[^/]+$/.test(path));
}
