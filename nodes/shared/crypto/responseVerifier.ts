import type { WeChatPayAccount } from '../account';
import { headerValue, type HeaderMap } from '../http';
import { signatureMessage, verifyBase64 } from './signature';
import { normaliseSerial, verificationKeysOf, type VerificationKeys } from './verificationKeys';

/** WeChat Pay accepts 5 minutes of clock difference; so do we, in both directions. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A response or callback that is not provably WeChat Pay's. The message names what failed, nothing secret. */
export class SignatureVerificationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SignatureVerificationError';
	}
}

/**
 * Checks the Wechatpay-* headers of a response or callback against its raw body bytes.
 * Throws SignatureVerificationError; returns only when WeChat Pay provably sent these exact bytes.
 */
export function verifyWeChatPaySignature(
	account: WeChatPayAccount,
	headers: HeaderMap,
	rawBody: Buffer,
	{
		nowSeconds = Math.floor(Date.now() / 1000),
		checkSignatureType = false,
		keys = verificationKeysOf(account),
	}: { nowSeconds?: number; checkSignatureType?: boolean; keys?: VerificationKeys } = {},
): void {
	const timestamp = headerValue(headers, 'Wechatpay-Timestamp');
	const nonce = headerValue(headers, 'Wechatpay-Nonce');
	const signature = headerValue(headers, 'Wechatpay-Signature');
	const serial = headerValue(headers, 'Wechatpay-Serial');
	if (!timestamp || !nonce || !signature || !serial) {
		const missing = Object.entries({ Timestamp: timestamp, Nonce: nonce, Signature: signature, Serial: serial })
			.filter(([, value]) => !value)
			.map(([name]) => `Wechatpay-${name}`);
		throw new SignatureVerificationError(`The signature header ${missing.join(', ')} is missing`);
	}
	if (!/^\d{1,12}$/.test(timestamp)) {
		throw new SignatureVerificationError('Wechatpay-Timestamp is not a Unix time in seconds');
	}
	const skew = Math.abs(nowSeconds - Number(timestamp));
	if (skew > MAX_CLOCK_SKEW_SECONDS) {
		throw new SignatureVerificationError(`Wechatpay-Timestamp is ${skew} seconds away from this machine's clock (at most ${MAX_CLOCK_SKEW_SECONDS} allowed): a replay, or this machine's clock is wrong`,
		);
	}
	if (signature.startsWith('WECHATPAY/SIGNTEST/')) {
		throw new SignatureVerificationError('The signature is a WeChat Pay probe (WECHATPAY/SIGNTEST/), not a real one');
	}
	const key = keys.get(normaliseSerial(serial));
	if (!key) {
		throw new SignatureVerificationError(`Wechatpay-Serial "${serial.slice(0, 64)}" names no key in the credential: check the WeChat Pay public key ID (or add the new platform certificate)`,
		);
	}
	if (!verifyBase64(signatureMessage([timestamp, nonce, rawBody]), signature, key)) {
		throw new SignatureVerificationError('The signature does not match the body: the data may have been changed on the way');
	}
	// Callbacks name the account type's scheme; API answers are not documented to, so only callbacks are held to it.
	// Checked last: the header is not signed, and a refusal for it must not tell an unverified caller the scheme.
	const signatureType = headerValue(headers, 'Wechatpay-Signature-Type');
	if (checkSignatureType && signatureType !== undefined && signatureType !== account.scheme.schemeWord) {
		throw new SignatureVerificationError(`Wechatpay-Signature-Type is "${signatureType.slice(0, 64)}", expected ${account.scheme.schemeWord} for this account type`);
	}
}
