import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { KeyObject } from 'crypto';

import { originOf } from './baseUrl';
import type { VerificationKeys } from './crypto/verificationKeys';

export { CredentialConfigError } from './credentialConfigError';

/** What differs between a service provider (服务商) and a brand (品牌方) account. */
export type AccountType = 'serviceProvider' | 'brand';

export interface AccountScheme {
	/** The word that opens the Authorization header, also the expected Wechatpay-Signature-Type. */
	schemeWord: 'WECHATPAY2-SHA256-RSA2048' | 'WECHATPAY-BRAND-SHA256-RSA2048';
	/** The Authorization field that carries the account id. */
	idField: 'mchid' | 'brand_id';
	/** Where the product coupon (商品券) endpoints of this account type live. */
	productCouponPrefix: string;
	/** Path of the product coupon notify-config endpoints for this account type. */
	notifyConfigPath: string;
}

const scheme = (schemeWord: AccountScheme['schemeWord'], idField: AccountScheme['idField'], productCouponPrefix: string): AccountScheme => ({
	schemeWord,
	idField,
	productCouponPrefix,
	notifyConfigPath: `${productCouponPrefix}/notify-configs`,
});

export const ACCOUNT_SCHEMES: Record<AccountType, AccountScheme> = {
	serviceProvider: scheme('WECHATPAY2-SHA256-RSA2048', 'mchid', '/v3/marketing/partner/product-coupon'),
	brand: scheme('WECHATPAY-BRAND-SHA256-RSA2048', 'brand_id', '/brand/marketing/product-coupon'),
};

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
export const DEFAULT_BACKUP_BASE_URL = 'https://api2.mch.weixin.qq.com';

/** Keys parsed from the account's fields, filled in on first use (see crypto/). */
export interface ParsedKeys {
	signing?: KeyObject;
	verification?: VerificationKeys;
	apiV3?: Buffer;
	/** Set once every field the nodes need has passed its check. */
	checked?: true;
}

/** The credential's fields, trimmed, as the signer, transport and trigger use them. */
export interface WeChatPayAccount {
	accountType: AccountType;
	scheme: AccountScheme;
	/** mchid or brand_id; '' when missing (the node's check names it; the trigger does not need it). */
	accountId: string;
	certificateSerialNumber: string;
	privateKey: string;
	wechatPayPublicKeyId: string;
	wechatPayPublicKey: string;
	platformCertificates: string;
	apiV3Key: string;
	/** Origins, so that one host written two ways is one host. */
	baseUrl: string;
	backupBaseUrl: string;
	/** The one cache of this account's parsed keys and checks. */
	readonly keys: ParsedKeys;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const raw = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One account per credentials object: n8n hands the same object to every attempt of an item (and to the
 * credential's authenticate), so the fields are read, and the keys parsed, once per item, not per request.
 */
const accounts = new WeakMap<ICredentialDataDecryptedObject, WeChatPayAccount>();

/** The fields as filled in; never throws (checks are checkedAccount's, so the trigger can verify first). */
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
	const baseUrl = originOf(text(credentials.baseUrl) || DEFAULT_BASE_URL);
	const backupBaseUrl =
		credentials.useBackupHost === false
			? ''
			: credentials.backupBaseUrl === undefined
				? DEFAULT_BACKUP_BASE_URL
				: originOf(text(credentials.backupBaseUrl));
	return {
		accountType,
		scheme: ACCOUNT_SCHEMES[accountType],
		accountId: text(accountType === 'brand' ? credentials.brandId : credentials.merchantId),
		certificateSerialNumber: text(credentials.certificateSerialNumber),
		privateKey: raw(credentials.privateKey),
		wechatPayPublicKeyId: text(credentials.wechatPayPublicKeyId),
		wechatPayPublicKey: raw(credentials.wechatPayPublicKey),
		platformCertificates: accountType === 'brand' ? '' : raw(credentials.platformCertificates),
		apiV3Key: text(credentials.apiV3Key),
		baseUrl,
		// The default backup is WeChat Pay's own second host: a proxy or sandbox Base URL is never bypassed by it.
		backupBaseUrl: baseUrl !== DEFAULT_BASE_URL && backupBaseUrl === DEFAULT_BACKUP_BASE_URL ? '' : backupBaseUrl,
		keys: {},
	};
}
