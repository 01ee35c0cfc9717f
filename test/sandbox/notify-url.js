// @ts-check
'use strict';
/**
 * notify_url rules of the product coupon notify-config endpoints (doc §1): at most 256 characters, https://,
 * no query string, plus what WeChat Pay refuses in practice: no fragment, no userinfo, no whitespace/control
 * characters, and no localhost / private / link-local / unspecified hosts.
 */

const MAX_LENGTH = 256;

/** @param {string} host dotted quad @returns {number[] | null} */
function ipv4Octets(host) {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!m) return null;
	const octets = m.slice(1).map(Number);
	return octets.every((o) => o <= 255) ? octets : null;
}

/** @param {number[]} o @returns {string | null} */
function privateIpv4Reason(o) {
	if (o[0] === 0) return 'unspecified address (0.0.0.0/8)';
	if (o[0] === 127) return 'loopback address (127.0.0.0/8)';
	if (o[0] === 10) return 'private address (10.0.0.0/8)';
	if (o[0] === 172 && o[1] >= 16 && o[1] <= 31) return 'private address (172.16.0.0/12)';
	if (o[0] === 192 && o[1] === 168) return 'private address (192.168.0.0/16)';
	if (o[0] === 169 && o[1] === 254) return 'link-local address (169.254.0.0/16)';
	return null;
}

/** @param {string} host WHATWG-normalised IPv6 without brackets @returns {string | null} */
function privateIpv6Reason(host) {
	const h = host.toLowerCase();
	if (h === '::1') return 'loopback address (::1)';
	if (h === '::') return 'unspecified address (::)';
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
	if (mapped) {
		const hi = parseInt(mapped[1], 16);
		const lo = parseInt(mapped[2], 16);
		const reason = privateIpv4Reason([hi >> 8, hi & 255, lo >> 8, lo & 255]);
		if (reason) return `IPv4-mapped ${reason}`;
	}
	const first = parseInt(h.split(':')[0] || '0', 16);
	if ((first & 0xfe00) === 0xfc00) return 'unique local address (fc00::/7)';
	if ((first & 0xffc0) === 0xfe80) return 'link-local address (fe80::/10)';
	return null;
}

/**
 * @param {unknown} value
 * @returns {string | null} null when acceptable, otherwise the problem (English)
 */
function notifyUrlProblem(value) {
	if (typeof value !== 'string') return 'notify_url must be a string';
	if (value.length === 0) return 'notify_url is empty';
	if (value.length > MAX_LENGTH) return `notify_url is longer than ${MAX_LENGTH} characters`;
	if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'notify_url contains whitespace or control characters';
	if (!value.startsWith('https://')) return 'notify_url must start with https://';
	if (value.includes('?')) return 'notify_url must not carry a query string';
	if (value.includes('#')) return 'notify_url must not carry a fragment';
	if (value.includes('\\')) return 'notify_url must not contain backslashes';
	const authority = value.slice('https://'.length).split('/')[0];
	if (authority === '') return 'notify_url has no host';
	if (authority.includes('@')) return 'notify_url must not carry user info';
	/** @type {URL} */
	let url;
	try {
		url = new URL(value);
	} catch {
		return 'notify_url is not a valid URL';
	}
	const host = url.hostname;
	if (!host) return 'notify_url has no host';
	if (host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.') return 'notify_url host is localhost';
	const v4 = ipv4Octets(host);
	if (v4) {
		const reason = privateIpv4Reason(v4);
		if (reason) return `notify_url host is not public: ${reason}`;
	}
	if (host.startsWith('[')) {
		const reason = privateIpv6Reason(host.slice(1, -1));
		if (reason) return `notify_url host is not public: ${reason}`;
	}
	return null;
}

module.exports = { notifyUrlProblem, MAX_LENGTH };
