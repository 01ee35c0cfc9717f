import { notifyUrlProblem } from '../../nodes/WeChatPay/validation/notifyUrl';

const accepted = [
	'https://n8n.example.com/webhook/3f2a/wechatpay',
	'https://example.com',
	'https://例子.中国/回调',
	'https://hooks.example.com:8443/wx',
	`https://example.com/${'a'.repeat(256 - 'https://example.com/'.length)}`,
];

const refused: Array<[string, unknown, RegExp]> = [
	['empty', '', /empty/],
	['not a string', 42, /empty/],
	['spaces around', ' https://example.com/x ', /spaces/],
	['too long (257)', `https://example.com/${'a'.repeat(257 - 'https://example.com/'.length)}`, /257 characters .* at most 256/],
	['relative', '/webhook/x', /must start with https:\/\//],
	['https without slashes (the URL parser would repair it)', 'https:example.com/wx', /must start with https:\/\//],
	['upper-case scheme', 'HTTPS://example.com/wx', /must start with https:\/\//],
	['backslashes', 'https:\\\\example.com\\wx', /backslash/],
	['a space inside', 'https://example.com/w x', /space/],
	['a tab inside', 'https://example.com/w\tx', /control character|space/],
	['no host', 'https://', /not an absolute URL/],
	['NAT64 of 127.0.0.1', 'https://[64:ff9b::7f00:1]/x', /private network/],
	['multicast', 'https://224.0.0.1/x', /private network/],
	['.internal', 'https://n8n.corp.internal/x', /private network/],
	['http', 'http://example.com/x', /must start with https:\/\//],
	['ftp', 'ftp://example.com/x', /must start with https:\/\//],
	['query string', 'https://example.com/x?a=1', /query string/],
	['empty query', 'https://example.com/x?', /query string/],
	['fragment', 'https://example.com/x#top', /fragment/],
	['user info', 'https://user:pw@example.com/x', /user name or password/],
	['localhost', 'https://localhost/x', /local or on a private network/],
	['sub.localhost', 'https://n8n.localhost/x', /private network/],
	['127.0.0.1', 'https://127.0.0.1/x', /private network/],
	['10.x', 'https://10.1.2.3/x', /private network/],
	['172.16.x', 'https://172.16.0.1/x', /private network/],
	['172.31.x', 'https://172.31.255.1/x', /private network/],
	['192.168.x', 'https://192.168.1.10/x', /private network/],
	['169.254.x', 'https://169.254.169.254/latest', /private network/],
	['0.0.0.0', 'https://0.0.0.0/x', /private network/],
	['::1', 'https://[::1]/x', /private network/],
	['fd00::', 'https://[fd00::1]/x', /private network/],
	['fe80::', 'https://[fe80::1]/x', /private network/],
	['IPv4-mapped private', 'https://[::ffff:192.168.0.1]/x', /private network/],
	['.local', 'https://printer.local/x', /private network/],
	['bare intranet name', 'https://n8n/x', /private network/],
];

describe('notify URL validation', () => {
	it.each(accepted)('accepts %s', (url) => expect(notifyUrlProblem(url)).toBeUndefined());
	it.each(refused)('refuses %s with a message that says what to fix', (_, url, message) => {
		expect(notifyUrlProblem(url)).toMatch(message);
	});
	it('accepts public addresses that merely look close to private ranges', () => {
		expect(notifyUrlProblem('https://172.32.0.1/x')).toBeUndefined();
		expect(notifyUrlProblem('https://11.0.0.1/x')).toBeUndefined();
	});
});
