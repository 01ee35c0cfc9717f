// @ts-check
'use strict';
/**
 * Strict multipart/form-data for the image upload (#3, digest §8). Parsed before the signature is checked, because
 * what is signed is the `meta` part (`POST\n<path>\n<ts>\n<nonce>\n<meta JSON>\n`), not the multipart body.
 *
 * Rules: `Content-Type: multipart/form-data; boundary=<1–70 RFC 2046 characters>` (quoted or not, nothing else but
 * an optional charset); the body starts with `--boundary` CRLF (no preamble), parts are separated by
 * CRLF `--boundary` CRLF and closed by CRLF `--boundary--` (then at most one CRLF); each part has CRLF-terminated
 * headers, a `Content-Disposition: form-data; name="…"` (optional `filename`), an optional `Content-Type` and an
 * optional `Content-Transfer-Encoding` of binary / 8bit / 7bit; exactly one `meta` part (no Content-Type or
 * application/json) and exactly one `file` part, nothing else.
 */

/**
 * @typedef {{ name: string, filename?: string, contentType?: string, data: Buffer }} Part
 * @typedef {{ boundary: string, meta: Part, file: Part }} Multipart
 */

const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const CRLF = Buffer.from('\r\n');

class MultipartError extends Error {}

/**
 * The `; name=value` parameters after the first token of a header value, values quoted (with `\` escapes) or
 * tokens; names lower-cased. `a=b; c="d;e"` → { a: 'b', c: 'd;e' }. @param {string} text @param {string} what
 */
function parameters(text, what) {
	/** @type {Record<string, string>} */
	const out = Object.create(null);
	const first = text.indexOf(';');
	let rest = first < 0 ? '' : text.slice(first);
	const one = /^;\s*([A-Za-z0-9_*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s";]+))\s*/;
	while (rest.length > 0) {
		const m = one.exec(rest);
		if (!m) throw new MultipartError(`malformed ${what} parameter ${JSON.stringify(rest.slice(0, 64))}`);
		const key = m[1].toLowerCase();
		if (key in out) throw new MultipartError(`${what} parameter ${key} given twice`);
		out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
		rest = rest.slice(m[0].length);
	}
	return out;
}

/** @param {string | undefined} header @returns {string} the boundary */
function boundaryOf(header) {
	if (typeof header !== 'string') throw new MultipartError('Content-Type: multipart/form-data is required');
	const type = header.split(';')[0].trim().toLowerCase();
	if (type !== 'multipart/form-data') throw new MultipartError(`Content-Type must be multipart/form-data, not ${JSON.stringify(type.slice(0, 64))}`);
	const params = parameters(header, 'Content-Type');
	for (const key of Object.keys(params)) if (key !== 'boundary' && key !== 'charset') throw new MultipartError(`unexpected Content-Type parameter ${key}`);
	const boundary = params.boundary;
	if (boundary === undefined) throw new MultipartError('Content-Type has no boundary');
	if (!BOUNDARY.test(boundary)) throw new MultipartError('boundary must be 1–70 characters of RFC 2046, not ending in a space');
	return boundary;
}

/** @param {Buffer} raw headers + CRLFCRLF + data of one part @param {number} index @returns {Part} */
function parsePart(raw, index) {
	const end = raw.indexOf('\r\n\r\n');
	if (end < 0) throw new MultipartError(`part ${index} has no blank line after its headers`);
	const lines = raw.subarray(0, end).toString('utf8').split('\r\n');
	/** @type {Record<string, string>} */
	const headers = Object.create(null);
	for (const line of lines) {
		const m = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
		if (!m) throw new MultipartError(`part ${index} has a malformed header line ${JSON.stringify(line.slice(0, 64))}`);
		const name = m[1].toLowerCase();
		if (name in headers) throw new MultipartError(`part ${index} has header ${name} twice`);
		headers[name] = m[2];
	}
	const disposition = headers['content-disposition'];
	if (disposition === undefined) throw new MultipartError(`part ${index} has no Content-Disposition`);
	if (disposition.split(';')[0].trim().toLowerCase() !== 'form-data') throw new MultipartError(`part ${index}: Content-Disposition must be form-data`);
	const params = parameters(disposition, 'Content-Disposition');
	for (const key of Object.keys(params)) if (!['name', 'filename', 'filename*'].includes(key)) throw new MultipartError(`part ${index}: unexpected Content-Disposition parameter ${key}`);
	if (!params.name) throw new MultipartError(`part ${index} has no name`);
	const encoding = headers['content-transfer-encoding'];
	if (encoding !== undefined && !['binary', '8bit', '7bit'].includes(encoding.toLowerCase())) {
		throw new MultipartError(`part ${index}: Content-Transfer-Encoding ${encoding.slice(0, 32)} is not allowed (the bytes must be sent as they are)`);
	}
	return {
		name: params.name,
		...(params.filename !== undefined ? { filename: params.filename } : {}),
		...(headers['content-type'] !== undefined ? { contentType: headers['content-type'] } : {}),
		data: raw.subarray(end + 4),
	};
}

/**
 * @param {string | undefined} contentType the request's Content-Type header @param {Buffer} body
 * @returns {Multipart} throws MultipartError (its message says what is wrong)
 */
function parseMultipart(contentType, body) {
	const boundary = boundaryOf(contentType);
	const first = Buffer.from(`--${boundary}\r\n`);
	if (!body.subarray(0, first.length).equals(first)) throw new MultipartError('the body must start with --boundary and CRLF (no preamble)');
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	/** @type {Part[]} */
	const parts = [];
	let start = first.length;
	for (;;) {
		const at = body.indexOf(delimiter, start);
		if (at < 0) throw new MultipartError('the closing delimiter --boundary-- is missing');
		parts.push(parsePart(body.subarray(start, at), parts.length));
		const after = at + delimiter.length;
		if (body.subarray(after, after + 2).equals(CRLF)) {
			start = after + 2;
			continue;
		}
		if (body.subarray(after, after + 2).toString('latin1') === '--') {
			const rest = body.subarray(after + 2);
			if (rest.length !== 0 && !rest.equals(CRLF)) throw new MultipartError('nothing may follow the closing delimiter but one CRLF');
			break;
		}
		throw new MultipartError('a delimiter must be followed by CRLF or --');
	}
	/** @param {string} name */
	const only = (name) => {
		const found = parts.filter((p) => p.name === name);
		if (found.length !== 1) throw new MultipartError(`exactly one ${name} part is required, got ${found.length}`);
		return found[0];
	};
	const meta = only('meta');
	const file = only('file');
	const other = parts.find((p) => p.name !== 'meta' && p.name !== 'file');
	if (other) throw new MultipartError(`unexpected part ${JSON.stringify(other.name.slice(0, 64))}: only meta and file are allowed`);
	if (meta.contentType !== undefined && meta.contentType.split(';')[0].trim().toLowerCase() !== 'application/json') {
		throw new MultipartError('the meta part must be application/json');
	}
	return { boundary, meta, file };
}

module.exports = { parseMultipart, MultipartError };
