// @ts-check
// A real PNG made at run time (the e2e's campaign uploads it from disk through n8n). The same picture as
// test/helpers/png.ts, in plain JS for this no-build folder.
'use strict';

const { deflateSync } = require('zlib');

/** CRC-32 as PNG chunks use it. @param {Buffer} bytes */
function crc32(bytes) {
	let crc = ~0;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG, `size`×`size`, a colour gradient. @returns {Buffer} */
function png(size = 16) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc(size * (1 + size * 3));
	for (let y = 0; y < size; y++) {
		const row = y * (1 + size * 3);
		for (let x = 0; x < size; x++) rows.set([(x * 255) / size, (y * 255) / size, 128], row + 1 + x * 3);
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

module.exports = { png };
