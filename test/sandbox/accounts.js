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
 *   platformCertificates: PlatformCertificate[],
 *   signWith: 'publicKey' | 'platformCertificate', apiV3Key: string,
 *   notifyUrl: string | null, updateTime: string | null,
 *   faultQueue: Array<{ fault: string, slowMs?: number }>, faultRate: number, faultList: string[], rng: (() => number) | null,
 *   rateWindows: Partial<Record<import('./router').RateClass, number[]>>, credential: Credential }} Account
 *   platformSerial / platformSigner: the ACTIVE platform certificate (the one answers and callbacks are signed with);
 *   platformCertificates: every platform certificate of the account, oldest first (GET /v3/certificates lists them)
 * @typedef {{ serial: string, pem: string, signer: import('crypto').KeyObject, notBeforeMs: number, notAfterMs: number }} PlatformCertificate
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
		const notBeforeMs = Math.floor((nowMs - DAY_MS) / 1000) * 1000;
		const notAfterMs = Math.floor((nowMs + 5 * 365 * DAY_MS) / 1000) * 1000;
		const certificatePem = platformKey
			? selfSignedCertificate({ ...platformKey, serialHex: platformSerial, notBefore: new Date(notBeforeMs), notAfter: new Date(notAfterMs) })
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
			platformCertificates: platformKey ? [{ serial: platformSerial, pem: certificatePem, signer: platformKey.privateKey, notBeforeMs, notAfterMs }] : [],
			// In 'both' mode WeChat Pay signs with the public key; set to 'platformCertificate' to test the other branch.
			signWith: usesPublicKey ? 'publicKey' : 'platformCertificate',
			apiV3Key: credential.apiV3Key,
			notifyUrl: null,
			updateTime: null,
			faultQueue: [],
			faultRate: 0,
			faultList: [],
			rng: null,
			// accepted requests of the last second, per endpoint class (created on first use)
			rateWindows: {},
			credential,
		};
		this.byId.set(id, account);
		return credential;
	}

	/**
	 * A new platform certificate for an account in platformCertificate or both mode (WeChat Pay publishes the next
	 * certificate before it switches to it). `activate`: answers and callbacks are signed with it from now on.
	 * @param {Account} account @param {boolean} activate @returns {PlatformCertificate}
	 */
	rotatePlatformCertificate(account, activate) {
		if (account.platformCertificates.length === 0) throw new Error('sandbox: this account has no platform certificate (public-key mode); nothing to rotate');
		const key = generateRsaKeyPair();
		const serial = randomSerialHex();
		const nowMs = this.now();
		const notBeforeMs = Math.floor(nowMs / 1000) * 1000;
		const notAfterMs = notBeforeMs + 5 * 365 * DAY_MS;
		const pem = selfSignedCertificate({ ...key, serialHex: serial, notBefore: new Date(notBeforeMs), notAfter: new Date(notAfterMs) });
		/** @type {PlatformCertificate} */
		const certificate = { serial, pem, signer: key.privateKey, notBeforeMs, notAfterMs };
		account.platformCertificates.push(certificate);
		account.credential.platformCertificates = account.platformCertificates.map((c) => c.pem).join('');
		if (activate) {
			account.platformSerial = serial;
			account.platformSigner = key.privateKey;
		}
		return certificate;
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
 * The key WeChat Pay signs this account's responses and callbacks with (`forceCertificate`: the active platform
 * certificate whatever signWith says, as for GET /v3/certificates).
 * @param {Account} account @param {boolean} [forceCertificate]
 * @returns {{ serial: string, privateKey: import('crypto').KeyObject, signatureType: string }}
 */
function wechatPaySigner(account, forceCertificate = false) {
	const signatureType = account.accountType === 'brand' ? SCHEME_BRAND : SCHEME_PARTNER;
	if ((account.signWith === 'platformCertificate' || forceCertificate) && account.platformSigner) {
		return { serial: account.platformSerial, privateKey: account.platformSigner, signatureType };
	}
	if (!account.publicKeySigner) throw new Error(`sandbox: account ${account.id} has no WeChat Pay public key`);
	return { serial: account.publicKeyId, privateKey: account.publicKeySigner, signatureType };
}

module.exports = { AccountRegistry, wechatPaySigner };
