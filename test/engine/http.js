// @ts-check
'use strict';

/**
 * HTTP plumbing for the webhook part of the harness: what n8n's Express server does to a webhook request
 * before a node's webhook() sees it (raw body capture, body parsing), the few Express request/response
 * methods nodes use, and a small HTTP client.
 */

require('./env');

const http = require('node:http');
const path = require('node:path');
const querystring = require('node:querystring');
const zlib = require('node:zlib');
const nodeCore = require('n8n-core');
const { jsonParse } = require('n8n-workflow');

/**
 * n8n-core 1.x exports parseIncomingMessage; 2.x moved it to @n8n/backend-network (a dependency of n8n-core),
 * where n8n 2.x's own body parser takes it from.
 * @type {(message: http.IncomingMessage) => void}
 */
const parseIncomingMessage =
	/** @type {any} */ (nodeCore).parseIncomingMessage ??
	require(require.resolve('@n8n/backend-network', { paths: [path.dirname(require.resolve('n8n-core/package.json'))] })).parseIncomingMessage;

/**
 * The request object a node gets from `this.getRequestObject()`: a real `http.IncomingMessage` with the
 * properties n8n's Express server adds.
 * @typedef {http.IncomingMessage & {
 *   rawBody?: Buffer,
 *   body?: unknown,
 *   query: Record<string, string | string[] | undefined>,
 *   params: Record<string, string>,
 *   path: string,
 *   contentType?: string,
 *   encoding?: BufferEncoding,
 *   readRawBody: () => Promise<void>,
 *   get: (name: string) => string | string[] | undefined,
 *   header: (name: string) => string | string[] | undefined,
 * }} WebhookRequest
 */

/**
 * The response object a node gets from `this.getResponseObject()`: a real `http.ServerResponse` with the
 * Express methods nodes commonly call.
 * @typedef {http.ServerResponse & {
 *   status: (code: number) => WebhookResponse,
 *   set: (field: string | Record<string, string>, value?: string | string[]) => WebhookResponse,
 *   header: (field: string | Record<string, string>, value?: string | string[]) => WebhookResponse,
 *   get: (field: string) => string | number | string[] | undefined,
 *   type: (type: string) => WebhookResponse,
 *   json: (body: unknown) => WebhookResponse,
 *   send: (body?: unknown) => WebhookResponse,
 *   sendStatus: (code: number) => WebhookResponse,
 * }} WebhookResponse
 */

/** An error whose reply n8n sends as `{ code, message, hint? }` with that HTTP status. */
class HttpError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {string} [hint]
	 */
	constructor(status, message, hint) {
		super(message);
		this.status = status;
		this.hint = hint;
	}
}

/**
 * Reads the whole body (gunzipping / inflating like n8n's rawBodyReader) into a Buffer.
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
	/** @type {NodeJS.ReadableStream} */
	let stream = req;
	const encoding = req.headers['content-encoding'];
	if (encoding === 'gzip') stream = req.pipe(zlib.createGunzip());
	else if (encoding === 'deflate') stream = req.pipe(zlib.createInflate());
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/**
 * Turns a Node request into what n8n's server hands to webhook nodes: `contentType`/`encoding` set by
 * n8n-core's `parseIncomingMessage`, the raw bytes on `rawBody` (captured before any parsing), then
 * `body` parsed by content type the way n8n's body parser does (JSON, urlencoded, text/plain; a JSON
 * body that does not parse is a 422, as in n8n). Other content types (XML, multipart, binary) keep only
 * `rawBody`; `body` then stays undefined.
 * @param {http.IncomingMessage} incoming
 * @param {URL} url
 * @param {Record<string, string>} params
 * @returns {Promise<WebhookRequest>}
 */
async function prepareRequest(incoming, url, params) {
	const req = /** @type {WebhookRequest} */ (incoming);
	parseIncomingMessage(req);
	req.query = querystring.parse(url.search.slice(1));
	req.params = params;
	req.path = url.pathname;
	req.get = req.header = (name) => req.headers[name.toLowerCase()];
	req.rawBody = await readBody(req);
	req.readRawBody = async () => {};

	const { rawBody, contentType } = req;
	const encoding = req.encoding ?? 'utf-8';
	if (rawBody.length > 0) {
		try {
			if (contentType === 'application/json') {
				req.body = jsonParse(rawBody.toString(encoding));
			} else if (contentType === 'application/x-www-form-urlencoded') {
				req.body = querystring.parse(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 });
			} else if (contentType === 'text/plain') {
				req.body = rawBody.toString(encoding);
			}
		} catch (error) {
			throw new HttpError(422, 'Failed to parse request body', /** @type {Error} */ (error).message);
		}
	}
	return req;
}

/** @type {Record<string, string>} */
const SHORT_TYPES = {
	json: 'application/json',
	html: 'text/html',
	text: 'text/plain',
	xml: 'application/xml',
	bin: 'application/octet-stream',
};

/**
 * Adds Express's `status`, `set`/`header`, `get`, `type`, `json`, `send`, `sendStatus` to a real
 * ServerResponse (the same semantics for the common cases), and records what is written so the harness
 * can report the reply.
 * @param {http.ServerResponse} serverResponse
 * @returns {{ res: WebhookResponse, replyBody: () => Buffer }}
 */
