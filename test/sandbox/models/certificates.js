// @ts-check
'use strict';
/**
 * Platform certificates (apiv3 doc §5): `GET /v3/certificates` answers
 * `{data: [{serial_no, effective_time, expire_time, encrypt_certificate{algorithm AEAD_AES_256_GCM, nonce,
 * associated_data "certificate", ciphertext}}]}` — every platform certificate of the account (oldest first;
 * `rotatePlatformCertificate` adds one), each PEM encrypted with the APIv3 key — signed with the ACTIVE platform
 * certificate (whatever signWith says) and Wechatpay-Serial naming it. `algorithm_type` RSA / ALL list them, SM2
 * lists none (the sandbox has RSA certificates only). An account in public-key mode has no certificate: 404
 * RESOURCE_NOT_EXISTS "无可用的平台证书…", as WeChat Pay answers merchants created since 2024-10 (reported in
 * binarywang/WxJava#3412). Brands have no such endpoint (public-key mode only).
 */
const { ApiError } = require('../errors');
const { checkPathParams, readQuery } = require('../fields');
const { encrypt } = require('../callbacks');
const { beijingTime, randomAlnum } = require('../signing');

/** @param {import('../router').HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function certificates(ctx) {
	checkPathParams(ctx.params);
	const q = readQuery(ctx.query, { algorithm_type: { type: 'string', enum: ['RSA', 'SM2', 'ALL'] } });
	const account = ctx.account;
	if (account.platformCertificates.length === 0) {
		throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥', { issue: 'this account uses the WeChat Pay public key; it has no platform certificate' });
	}
	const data = q.algorithm_type === 'SM2' ? [] : account.platformCertificates.map((c) => {
		const nonce = randomAlnum(12);
		return {
			serial_no: c.serial,
			effective_time: beijingTime(c.notBeforeMs),
			expire_time: beijingTime(c.notAfterMs),
			encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce, associated_data: 'certificate', ciphertext: encrypt(account.apiV3Key, nonce, 'certificate', Buffer.from(c.pem, 'utf8')) },
		};
	});
	return { status: 200, body: Buffer.from(JSON.stringify({ data }), 'utf8'), signer: 'platformCertificate' };
}

/** @type {import('../router').RouteSpec[]} */
const CERTIFICATE_ROUTES = [{ method: 'GET', path: '/v3/certificates', rateClass: 'other', root: 'serviceProvider', handler: certificates }];

module.exports = { CERTIFICATE_ROUTES };
