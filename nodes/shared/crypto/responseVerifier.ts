import type { WeChatPayAccount } from '../account';
import { signatureMessage, verifyBase64 } from './signature';
import { loadVerificationKeys, normaliseSerial } from './verificationKeys';

/** WeChat Pay accepts 5 minutes of clock difference; so do we, in both directions. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type VerificationFailure =
	| 'missing-header'
	| 'bad-timestamp'
	| 'clock-skew'
	| 'unknown-serial'
	| 'probe-signature'
	| 'signature-type'
	| 'bad-signature';

/** A response or callback that is not provably WeChat Pay's. The message names what failed, nothing secret. */
export class SignatureVerificationError extends Error {
	constructor(
		readonly reason: VerificationFailure,
		message: string,
	) {
		super(message);
		this.name = 'SignatureVerificationError';
	}
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/**
 * Checks the Wechatpay-* headers of a response or callback against its raw body bytes.
 * Throws SignatureVerificationError; returns only when WeChat Pay provably sent these exact bytes.
 */
export function verifyWeChatPaySignature(
	account: WeChatPayAccount,
	headers: Headers,
	rawBody: Buffer,
	nowSeconds = Math.floor(Date.now() / 1000),
): void {
	const keys = loadVerificationKeys(account);
	const timestamp = header(headers, 'Wechatpay-Timestamp');
	const nonce = header(headers, 'Wechatpay-Nonce');
	const signature = header(headers, 'Wechatpay-Signature');
	const serial = header(headers, 'Wechatpay-Serial');
	const missing = Object.entries({ timestamp, nonce, signature, serial })
		.filter(([, value]) => !value)
		.map(([name]) => `Wechatpay-${name[0].toUpperCase()}${name.slice(1)}`);
	if (!timestamp || !nonce || !signature || !serial) {
		throw new SignatureVerificationError('missing-header', `The signature header ${missing.join(', ')} is missing`);
	}
	if (!/^\d{1,12}$/.test(timestamp)) {
		throw new SignatureVerificationError('bad-timestamp', 'Wechatpay-Timestamp is not a Unix time in seconds');
	}
	const skew = Math.abs(nowSeconds - Number(timestamp));
	if (skew > MAX_CLOCK_SKEW_SECONDS) {
		throw new SignatureVerificationError(
			'clock-skew',
			`Wechatpay-Timestamp is ${skew} seconds away from this machine's clock (at most ${MAX_CLOCK_SKEW_SECONDS} allowed): a replay, or this machine's clock is wrong`,
		);
	}
	const signatureType = header(headers, 'Wechatpay-Signature-Type');
	if (signatureType !== undefined && signatureType !== account.scheme.schemeWord) {
		throw new SignatureVerificationError(
			'signature-type',
			`Wechatpay-Signature-Type is "${signatureType.slice(0, 64)}", expected ${account.scheme.schemeWord} for this account type`,
		);
	}
	if (signature.startsWith('WECHATPAY/SIGNTEST/')) {
		throw new SignatureVerificationError('probe-signature', 'The signature is a WeChat Pay probe (WECHATPAY/SIGNTEST/), not a real one');
	}
	const key = keys.get(normaliseSerial(serial));
	if (!key) {
		throw new SignatureVerificationError(
			'unknown-serial',
			`Wechatpay-Serial "${serial.slice(0, 64)}" names no key in the credential: check the WeChat Pay public key ID (or add the new platform certificate)`,
		);
	}
	if (!verifyBase64(signatureMessage([timestamp, nonce, rawBody]), signature, key)) {
		throw new SignatureVerificationError('bad-signature', 'The signature does not match the body: the data may have been changed on the way');
	}
}