function prepareResponse(serverResponse) {
	const res = /** @type {WebhookResponse} */ (serverResponse);
	/** @type {Buffer[]} */
	const written = [];
	/** @param {unknown} chunk */
	const capture = (chunk) => {
		if (typeof chunk === 'string') written.push(Buffer.from(chunk));
		else if (chunk instanceof Uint8Array) written.push(Buffer.from(chunk));
	};
	const write = res.write.bind(res);
	const end = res.end.bind(res);
	res.write = /** @type {any} */ ((/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => {
		capture(chunk);
		return write(chunk, ...rest);
	});
	res.end = /** @type {any} */ ((/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => {
		if (typeof chunk !== 'function') capture(chunk);
		return end(chunk, ...rest);
	});

	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.set = res.header = (field, value) => {
		if (typeof field === 'object') {
			for (const [name, v] of Object.entries(field)) res.setHeader(name, v);
		} else if (value !== undefined) {
			res.setHeader(field, value);
		}
		return res;
	};
	res.get = (field) => res.getHeader(field);
	res.type = (type) => {
		res.setHeader('Content-Type', type.includes('/') ? type : (SHORT_TYPES[type] ?? 'application/octet-stream'));
		return res;
	};
	res.json = (body) => {
		if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
		return res.send(JSON.stringify(body));
	};
	res.send = (body) => {
		if (body === undefined || body === null) {
			res.end();
			return res;
		}
		if (typeof body === 'string') {
			const type = res.getHeader('Content-Type');
			if (type === undefined) res.setHeader('Content-Type', 'text/html; charset=utf-8');
			else if (typeof type === 'string' && !/charset=/i.test(type)) res.setHeader('Content-Type', `${type}; charset=utf-8`);
			const buffer = Buffer.from(body);
			res.setHeader('Content-Length', buffer.length);
			res.end(buffer);
			return res;
		}
		if (Buffer.isBuffer(body)) {
			if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/octet-stream');
			res.setHeader('Content-Length', body.length);
			res.end(body);
			return res;
		}
		return res.json(body);
	};
	res.sendStatus = (code) => res.status(code).send(http.STATUS_CODES[code] ?? String(code));

	return { res, replyBody: () => Buffer.concat(written) };
}

/**
 * n8n's error reply: `{ code, message, hint? }` as JSON with the given status.
 * @param {WebhookResponse} res
 * @param {number} status
 * @param {string} message
 * @param {string} [hint]
 */
function sendError(res, status, message, hint) {
	if (res.headersSent) {
		res.end();
		return;
	}
	res.status(status).json(hint === undefined ? { code: status, message } : { code: status, message, hint });
}

/**
 * Matches a request path against a webhook path whose segments may be `:name` parameters.
 * @param {string} pattern e.g. '/webhook/abc/user/:id'
 * @param {string} pathname
 * @returns {Record<string, string> | undefined} the parameters, or undefined when it does not match
 */
function matchPath(pattern, pathname) {
	const want = pattern.split('/');
	const got = pathname.split('/');
	if (want.length !== got.length) return undefined;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
		else if (decodeURIComponent(want[i]) !== decodeURIComponent(got[i])) return undefined;
	}
	return params;
}

/**
 * @typedef {object} HttpReply
 * @property {number} status
 * @property {http.IncomingHttpHeaders} headers
 * @property {Buffer} rawBody
 * @property {string} body the body as UTF-8 text
 * @property {unknown} json the body parsed as JSON, or undefined when it is not JSON
 * @property {number | undefined} localPort the client port the request was sent from
 */

/**
 * A one-shot HTTP request (no connection reuse, so nothing stays open after it).
 * @param {string} url
 * @param {object} [options]
 * @param {string} [options.method] default POST when there is a body, else GET
 * @param {Record<string, string>} [options.headers]
 * @param {string | Buffer | object} [options.body] an object is sent as JSON
 * @param {number} [options.timeoutMs] default 5000
 * @returns {Promise<HttpReply>}
 */
function httpRequest(url, { method, headers = {}, body, timeoutMs = 5000 } = {}) {
	/** @type {Record<string, string>} */
	const sendHeaders = { ...headers };
	/** @type {Buffer | undefined} */
	let payload;
	if (typeof body === 'string') payload = Buffer.from(body);
	else if (Buffer.isBuffer(body)) payload = body;
	else if (body !== undefined) {
		payload = Buffer.from(JSON.stringify(body));
		if (!Object.keys(sendHeaders).some((h) => h.toLowerCase() === 'content-type')) {
			sendHeaders['Content-Type'] = 'application/json';
		}
	}
	if (payload) sendHeaders['Content-Length'] = String(payload.length);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: method ?? (payload ? 'POST' : 'GET'), headers: sendHeaders, agent: false }, (res) => {
			const localPort = res.socket.localPort;
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const rawBody = Buffer.concat(chunks);
				const text = rawBody.toString('utf8');
				/** @type {unknown} */
				let json;
				try {
					json = text === '' ? undefined : JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, rawBody, body: text, json, localPort });
			});
		});
		req.setTimeout(timeoutMs, () =>
			req.destroy(new Error(`No reply from ${url} within ${timeoutMs} ms (did the node return noWebhookResponse without answering?)`)),
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * Starts an HTTP server on 127.0.0.1 (random port).
 * @param {http.RequestListener} listener
 * @returns {Promise<{ server: http.Server, port: number, close: () => Promise<void> }>}
 */
async function listen(listener) {
	const server = http.createServer(listener);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const close = () =>
		new Promise((resolve) => {
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		});
	return { server, port, close: /** @type {() => Promise<void>} */ (close) };
}

module.exports = { HttpError, prepareRequest, prepareResponse, sendError, matchPath, httpRequest, listen };
