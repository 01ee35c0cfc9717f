import { createNonce } from '../crypto/signature';

/** A file for WeChat Pay's image upload: the `meta` JSON is what gets signed, the file goes beside it. */
export interface Upload {
	/** The meta part exactly as sent and signed, e.g. {"filename":"a.png","sha256":"…"}. */
	meta: string;
	file: Buffer;
	filename: string;
	contentType: string;
}

/**
 * The multipart/form-data body of an upload (digest §8): a `meta` part (application/json) and a `file` part.
 * Built once, so every attempt sends the same bytes.
 */
export function multipartBody(upload: Upload): { body: Buffer; contentType: string } {
	const boundary = `----WeChatPayN8n${createNonce(24)}`;
	const head = (disposition: string, type: string) =>
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
	const body = Buffer.concat([
		head('name="meta"', 'application/json'),
		Buffer.from(upload.meta, 'utf8'),
		Buffer.from('\r\n', 'utf8'),
		head(`name="file"; filename="${upload.filename.replace(/["\r\n\\]/g, '_')}"`, upload.contentType),
		upload.file,
		Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
	]);
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The `meta` part of a multipart body, the text WeChat Pay's signature covers for uploads; undefined when the body
 * has none. Read from the bytes about to be sent, so what is signed is what is sent.
 */
export function metaPartOf(body: Buffer, contentType: string): string | undefined {
	const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
	if (!boundary) return undefined;
	const marker = Buffer.from(`--${boundary}\r\n`, 'utf8');
	let at = body.indexOf(marker);
	while (at !== -1) {
		const headersEnd = body.indexOf('\r\n\r\n', at);
		if (headersEnd === -1) return undefined;
		const headers = body.subarray(at + marker.length, headersEnd).toString('utf8');
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`, 'utf8'), headersEnd);
		if (next === -1) return undefined;
		if (/name="meta"/i.test(headers)) return body.subarray(headersEnd + 4, next).toString('utf8');
		at = body.indexOf(marker, next);
	}
	return undefined;
}
