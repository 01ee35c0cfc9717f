/** WeChat Pay's limit for notify_url, in characters. */
export const MAX_NOTIFY_URL_LENGTH = 256;

function isPrivateIPv4(address: string): boolean {
	const [a, b] = address.split('.').map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		a >= 224 // multicast, reserved, broadcast
	);
}

function isPrivateIPv6(address: string): boolean {
	const lower = address.toLowerCase();
	if (lower === '::' || lower === '::1') return true;
	// IPv4-mapped (::ffff:) and NAT64 (64:ff9b::) addresses, which the URL parser writes as …:xxxx:yyyy.
	const mapped = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
	if (mapped) {
		const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
		return isPrivateIPv4([high >> 8, high & 255, low >> 8, low & 255].join('.'));
	}
	return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower); // fc00::/7 unique local, fe80::/10 link local
}

function isLocalHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
	if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host)) return true;
	// The URL parser has already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal.
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return isPrivateIPv4(host);
	if (hostname.startsWith('[')) return isPrivateIPv6(host);
	return !host.includes('.'); // a bare intranet name cannot be reached from WeChat Pay
}

/** Whether the text holds a C0 control character or DEL (written as a loop: lint forbids them in patterns). */
export function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * The problem with a notify URL, in words a user can act on, or undefined when WeChat Pay will accept it.
 * Mirrors WeChat Pay's rules so that a bad URL never costs a request.
 */
export function notifyUrlProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		return 'The notify URL is empty: enter the https:// address that should receive product coupon events';
	}
	if (value !== value.trim()) return 'The notify URL starts or ends with spaces: remove them';
	// The text is sent as typed, so it is checked as typed: the URL parser below would quietly repair it.
	if (/[\s\\]/.test(value) || hasControlCharacter(value)) {
		return 'The notify URL contains a space, a backslash or a control character: WeChat Pay refuses it';
	}
	if (!value.startsWith('https://')) return 'The notify URL must start with https:// (WeChat Pay only calls HTTPS addresses)';
	if (value.length > MAX_NOTIFY_URL_LENGTH) {
		return `The notify URL is ${value.length} characters long; WeChat Pay accepts at most ${MAX_NOTIFY_URL_LENGTH}: use a shorter address`;
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `The notify URL "${value}" is not an absolute URL: use e.g. https://example.com/wechatpay/events`;
	}
	if (url.username || url.password) return 'The notify URL must not contain a user name or password';
	if (value.includes('?')) return 'The notify URL must not have a query string (the part after "?"): WeChat Pay refuses it';
	if (value.includes('#')) return 'The notify URL must not have a fragment (the part after "#")';
	if (isLocalHost(url.hostname)) {
		return `The notify URL host "${url.hostname}" is local or on a private network, which WeChat Pay cannot reach: use your public n8n address (the WeChat Pay Trigger's production URL)`;
	}
	return undefined;
}
