// @ts-check
'use strict';
/**
 * Sandbox accounts: service providers (mchid) and brands (brand_id), each with its own merchant/brand API key
 * (the sandbox keeps only the public half + certificate serial) and its WeChat Pay key(s) (the sandbox keeps the
 * private half to sign responses and callbacks).
 */
const { generateRsaKeyPair, randomSerialHex, privateKeyPem, publicKeyPem, selfSignedCertificate } = require('./keys');
const { randomAlnum, randomDigits, SCHEME_PARTNER, SCHEME_BRAND } = require('./signing');

/**
 * @typedef {'serviceProvider' | 'brand'} AccountType
 * @typedef {'publicKey' | 'platformCertificate' | 'both'} KeyMode
 * @typedef {{ accountType: AccountType, merchantId?: string, brandId?: string, certificateSerialNumber: string,
 *   privateKey: string, wechatPayPublicKeyId: string, wechatPayPublicKey: string, platformCertificates: string,
 *   apiV3Key: string, baseUrl: string }} Credential
 * @typedef {{ id: string, accountType: AccountType, keyMode: KeyMode,
 *   merchantSerial: string, merchantPublicKey: import('crypto').KeyObject,
 *   publicKeyId: string, publicKeySigner: import('crypto').KeyObject | null,
 *   platformSerial: string, platformSigner: import('crypto').KeyObject | null,
 *   signWith: 'publicKey' | 'platformCertificate', apiV3Key: string,
 *   notifyUrl: string | null, updateTime: string | null,
 *   faultQueue: Array<{ fault: string, slowMs?: number }>, faultRate: number, faultList: string[], rng: (() => number) | null,
 *   rateWindows: Record<import('./router').RateClass, number[]>, credential: Credential }} Account
 */

const DAY_MS = 24 * 3600 * 1000;

class AccountRegistry {
	/** @param {{ now: () => number, baseUrl: string }} o */
	constructor(o) {
		this.now = o.now;
		this.baseUrl = o.baseUrl;
		/** @type {Map<string, Account>} */
		this.byId = new Map();
		this.nextMerchantId = 1900000101;
		this.nextBrandId = 120344;
	}

	/**
	 * @param {{ accountType: AccountType, keyMode?: KeyMode }} options
	 * @returns {Credential}
	 */
	create(options) {
		const accountType = options && options.accountType;
		const keyMode = (options && options.keyMode) || 'publicKey';
		if (accountType !== 'serviceProvider' && accountType !== 'brand') throw new Error(`createAccount: unknown accountType ${accountType}`);
		if (!['publicKey', 'platformCertificate', 'both'].includes(keyMode)) throw new Error(`createAccount: unknown keyMode ${keyMode}`);
		if (accountType === 'brand' && keyMode !== 'publicKey') throw new Error('createAccount: brands have public-key mode only (no platform certificates)');

		const id = accountType === 'brand' ? String(this.nextBrandId++) : String(this.nextMerchantId++);
		const merchant = generateRsaKeyPair();
		const merchantSerial = randomSerialHex();
		const usesPublicKey = keyMode !== 'platformCertificate';
		const usesCertificate = keyMode !== 'publicKey';
		const wechatPayKey = usesPublicKey ? generateRsaKeyPair() : null;
		const platformKey = usesCertificate ? generateRsaKeyPair() : null;
		const publicKeyId = usesPublicKey ? `PUB_KEY_ID_01${id}${randomDigits(26 - id.length)}` : '';
		const platformSerial = usesCertificate ? randomSerialHex() : '';
		const nowMs = this.now();
		const certificatePem = platformKey
			? selfSignedCertificate({ ...platformKey, serialHex: platformSerial, notBefore: new Date(nowMs - DAY_MS), notAfter: new Date(nowMs + 5 * 365 * DAY_MS) })
			: '';

		/** @type {Credential} */
		const credential = {
			accountType,
			...(accountType === 'brand' ? { brandId: id } : { merchantId: id }),
			certificateSerialNumber: merchantSerial,
			privateKey: privateKeyPem(merchant.privateKey),
			wechatPayPublicKeyId: publicKeyId,
			wechatPayPublicKey: wechatPayKey ? publicKeyPem(wechatPayKey.publicKey) : '',
			platformCertificates: certificatePem,
			apiV3Key: randomAlnum(32),
			baseUrl: this.baseUrl,
		};
		/** @type {Account} */
		const account = {
			id,
			accountType,
			keyMode,
			merchantSerial,
			merchantPublicKey: merchant.publicKey,
			publicKeyId,
			publicKeySigner: wechatPayKey ? wechatPayKey.privateKey : null,
			platformSerial,
			platformSigner: platformKey ? platformKey.privateKey : null,
			// In 'both' mode WeChat Pay signs with the public key; set to 'platformCertificate' to test the other branch.
			signWith: usesPublicKey ? 'publicKey' : 'platformCertificate',
			apiV3Key: credential.apiV3Key,
			notifyUrl: null,
			updateTime: null,
			faultQueue: [],
			faultRate: 0,
			faultList: [],
			rng: null,
			// accepted requests of the last second, per endpoint class (20/s management, 500/s user coupons)
			rateWindows: { management: [], userCoupon: [] },
			credential,
		};
		this.byId.set(id, account);
		return credential;
	}

	/** @param {AccountType} accountType @param {string} id @returns {Account | undefined} */
	find(accountType, id) {
		const account = this.byId.get(id);
		return account && account.accountType === accountType ? account : undefined;
	}

	/** @param {Partial<Credential> | string} credOrId @returns {Account} */
	resolve(credOrId) {
		const id = typeof credOrId === 'string' ? credOrId : credOrId && (credOrId.merchantId || credOrId.brandId);
		const account = id ? this.byId.get(id) : undefined;
		if (!account) throw new Error(`sandbox: unknown account ${JSON.stringify(id)}`);
		return account;
	}
}

/**
 * The key WeChat Pay signs this account's responses and callbacks with.
 * @param {Account} account
 * @returns {{ serial: string, privateKey: import('crypto').KeyObject, signatureType: string }}
 */
function wechatPaySigner(account) {
	const signatureType = account.accountType === 'brand' ? SCHEME_BRAND : SCHEME_PARTNER;
	if (account.signWith === 'platformCertificate' && account.platformSigner) {
		return { serial: account.platformSerial, privateKey: account.platformSigner, signatureType };
	}
	if (!account.publicKeySigner) throw new Error(`sandbox: account ${account.id} has no WeChat Pay public key`);
	return { serial: account.publicKeyId, privateKey: account.publicKeySigner, signatureType };
}

module.exports = { AccountRegistry, wechatPaySigner };
