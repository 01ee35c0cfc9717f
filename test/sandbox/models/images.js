// @ts-check
'use strict';
/**
 * Image upload (#3, digest §8): multipart/form-data with a `meta` part `{"filename","sha256"}` (what the
 * Authorization signs) and a `file` part; answers `{image_url}` on wxpaylogo.qpic.cn, remembered as uploaded by
 * this account. Every image field of the family must be such a URL of the same account (`owns`). The multipart
 * structure itself was checked by the server before the signature (multipart.js); here: the meta fields, the file.
 */
const crypto = require('crypto');
const { NUMERIC, paramError } = require('../errors');
const { readJsonBody, readQuery, checkPathParams } = require('../fields');
const { json } = require('./userCouponAccess');

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** multipart overhead allowed on top of the image, so that a file just over 2 MB is answered 270087680, not 413 */
const UPLOAD_BODY_LIMIT = 3 * 1024 * 1024;
const IMAGE_HOST = 'https://wxpaylogo.qpic.cn';

/**
 * @typedef {{ url: string, ownerId: string, filename: string, sha256: string, bytes: number, format: string, uploadedMs: number,
 *   generatedBy?: string }} Image  generatedBy: the image task that made it
 */

class ImageStore {
	constructor() {
		/** @type {Map<string, Image>} */
		this.byUrl = new Map();
	}

	/** @param {Omit<Image, 'url'>} info @returns {Image} */
	register(info) {
		const url = `${IMAGE_HOST}/wxpaylogo/${crypto.randomBytes(16).toString('hex').toUpperCase()}/0`;
		const image = { url, ...info };
		this.byUrl.set(url, image);
		return image;
	}

	/** Was `url` uploaded (or generated) for this account? @param {string} ownerId @param {unknown} url */
	owns(ownerId, url) {
		const image = typeof url === 'string' ? this.byUrl.get(url) : undefined;
		return Boolean(image && image.ownerId === ownerId);
	}

	/** @param {string} ownerId @returns {Image[]} in upload order */
	of(ownerId) {
		return [...this.byUrl.values()].filter((i) => i.ownerId === ownerId);
	}
}

/** JPG / BMP / PNG by their magic bytes. @param {Buffer} data @returns {string | null} */
function imageFormat(data) {
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'JPG';
	if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
	if (data.length >= 2 && data[0] === 0x42 && data[1] === 0x4d) return 'BMP';
	return null;
}

/** meta JSON: exactly these two fields (no brand_id, for either account type) */
const META = {
	filename: { type: /** @type {const} */ ('string'), required: true, max: 150 },
	sha256: { type: /** @type {const} */ ('string'), required: true, min: 64, max: 64, pattern: /^[0-9a-fA-F]{64}$/, chars: 'hexadecimal digits' },
};

/** @param {import('../router').HandlerContext} ctx @returns {import('../router').HandlerAnswer} */
function uploadImage(ctx) {
	const parts = /** @type {import('../multipart').Multipart} */ (ctx.multipart);
	checkPathParams(ctx.params);
	readQuery(ctx.query, {});
	const meta = readJsonBody(parts.meta.data, META);
	if (!/\.(jpg|bmp|png)$/.test(meta.filename)) throw paramError('filename', 'body', 'meta.filename must end in .jpg, .bmp or .png (digest §2 #3)');
	const file = parts.file.data;
	if (file.length === 0) throw paramError('file', 'body', 'the file part is empty');
	if (file.length > MAX_IMAGE_BYTES) throw paramError('file', 'body', `the image is ${file.length} bytes, more than 2 MB (${MAX_IMAGE_BYTES})`, NUMERIC.imageTooLarge);
	const format = imageFormat(file);
	if (!format) throw paramError('file', 'body', 'the file is not a JPG, BMP or PNG image');
	const sha256 = crypto.createHash('sha256').update(file).digest('hex');
	if (sha256 !== meta.sha256.toLowerCase()) throw paramError('sha256', 'body', 'meta.sha256 is not the SHA-256 of the file part');
	const image = ctx.world.images.register({ ownerId: ctx.account.id, filename: meta.filename, sha256, bytes: file.length, format, uploadedMs: ctx.nowMs });
	return { status: 200, body: json({ image_url: image.url }) };
}

/** @type {import('../router').RouteSpec[]} */
const IMAGE_ROUTES = [{ method: 'POST', path: '/media/upload-image', rateClass: 'management', handler: uploadImage, body: 'multipart', maxBodyBytes: UPLOAD_BODY_LIMIT }];

module.exports = { ImageStore, IMAGE_ROUTES, MAX_IMAGE_BYTES, UPLOAD_BODY_LIMIT, imageFormat };
