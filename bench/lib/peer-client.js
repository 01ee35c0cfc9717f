'use strict';
// The peer: wechatpay-axios-plugin (a dev dependency), configured for a sandbox account the way its README says
// for WeChat Pay public-key mode: the public key goes into `certs` under its id (PUB_KEY_ID_…), so that every
// answer's Wechatpay-Signature is verified with it. It signs WECHATPAY2-SHA256-RSA2048 (service providers only).
const path = require('path');
const { ROOT } = require('./paths');

function loadPeer() {
	try {
		return require(path.join(ROOT, 'node_modules', 'wechatpay-axios-plugin'));
	} catch {
		throw new Error('wechatpay-axios-plugin is not installed: npm install --no-save wechatpay-axios-plugin@0.9.6 (or add it to devDependencies)');
	}
}

/**
 * @param {object} credential sandbox credential data (service provider, public-key mode)
 * @returns {{ getNotifyUrl: (config?: object) => Promise<{ status: number, data: any }> }} config: extra axios config
 */
function createPeerClient(credential) {
	const { Wechatpay } = loadPeer();
	const wxpay = new Wechatpay({
		mchid: credential.merchantId,
		serial: credential.certificateSerialNumber,
		privateKey: credential.privateKey,
		certs: { [credential.wechatPayPublicKeyId]: credential.wechatPayPublicKey },
		baseURL: credential.baseUrl,
	});
	const notifyConfigs = wxpay.v3.marketing.partner.productCoupon.notifyConfigs;
	return { getNotifyUrl: (config) => notifyConfigs.get(config) };
}

module.exports = { createPeerClient };
