import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** What differs between a service provider (服务商) and a brand (品牌方) account. */
export type AccountType = 'serviceProvider' | 'brand';

export interface AccountScheme {
	/** The word that opens the Authorization header, also the expected Wechatpay-Signature-Type. */
	schemeWord: 'WECHATPAY2-SHA256-RSA2048' | 'WECHATPAY-BRAND-SHA256-RSA2048';
	/** The Authorization field that carries the account id. */
	idField: 'mchid' | 'brand_id';
	/** Path of the product coupon notify-config endpoints for this account type. */
	notifyConfigPath: string;
}

export const ACCOUNT_SCHEMES: Record<AccountType, AccountScheme> = {
	serviceProvider: {
		schemeWord: 'WECHATPAY2-SHA256-RSA2048',
		idField: 'mchid',
		notifyConfigPath: '/v3/marketing/partner/product-coupon/notify-configs',
	},
	brand: {
		schemeWord: 'WECHATPAY-BRAND-SHA256-RSA2048',
		idField: 'brand_id',
		notifyConfigPath: '/brand/marketing/product-coupon/notify-configs',
	},
};

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
export const DEFAULT_BACKUP_BASE_URL = 'https://api2.mch.weixin.qq.com';

/** The credential's fields, trimmed, as the signer, transport and trigger use them. */
export interface WeChatPayAccount {
	accountType: AccountType;
	scheme: AccountScheme;
	/** mchid or brand_id. */
	accountId: string;
	certificateSerialNumber: string;
	privateKey: string;
	wechatPayPublicKeyId: string;
	wechatPayPublicKey: string;
	platformCertificates: string;
	apiV3Key: string;
	baseUrl: string;
	backupBaseUrl: string;
}

/** Thrown for a credential that cannot work as filled in; the message names the field, never its value. */
export class CredentialConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigError';
	}
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * One account per credentials object: n8n hands the same object to every attempt of an item (and to the
 * credential's authenticate), so the fields are read, and the keys parsed, once per item, not per request.
 */
const accounts = new WeakMap<ICredentialDataDecryptedObject, WeChatPayAccount>();

export function readAccount(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	let account = accounts.get(credentials);
	if (!account) {
		account = buildAccount(credentials);
		accounts.set(credentials, account);
	}
	return account;
}

function buildAccount(credentials: ICredentialDataDecryptedObject): WeChatPayAccount {
	const accountType: AccountType = credentials.accountType === 'brand' ? 'brand' : 'serviceProvider';
	const accountId = text(accountType === 'brand' ? credentials.brandId : credentials.merchantId);
	if (!accountId) {
		throw new CredentialConfigError(
			accountType === 'brand'
				? 'The credential has no Brand ID: enter the brand_id shown in the brand merchant platform (品牌经营平台)'
				: 'The credential has no Merchant ID: enter the service provider mchid shown in the merchant platform (商户平台) under Account Center',
		);
	}
	const certificateSerialNumber = text(credentials.certificateSerialNumber);
	if (!certificateSerialNumber) {
		throw new CredentialConfigError(
			'The credential has no Certificate Serial Number: enter the serial of your own API certificate (Account Center → API Security → API certificate → View certificate)',
		);
	}
	const baseUrl = text(credentials.baseUrl) || DEFAULT_BASE_URL;
	const backupBaseUrl =
		credentials.useBackupHost === false
			? ''
			: credentials.backupBaseUrl === undefined
				? DEFAULT_BACKUP_BASE_URL
				: text(credentials.backupBaseUrl);
	return {
		accountType,
		scheme: ACCOUNT_SCHEMES[accountType],
		accountId,
		certificateSerialNumber,
		privateKey: typeof credentials.privateKey === 'string' ? credentials.privateKey : '',
		wechatPayPublicKeyId: text(credentials.wechatPayPublicKeyId),
		wechatPayPublicKey: typeof credentials.wechatPayPublicKey === 'string' ? credentials.wechatPayPublicKey : '',
		platformCertificates:
			typeof credentials.platformCertificates === 'string' ? credentials.platformCertificates : '',
		apiV3Key: typeof credentials.apiV3Key === 'string' ? credentials.apiV3Key.trim() : '',
		baseUrl,
		// The default backup is WeChat Pay's own second host: a proxy or sandbox Base URL is never bypassed by it.
		backupBaseUrl: baseUrl !== DEFAULT_BASE_URL && backupBaseUrl === DEFAULT_BACKUP_BASE_URL ? '' : backupBaseUrl,
	};
}
