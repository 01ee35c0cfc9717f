'use strict';
// Figure 1, signing: the credential's `authenticate` (what n8n calls before every request) against a raw
// `crypto.sign` with a KeyObject parsed once, on the same message. Both sides sign for real; the ratio is time
// per signature, ours / raw. A fresh copy of the credential data is handed to every call, as n8n does (it
// decrypts and copies the credential for each request), so a per-request key parse could not hide in a cache
// keyed by object identity.
const crypto = require('crypto');
const { fromDist } = require('./lib/paths');
const { interleave, compare, ratioFields } = require('./lib/interleave');

const PATH = '/v3/marketing/partner/product-coupon/notify-configs';

/** The request options the transport hands to httpRequestWithAuthentication for a GET (nodes/shared/transport/request.ts). */
function requestOptions(baseUrl) {
	return {
		method: 'GET',
		url: PATH,
		baseURL: baseUrl,
		timeout: 10000,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
}

/** The five-line message behind an Authorization header, rebuilt from its nonce and timestamp. */
function messageOf(authorization) {
	const field = (name) => new RegExp(`${name}="([^"]*)"`).exec(authorization)[1];
	return {
		message: Buffer.from(`GET\n${PATH}\n${field('timestamp')}\n${field('nonce_str')}\n\n`, 'utf8'),
		signature: field('signature'),
	};
}

/**
 * @param {{ sandbox: any, rounds: number, quick?: boolean }} context
 */
async function benchSigning({ sandbox, rounds, quick }) {
	const { WeChatPayApi } = fromDist('credentials/WeChatPayApi.credentials.js');
	const credentialType = new WeChatPayApi();
	const credential = { ...sandbox.createAccount({ accountType: 'serviceProvider' }), backupBaseUrl: '' };
	const batch = quick ? 50 : 150;

	// Same message, same key: the raw side signs exactly what `authenticate` signed, and must get the same bytes
	// (RSASSA-PKCS1-v1_5 is deterministic).
	const signed = await credentialType.authenticate(structuredClone(credential), requestOptions(credential.baseUrl));
	const { message, signature } = messageOf(signed.headers.Authorization);
	const keyObject = crypto.createPrivateKey(credential.privateKey);
	if (crypto.sign('sha256', message, keyObject).toString('base64') !== signature) {
		throw new Error('signing bench: the raw signature differs from the credential\'s on the same message');
	}

	// The fresh credential copies n8n would hand over, one per request, all made before anything is timed (made per
	// batch, they would leave garbage that the next timed batch pays for).
	const warmupRounds = 3;
	const copies = Array.from({ length: (warmupRounds + rounds) * batch }, () => structuredClone(credential));
	let next = 0;
	const rates = await interleave({
		rounds,
		warmupRounds,
		batches: {
			ours: async () => {
				let last;
				for (let i = 0; i < batch; i++) last = await credentialType.authenticate(copies[next++ % copies.length], requestOptions(credential.baseUrl));
				if (!last.headers.Authorization.startsWith('WECHATPAY2-SHA256-RSA2048 ')) throw new Error('signing bench: no Authorization');
				return batch;
			},
			raw: async () => {
				let last;
				for (let i = 0; i < batch; i++) last = crypto.sign('sha256', message, keyObject);
				if (last.length !== 256) throw new Error('signing bench: bad raw signature');
				return batch;
			},
		},
	});
	const figure = compare(rates, 'raw', 'time');
	return {
		id: 'signing',
		title: '1. Signing: credential `authenticate` vs raw `crypto.sign`',
		unit: 'µs/signature',
		ours: 1e6 / figure.oursPerSecond,
		peer: 1e6 / figure.otherPerSecond,
		peerName: 'crypto.sign, KeyObject parsed once',
		...ratioFields(figure, rounds, rates.wall),
		ratioLabel: 'time ours / raw',
		goal: { text: '≤ 1.10', met: figure.ratio <= 1.1 },
		method: `${batch} signatures per batch and side, ${rounds} interleaved rounds after ${warmupRounds} warm-up rounds`,
	};
}

module.exports = { benchSigning };
