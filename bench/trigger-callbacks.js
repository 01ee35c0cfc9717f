'use strict';
// Figure 3, trigger: callbacks per second through the trigger's own verify-and-decrypt code (readAccount +
// handleCallback, what WeChatPayTrigger.webhook() runs for each POST) against the raw limit on the same callbacks:
// crypto.verify with a KeyObject parsed once, JSON.parse of the body, AES-256-GCM decrypt with the tag checked,
// JSON.parse of the plaintext — the least any correct receiver must do. n8n's own webhook plumbing is not counted.
const crypto = require('crypto');
const { fromDist } = require('./lib/paths');
const { interleave, compare, ratioFields } = require('./lib/interleave');

const DISTINCT_CALLBACKS = 64;

/** The raw limit: verify the Wechatpay-* signature over the raw body, then decrypt `resource`. */
function rawVerifyAndDecrypt(publicKey, aesKey, headers, body) {
	const message = Buffer.concat([
		Buffer.from(`${headers['wechatpay-timestamp']}\n${headers['wechatpay-nonce']}\n`, 'utf8'),
		body,
		Buffer.from('\n'),
	]);
	if (!crypto.verify('sha256', message, publicKey, Buffer.from(headers['wechatpay-signature'], 'base64'))) return undefined;
	const { resource } = JSON.parse(body.toString('utf8'));
	const bytes = Buffer.from(resource.ciphertext, 'base64');
	const decipher = crypto.createDecipheriv('aes-256-gcm', aesKey, Buffer.from(resource.nonce, 'utf8'));
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
	return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8'));
}

/**
 * @param {{ sandbox: any, rounds: number, quick?: boolean }} context
 */
async function benchTrigger({ sandbox, rounds, quick }) {
	const { handleCallback, ALL_EVENTS } = fromDist('nodes/WeChatPayTrigger/handleCallback.js');
	const { readAccount } = fromDist('nodes/shared/account.js');
	const { ReplayMemory } = fromDist('nodes/WeChatPayTrigger/replayMemory.js');
	const credential = { ...sandbox.createAccount({ accountType: 'serviceProvider' }), backupBaseUrl: '' };
	const publicKey = crypto.createPublicKey(credential.wechatPayPublicKey);
	const aesKey = Buffer.from(credential.apiV3Key, 'utf8');
	const batch = quick ? 300 : 1500;
	const events = [ALL_EVENTS];

	let callbacks = [];
	let memories = [];
	const rates = await interleave({
		rounds,
		warmupRounds: 3,
		beforeBatch: () => {
			// untimed: fresh, validly signed callbacks (timestamps inside the 5-minute window)
			callbacks = Array.from({ length: DISTINCT_CALLBACKS }, () => sandbox.buildCallback(credential, {}));
			// The trigger refuses a signature it has accepted before (a replay): each pass over the distinct callbacks
			// gets a replay memory of its own, so every callback is new to it and goes through all the checks.
			memories = Array.from({ length: Math.ceil(batch / DISTINCT_CALLBACKS) }, () => new ReplayMemory());
		},
		batches: {
			ours: async () => {
				for (let i = 0; i < batch; i++) {
					const callback = callbacks[i % DISTINCT_CALLBACKS];
					// n8n hands the node a freshly decrypted credential per call: the account is read each time
					const replays = memories[Math.floor(i / DISTINCT_CALLBACKS)];
					const outcome = handleCallback(readAccount(credential), callback.headers, callback.body, events, { replays });
					if (outcome.kind !== 'event') throw new Error(`trigger bench: callback refused: ${JSON.stringify(outcome)}`);
				}
				return batch;
			},
			raw: async () => {
				for (let i = 0; i < batch; i++) {
					const callback = callbacks[i % DISTINCT_CALLBACKS];
					const event = rawVerifyAndDecrypt(publicKey, aesKey, callback.headers, callback.body);
					if (!event || typeof event.coupon_code !== 'string') throw new Error('trigger bench: raw verify/decrypt failed');
				}
				return batch;
			},
		},
	});
	const figure = compare(rates, 'raw', 'rate');
	return {
		id: 'trigger',
		title: '3. Trigger: verify + decrypt vs raw `crypto.verify` + AES-256-GCM',
		unit: 'callbacks/s',
		ours: figure.oursPerSecond,
		peer: figure.otherPerSecond,
		peerName: 'raw crypto.verify + AES-256-GCM decrypt',
		...ratioFields(figure, rounds, rates.wall),
		ratioLabel: 'rate ours / raw',
		goal: { text: '≥ 0.80', met: figure.ratio >= 0.8 },
		method: `${batch} callbacks per batch and side (${DISTINCT_CALLBACKS} distinct, re-signed each batch; ours with a replay memory per pass over them, so that none is a repeat), ${rounds} interleaved rounds after 3 warm-up rounds`,
	};
}

module.exports = { benchTrigger };
