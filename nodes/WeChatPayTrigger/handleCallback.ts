import type { IDataObject } from 'n8n-workflow';

import { CredentialConfigError, type WeChatPayAccount } from '../shared/account';
import { attempt } from '../shared/attempt';
import { apiV3KeyOf, decryptResource, DecryptionError, type EncryptedResource } from '../shared/crypto/aesGcm';
import { MAX_CLOCK_SKEW_SECONDS, SignatureVerificationError, verifyWeChatPaySignature } from '../shared/crypto/responseVerifier';
import { headerValue, parseJsonObject, type HeaderMap } from '../shared/http';
import { acceptedCallbacks, type ReplayMemory } from './replayMemory';

export const ALL_EVENTS = '*';

/** Real events are a few KiB; a larger body is refused before any crypto is spent on it. */
export const MAX_CALLBACK_BYTES = 256 * 1024;

/** The one reply to every callback that is not proven to be WeChat Pay's: it tells a caller nothing. */
export const UNVERIFIED_REPLY = { status: 401, message: 'The callback could not be verified' } as const;

export type CallbackOutcome =
	| { kind: 'event'; event: IDataObject }
	/** Verified, but an event type the trigger does not take. */
	| { kind: 'ignored'; eventType: string }
	/** Verified, and accepted before with this very signature: a replay. */
	| { kind: 'repeated' }
	/** `message` goes back to WeChat Pay; `detail`, for the log only, says why. */
	| { kind: 'refused'; status: number; message: string; detail: string };

const refused = (status: number, message: string, detail = message): CallbackOutcome => ({ kind: 'refused', status, message, detail });
const unverified = (detail: string): CallbackOutcome => refused(UNVERIFIED_REPLY.status, UNVERIFIED_REPLY.message, detail);

export interface CallbackOptions {
	nowSeconds?: number;
	replays?: ReplayMemory;
}

/**
 * Everything between WeChat Pay's POST and the workflow, in the order that keeps forged data out: verify the
 * signature over the raw bytes (with WeChat Pay's keys only, so nothing else of the credential is read before),
 * refuse a replay, then parse, filter by event type, and decrypt (tag checked).
 */
export function handleCallback(
	account: WeChatPayAccount,
	headers: HeaderMap,
	rawBody: Buffer | undefined,
	events: string[],
	{ nowSeconds = Math.floor(Date.now() / 1000), replays = acceptedCallbacks }: CallbackOptions = {},
): CallbackOutcome {
	if (!rawBody) return unverified('the request body could not be read');
	if (rawBody.length > MAX_CALLBACK_BYTES) {
		return unverified(`the body has ${rawBody.length} bytes, more than any WeChat Pay event (at most ${MAX_CALLBACK_BYTES})`);
	}
	const verified = attempt(() => verifyWeChatPaySignature(account, headers, rawBody, { nowSeconds, checkSignatureType: true }));
	if (!verified.ok) {
		const { error } = verified;
		if (error instanceof SignatureVerificationError) return unverified(`signature check failed: ${error.message}`);
		if (error instanceof CredentialConfigError) return unverified(`the credential cannot verify callbacks: ${error.message}`);
		throw error;
	}
	// Verified: the signature and timestamp headers are there.
	const signature = headerValue(headers, 'Wechatpay-Signature') as string;
	if (replays.seen(signature, nowSeconds * 1000)) return { kind: 'repeated' };
	const expiresAtMs = (Number(headerValue(headers, 'Wechatpay-Timestamp')) + MAX_CLOCK_SKEW_SECONDS + 1) * 1000;

	const envelope = parseJsonObject(rawBody);
	if (!envelope) return refused(400, 'The body is not a JSON object');
	const eventType = typeof envelope.event_type === 'string' ? envelope.event_type : '';
	if (!eventType) return refused(400, 'event_type is missing');
	if (!events.includes(ALL_EVENTS) && !events.includes(eventType)) {
		replays.remember(signature, expiresAtMs);
		return { kind: 'ignored', eventType };
	}
	const resource = envelope.resource;
	if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return refused(400, 'resource is missing');
	const decrypted = attempt(() => decryptResource(apiV3KeyOf(account), resource as EncryptedResource));
	if (!decrypted.ok) {
		const { error } = decrypted;
		if (error instanceof DecryptionError) return refused(400, `Decryption failed: ${error.message}`);
		if (error instanceof CredentialConfigError) {
			return refused(500, 'The receiver is not configured to decrypt WeChat Pay events', error.message);
		}
		throw error;
	}
	replays.remember(signature, expiresAtMs);
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
