import type { WeChatPayAccount } from '../account';
import { signingKeyOf } from './privateKey';
import { createNonce, signatureMessage, signBase64 } from './signature';

export interface RequestToSign {
	method: string;
	/** Path plus "?" and the raw query when there is one, exactly as sent; no host. */
	pathAndQuery: string;
	/** The exact body sent ('' for none); for an upload, the meta JSON (WeChat Pay's rule for uploads). */
	body: string | Buffer;
	/** Unix seconds; defaults to now. */
	timestamp?: number;
	nonce?: string;
}

/** The one-line Authorization header for either scheme (service provider: mchid, brand: brand_id). */
export function buildAuthorization(account: WeChatPayAccount, request: RequestToSign): string {
	const key = signingKeyOf(account);
	const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000));
	const nonce = request.nonce ?? createNonce();
	const message = signatureMessage([request.method.toUpperCase(), request.pathAndQuery, timestamp, nonce, request.body]);
	const signature = signBase64(message, key);
	const { schemeWord, idField } = account.scheme;
	return (
		`${schemeWord} ${idField}="${account.accountId}",nonce_str="${nonce}",signature="${signature}",` +
		`timestamp="${timestamp}",serial_no="${account.certificateSerialNumber}"`
	);
}
