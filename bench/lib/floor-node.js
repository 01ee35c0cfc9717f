'use strict';
// The floor of figure 2c: the least a correct n8n node must do per item to get a service provider's notify URL
// from WeChat Pay, run by the same engine as our node. Bench-only, plain JS, not part of the package.
//
// Per item: the credential as n8n hands it over (`this.getCredentials`, once per item); the request signed
// (WECHATPAY2-SHA256-RSA2048 over "GET\nPATH\nTIMESTAMP\nNONCE\n\n", with the private key parsed once per key
// text); sent with `this.helpers.httpRequest` (returnFullResponse, the body as bytes); the answer's
// Wechatpay-Signature verified over the raw body with the WeChat Pay public key (parsed once), its serial and
// timestamp checked; the body JSON-parsed; one output item paired with its input item. Nothing else: no options,
// no retries, no pacing, no deadline, no size limit, no host failover, no error items.
const { createPrivateKey, createPublicKey, randomBytes, sign, verify } = require('crypto');

const FLOOR_NODE_TYPE = 'bench.floorGetNotifyUrl';
/** The same floor node carrying our node's description (figure 2d): n8n's per-node work on it is then alike. */
const DESCRIBED_FLOOR_NODE_TYPE = 'bench.floorGetNotifyUrlDescribed';
const NOTIFY_CONFIG_PATH = '/v3/marketing/partner/product-coupon/notify-configs';
const MAX_CLOCK_SKEW_SECONDS = 300;
const NEWLINE = Buffer.from('\n');

/** Parsed keys by their text: each distinct key text is parsed once per process. */
const privateKeys = new Map();
const publicKeys = new Map();
const parsedOnce = (cache, text, parse) => {
	let key = cache.get(text);
	if (key === undefined) {
		key = parse(text);
		cache.set(text, key);
	}
	return key;
};

class FloorGetNotifyUrl {
	description = {
		displayName: 'Floor: Get notify URL',
		name: 'floorGetNotifyUrl',
		group: ['transform'],
		version: 1,
		description: 'Bench only: sign, httpRequest, verify, parse',
		defaults: { name: 'Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'wechatPayApi', required: true }],
		properties: [],
	};

	async execute() {
		const items = this.getInputData();
		const output = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const credentials = await this.getCredentials('wechatPayApi', itemIndex);
			const privateKey = parsedOnce(privateKeys, credentials.privateKey, createPrivateKey);
			const publicKey = parsedOnce(publicKeys, credentials.wechatPayPublicKey, createPublicKey);

			const timestamp = String(Math.floor(Date.now() / 1000));
			const nonce = randomBytes(16).toString('hex');
			const message = `GET\n${NOTIFY_CONFIG_PATH}\n${timestamp}\n${nonce}\n\n`;
			const signature = sign('sha256', Buffer.from(message), privateKey).toString('base64');
			const response = await this.helpers.httpRequest({
				method: 'GET',
				url: `${credentials.baseUrl}${NOTIFY_CONFIG_PATH}`,
				headers: {
					Accept: 'application/json',
					'User-Agent': 'n8n-bench-floor',
					'Wechatpay-Serial': credentials.wechatPayPublicKeyId,
					Authorization:
						`WECHATPAY2-SHA256-RSA2048 mchid="${credentials.merchantId}",nonce_str="${nonce}",signature="${signature}",` +
						`timestamp="${timestamp}",serial_no="${credentials.certificateSerialNumber}"`,
				},
				encoding: 'arraybuffer',
				returnFullResponse: true,
			});

			const headers = response.headers;
			const raw = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
			const answeredAt = headers['wechatpay-timestamp'];
			if (headers['wechatpay-serial'] !== credentials.wechatPayPublicKeyId) throw new Error('floor: answer signed with an unknown key');
			if (!(Math.abs(Date.now() / 1000 - Number(answeredAt)) <= MAX_CLOCK_SKEW_SECONDS)) throw new Error('floor: answer timestamp out of window');
			const signed = Buffer.concat([Buffer.from(`${answeredAt}\n${headers['wechatpay-nonce']}\n`), raw, NEWLINE]);
			if (!verify('sha256', signed, publicKey, Buffer.from(String(headers['wechatpay-signature']), 'base64'))) {
				throw new Error('floor: the answer signature does not verify');
			}
			output.push({ json: JSON.parse(raw.toString('utf8')), pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}

/**
 * The floor with the properties (and so the per-node cost in n8n's engine) of the given node type: n8n resolves
 * every property of a node's description for every node of a workflow it runs (Workflow's constructor, the
 * parameter checks before the run), which for our node's 40 operations is far more than for the floor's none.
 */
class DescribedFloorGetNotifyUrl extends FloorGetNotifyUrl {
	constructor(nodeType) {
		super();
		this.description = { ...this.description, name: 'floorGetNotifyUrlDescribed', properties: nodeType.description.properties };
	}
}

module.exports = { FloorGetNotifyUrl, DescribedFloorGetNotifyUrl, FLOOR_NODE_TYPE, DESCRIBED_FLOOR_NODE_TYPE };
