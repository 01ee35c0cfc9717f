import type { IDataObject } from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../shared/account';
import { attempt } from '../shared/attempt';
import { decryptResource, DecryptionError, type EncryptedResource } from '../shared/crypto/aesGcm';
import { SignatureVerificationError, verifyWeChatPaySignature } from '../shared/crypto/responseVerifier';
import { parseJsonObject, type HeaderMap } from '../shared/http';

export const ALL_EVENTS = '*';

/** Real events are a few KiB; a larger body is refused before any crypto is spent on it. */
export const MAX_CALLBACK_BYTES = 256 * 1024;

export type CallbackOutcome =
	| { kind: 'event'; event: IDataObject }
	| { kind: 'ignored'; eventType: string }
	/** `message` goes back to WeChat Pay; `detail`, for the log only, says which credential field to fix. */
	| { kind: 'refused'; status: number; message: string; detail?: string };

const refused = (status: number, message: string, detail?: string): CallbackOutcome => ({ kind: 'refused', status, message, detail });

/**
 * Everything between WeChat Pay's POST and the workflow, in the order that keeps forged data out:
 * verify the signature over the raw bytes, then parse, then filter by event type, then decrypt (tag checked).
 */
export function handleCallback(
	account: WeChatPayAccount,
	headers: HeaderMap,
	rawBody: Buffer | undefined,
	events: string[],
	nowSeconds?: number,
): CallbackOutcome {
	if (!rawBody) return refused(400, 'The request body could not be read');
	if (rawBody.length > MAX_CALLBACK_BYTES) {
		return refused(413, `The body has ${rawBody.length} bytes, more than any WeChat Pay event (at most ${MAX_CALLBACK_BYTES})`);
	}
	const verified = attempt(() => verifyWeChatPaySignature(account, headers, rawBody, { nowSeconds, checkSignatureType: true }));
	if (!verified.ok) {
		const { error } = verified;
		if (error instanceof SignatureVerificationError) return refused(401, `Signature check failed: ${error.message}`);
		if (error instanceof CredentialConfigError) return refused(500, 'The receiver is not configured to verify WeChat Pay signatures', error.message);
		throw error;
	}
	const envelope = parseJsonObject(rawBody);
	if (!envelope) return refused(400, 'The body is not a JSON object');
	const eventType = typeof envelope.event_type === 'string' ? envelope.event_type : '';
	if (!eventType) return refused(400, 'event_type is missing');
	if (!events.includes(ALL_EVENTS) && !events.includes(eventType)) return { kind: 'ignored', eventType };
	const resource = envelope.resource;
	if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return refused(400, 'resource is missing');
	const decrypted = attempt(() => decryptResource(account.apiV3Key, resource as EncryptedResource));
	if (!decrypted.ok) {
		const { error } = decrypted;
		if (error instanceof DecryptionError) return refused(400, `Decryption failed: ${error.message}`);
		if (error instanceof CredentialConfigError) return refused(500, 'The receiver is not configured to decrypt WeChat Pay events', error.message);
		throw error;
	}
	return {
		kind: 'event',
		event: {
			id: envelope.id,
			create_time: envelope.create_time,
			event_type: eventType,
			resource_type: envelope.resource_type,
			summary: envelope.summary,
			resource: decrypted.value as IDataObject,
		},
	};
}
