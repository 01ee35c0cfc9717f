import { readAccount } from '../../nodes/shared/account';
import { readCheckedAccount } from '../../nodes/shared/checkedAccount';

const base = { merchantId: '1900000109', certificateSerialNumber: 'AB', privateKey: 'k' };

describe('the backup host', () => {
	it('defaults to WeChat Pay\'s second host behind the official primary', () => {
		expect(readAccount(base).backupBaseUrl).toBe('https://api2.mch.weixin.qq.com');
		expect(readAccount({ ...base, backupBaseUrl: 'https://api2.mch.weixin.qq.com' }).backupBaseUrl).toBe('https://api2.mch.weixin.qq.com');
	});

	it('never routes around a proxy or sandbox Base URL by default', () => {
		const proxy = { ...base, baseUrl: 'https://wxpay-proxy.example.com' };
		expect(readAccount(proxy).backupBaseUrl).toBe('');
		expect(readAccount({ ...proxy, backupBaseUrl: 'https://api2.mch.weixin.qq.com' }).backupBaseUrl).toBe('');
		expect(readAccount({ ...proxy, backupBaseUrl: 'https://wxpay-proxy-2.example.com' }).backupBaseUrl).toBe('https://wxpay-proxy-2.example.com');
	});

	it('is none when left empty, or when the switch is off', () => {
		expect(readAccount({ ...base, backupBaseUrl: '' }).backupBaseUrl).toBe('');
		expect(readAccount({ ...base, useBackupHost: false, backupBaseUrl: 'https://api2.mch.weixin.qq.com' }).backupBaseUrl).toBe('');
		expect(readAccount({ ...base, useBackupHost: true }).backupBaseUrl).toBe('https://api2.mch.weixin.qq.com');
	});
});

describe('the account fields', () => {
	it('name the missing field', () => {
		expect(() => readCheckedAccount({ certificateSerialNumber: 'AB' })).toThrow(/no Merchant ID/);
		expect(() => readCheckedAccount({ accountType: 'brand', merchantId: '1', certificateSerialNumber: 'AB' })).toThrow(/no Brand ID/);
		expect(() => readCheckedAccount({ merchantId: '1' })).toThrow(/no Certificate Serial Number/);
	});

	it('pick the scheme and path by account type', () => {
		expect(readAccount(base).scheme).toMatchObject({ schemeWord: 'WECHATPAY2-SHA256-RSA2048', idField: 'mchid' });
		expect(readAccount({ ...base, accountType: 'brand', brandId: '120344' }).scheme).toMatchObject({
			schemeWord: 'WECHATPAY-BRAND-SHA256-RSA2048',
			idField: 'brand_id',
			notifyConfigPath: '/brand/marketing/product-coupon/notify-configs',
		});
	});
});
