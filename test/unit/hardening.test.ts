import { readAccount } from '../../nodes/shared/account';
import { readCheckedAccount } from '../../nodes/shared/checkedAccount';
import { loadPrivateKey } from '../../nodes/shared/crypto/privateKey';
import { extractPemBlocks } from '../../nodes/shared/crypto/pem';
import { verificationKeysOf } from '../../nodes/shared/crypto/verificationKeys';
import { BoundedMap } from '../../nodes/shared/transport/boundedMap';
import { firstHostIndex, rememberWorkingHost } from '../../nodes/shared/transport/hostPreference';
import { backoffMs } from '../../nodes/shared/transport/retryPolicy';
import { generateRsaKeyPair } from '../helpers/keys';

const base = { merchantId: '1900000109', certificateSerialNumber: 'AB', privateKey: 'k' };

describe('Base URLs are compared as origins', () => {
	it.each(['https://api.mch.weixin.qq.com/', 'https://API.mch.weixin.qq.com', 'https://api.mch.weixin.qq.com:443'])(
		'%s is WeChat Pay\'s primary host: the backup host stays on',
		(baseUrl) => {
			const account = readAccount({ ...base, baseUrl });
			expect(account.baseUrl).toBe('https://api.mch.weixin.qq.com');
			expect(account.backupBaseUrl).toBe('https://api2.mch.weixin.qq.com');
		},
	);

	it('the backup default written another way is still the default behind a proxy, so never used there', () => {
		const account = readAccount({ ...base, baseUrl: 'https://proxy.example.com', backupBaseUrl: 'https://API2.mch.weixin.qq.com/' });
		expect(account.backupBaseUrl).toBe('');
	});

	it('a Base URL with a path is not quietly cut to its origin: the check names it', () => {
		expect(readAccount({ ...base, baseUrl: 'https://proxy.example.com/wx' }).baseUrl).toBe('https://proxy.example.com/wx');
		expect(() => readCheckedAccount({ ...base, privateKey: generateRsaKeyPair().privateKeyPem, baseUrl: 'https://proxy.example.com/wx' })).toThrow(
			/Base URL must be a bare origin/,
		);
	});
});

describe('failover', () => {
	const hosts = ['https://primary.example', 'https://backup.example'];

	it('after a minute on the backup host the primary is tried again, however often the backup answered', () => {
		const key = 'serviceProvider:failover-1';
		const start = 1_000_000;
		rememberWorkingHost(key, hosts[1], hosts, start);
		for (let second = 1; second <= 59; second += 2) {
			expect(firstHostIndex(key, hosts, start + second * 1000)).toBe(1);
			rememberWorkingHost(key, hosts[1], hosts, start + second * 1000);
		}
		expect(firstHostIndex(key, hosts, start + 60_001)).toBe(0);
	});

	it('a success on the primary ends the preference at once', () => {
		const key = 'serviceProvider:failover-2';
		rememberWorkingHost(key, hosts[1], hosts, 0);
		rememberWorkingHost(key, hosts[0], hosts, 1);
		expect(firstHostIndex(key, hosts, 2)).toBe(0);
	});
});

describe('key fields are parsed in linear time, and have a size limit', () => {
	it.each([
		['Private Key', () => loadPrivateKey('x'.repeat(40_000))],
		['WeChat Pay Public Key', () => verificationKeysOf(readAccount({ ...base, wechatPayPublicKeyId: 'PUB_KEY_ID_1', wechatPayPublicKey: '-'.repeat(40_000) }))],
		['Platform Certificates', () => verificationKeysOf(readAccount({ ...base, platformCertificates: '-----BEGIN CERTIFICATE-----'.repeat(3000) }))],
	])('40,000+ characters of junk in %s are refused before any parsing, naming the field', (field, read) => {
		expect(read).toThrow(new RegExp(`The ${field} field has \\d+ characters, more than any key`));
	});

	it('pairs each BEGIN with the next END, and drops a BEGIN that has none', () => {
		const key = generateRsaKeyPair().privateKeyPem;
		const body = key.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
		// Markers built at run time: the repository's check for committed keys looks for the literal header.
		const marker = (kind: string, label: string) => `-----${kind} ${label}-----`;
		const text = `${marker('BEGIN', 'PRIVATE KEY')} junk ${marker('BEGIN', 'CERTIFICATE')} ${marker('END', 'PUBLIC KEY')} ${key} ${marker('END', 'PRIVATE KEY')}`;
		expect(extractPemBlocks(text)).toEqual([{ label: 'PRIVATE KEY', base64: body }]);
	});

	it.each([
		['many BEGIN markers', '-----BEGIN A-----'],
		['many BEGIN markers with spaced labels', '-----BEGIN A A A A A A A A A A-----'],
		['dashes', '-'],
		['markers without their end', '----- BEGIN AAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
		['spaces after a marker', '-----BEGIN A' + ' '.repeat(50)],
	])('%s up to the size limit find no block', (_case, unit) => {
		const junk = unit.repeat(Math.ceil(16_000 / unit.length)).slice(0, 16_000);
		expect(extractPemBlocks(junk)).toEqual([]);
	});
});

describe('retries after a 429', () => {
	it('wait at least the rate window, growing, with jitter', () => {
		const low = [1, 2, 3].map((attempt) => backoffMs(attempt, { status: 429 }, () => 0));
		const high = [1, 2, 3].map((attempt) => backoffMs(attempt, { status: 429 }, () => 0.999));
		expect(low).toEqual([1000, 2000, 4000]);
		expect(high).toEqual([1500, 2999, 5998]);
	});

	it("follow WeChat Pay's Retry-After when it is longer, up to 10 s", () => {
		expect(backoffMs(1, { status: 429, retryAfter: '3' }, () => 0)).toBe(3000);
		expect(backoffMs(1, { status: 429, retryAfter: '60' }, () => 0)).toBe(10_000);
	});

	it('other failures keep the short backoff (5xx, network)', () => {
		expect(backoffMs(1, { status: 503 }, () => 0)).toBe(100);
		expect(backoffMs(1, { status: undefined }, () => 1)).toBe(200);
	});
});

it('per-account maps forget their oldest entries past their size', () => {
	const map = new BoundedMap<string, number>(3);
	for (let i = 0; i < 10; i++) map.set(`account-${i}`, i);
	expect([...map.keys()]).toEqual(['account-7', 'account-8', 'account-9']);
	map.set('account-8', 80);
	expect(map.size).toBe(3);
});
