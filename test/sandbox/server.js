// @ts-check
'use strict';
/**
 * The HTTP side of the sandbox: routing, the WeChat Pay check order, fault injection, stats and the request log.
 *
 * Order of checks (each failure answers `{code, message, detail?}` unsigned, with a Request-ID):
 *   route (404 NOT_FOUND / 405) → body size (413; the image upload allows 3 MiB) → 1 Accept + User-Agent
 *   (400 INVALID_REQUEST) → 1b image upload only: multipart/form-data structure (400 INVALID_REQUEST), since the
 *   signature is over its `meta` part → 2 Authorization (401 SIGN_ERROR) → 3 Wechatpay-Serial (400 INVALID_REQUEST)
 *   → fault draw → 4 rate limit of the endpoint's class (429 RATELIMIT_EXCEEDED) → 5 Content-Type + body
 *   (POST/PATCH/PUT: application/json and a body; GET/DELETE: no body) → 6 the endpoint's handler (models/)
 *   → 7 signed 2xx answer (or, for the bill file download, the file without Wechatpay-* headers).
 * A business error's numeric code (digest §9.2) is appended to the Request-ID: `<hex>-<number>`.
 */
const http = require('http');
const { authenticate } = require('./auth');
const { drawFault, signedResponse, tamperedFile, DEFAULT_SLOW_MS } = require('./faults');
const { newRequestId } = require('./signing');
const { ApiError } = require('./errors');
const { route } = require('./router');
const { ROUTES } = require('./routes');
const { parseMultipart, MultipartError } = require('./multipart');
const { tick } = require('./models/world');

const MAX_BODY_BYTES = 64 * 1024;
const MAX_DISCARD_BYTES = 8 * 1024 * 1024;

const MESSAGES = {
	missingAcceptOrUserAgent: 'Http头缺少Accept或User-Agent',
	signFormat: 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
	signAccount: '商户号或品牌ID与签名信息不匹配',
	signTimestamp: 'Http头Authorization中的timestamp无效或已过期',
	signSerial: '商户API证书序列号serial_no错误',
	signSignature: '错误的签名，验签失败',
	wechatpaySerial: 'Http头Wechatpay-Serial缺失或不正确',
	rateLimited: '请求频率超过限制，请稍后再试',
	contentType: 'Http头Content-Type必须为application/json',
	multipart: '请求格式错误：图片上传须为multipart/form-data',
	missingBody: '请求体为空',
	getWithBody: 'GET请求不能带请求体',
	notFound: '请求的资源不存在',
	methodNotAllowed: '不支持的HTTP方法',
	tooLarge: '请求体过大',
	systemError: '系统错误',
	serviceUnavailable: '服务不可用，请稍后重试',
};

/**
 * @typedef {{ requests: number, byAccount: Record<string, number>, responses: Record<string, number>, codes: Record<string, number>, faultsInjected: number }} Stats
 * @typedef {{ method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string,
 *   status: number, code: string | null, requestId: string, accountId: string | null, fault?: string }} LogEntry
 * @typedef {{ accounts: import('./accounts').AccountRegistry, world: import('./models/world').World,
 *   events: import('./models/world').Events, now: () => number, rateLimits: Record<import('./router').RateClass, number>,
 *   monotonicMs: () => number, stats: Stats, requests: LogEntry[], down: boolean,
 *   pendingSlow: Set<{ timer: NodeJS.Timeout, socket: import('net').Socket }>, settings: import('./router').Settings }} SandboxState
 */

/** `wechatpay-signature-type` → `Wechatpay-Signature-Type` @param {string} name */
function canonicalHeaderName(name) {
	return name.split('-').map((w) => (w === 'id' ? 'ID' : w.charAt(0).toUpperCase() + w.slice(1))).join('-');
}

/** @param {Stats} stats */
function clearStats(stats) {
	stats.requests = 0;
	stats.byAccount = {};
	stats.responses = {};
	stats.codes = {};
	stats.faultsInjected = 0;
}

/** @param {SandboxState} state @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function handleRequest(state, req, res) {
	const socket = req.socket;
	if (state.down) {
		socket.destroy();
		return;
	}
	const baseRequestId = newRequestId();
	/** Request-ID of the answer: with `-<numeric code>` when a business error carries one */
	let requestId = baseRequestId;
	const method = req.method || '';
	const url = req.url || '';
	/** @type {LogEntry} */
	const entry = { method, path: url, headers: { ...req.headers }, body: '', status: 0, code: null, requestId, accountId: null };
	state.stats.requests += 1;
	state.requests.push(entry);
	let answered = false;
	/** set by the `slow` fault: every answer to this request is written only after this many ms */
	let delayMs = 0;
	/** set by the `http500AfterApply` fault: the request is processed, then whatever it answers is replaced by a 500 */
	let answerLost = false;

	/** @param {number} status @param {Record<string, string>} headers @param {Buffer} body @param {string | null} code @param {boolean} [close] */
	function reply(status, headers, body, code, close) {
		if (answered) return;
		if (delayMs > 0) {
			const wait = delayMs;
			delayMs = 0;
			const pending = {
				timer: setTimeout(() => {
					state.pendingSlow.delete(pending);
					reply(status, headers, body, code, close);
				}, wait),
				socket,
			};
			pending.timer.unref();
			state.pendingSlow.add(pending);
			return;
		}
		if (answerLost) {
			answerLost = false;
			requestId = baseRequestId;
			const lost = Buffer.from(JSON.stringify({ code: 'SYSTEM_ERROR', message: MESSAGES.systemError }), 'utf8');
			return reply(500, { 'content-type': 'application/json; charset=utf-8' }, lost, 'SYSTEM_ERROR', close);
		}
		answered = true;
		entry.status = status;
		entry.requestId = requestId;
		entry.code = code;
		state.stats.responses[String(status)] = (state.stats.responses[String(status)] || 0) + 1;
		if (code) state.stats.codes[code] = (state.stats.codes[code] || 0) + 1;
		if (socket.destroyed) return;
		/** @type {Record<string, string | number>} */
		const out = { 'Request-ID': requestId };
		for (const [name, value] of Object.entries(headers)) out[canonicalHeaderName(name)] = value;
		if (status !== 204) out['Content-Length'] = body.length;
		if (close) out.Connection = 'close';
		res.writeHead(status, out);
		res.end(status === 204 ? undefined : body);
	}
	/**
	 * @param {number} status @param {string} code @param {string} message @param {Record<string, unknown>} [detail]
	 * @param {boolean} [close] @param {number} [numeric] business code, appended to the Request-ID
	 */
	function fail(status, code, message, detail, close, numeric) {
		if (numeric !== undefined) requestId = `${baseRequestId}-${numeric}`;
		const payload = detail ? { code, message, detail } : { code, message };
		reply(status, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(payload), 'utf8'), code, close);
	}
	function resetConnection() {
		answered = true;
		entry.status = 0;
		entry.code = 'RESET';
		state.stats.responses.reset = (state.stats.responses.reset || 0) + 1;
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
	}

	// ---- the route decides the body limit (the image upload carries up to 2 MB of image) ----
	const q = url.indexOf('?');
	const pathname = q < 0 ? url : url.slice(0, q);
	const found = route(ROUTES, method, pathname);
	const maxBodyBytes = 'match' in found && found.match.route.maxBodyBytes !== undefined ? found.match.route.maxBodyBytes : MAX_BODY_BYTES;

	// ---- read the raw body, bounded ----
	const declared = Number(req.headers['content-length'] || 0);
	/** @type {Buffer[]} */
	const chunks = [];
	let received = 0;
	let tooLarge = false;
	req.on('error', () => socket.destroy());
	if (declared > maxBodyBytes) {
		tooLarge = true;
		fail(413, 'INVALID_REQUEST', MESSAGES.tooLarge, { issue: `body larger than ${maxBodyBytes} bytes` }, true);
	}
	req.on('data', (/** @type {Buffer} */ chunk) => {
		received += chunk.length;
		if (received > MAX_DISCARD_BYTES) socket.destroy();
		if (tooLarge) return;
		if (received > maxBodyBytes) {
			tooLarge = true;
			fail(413, 'INVALID_REQUEST', MESSAGES.tooLarge, { issue: `body larger than ${maxBodyBytes} bytes` }, true);
			return;
		}
		chunks.push(chunk);
	});
	req.on('end', () => {
		if (tooLarge) return;
		const body = Buffer.concat(chunks);
		entry.body = body.length > MAX_BODY_BYTES ? `${body.subarray(0, MAX_BODY_BYTES).toString('utf8')}…` : body.toString('utf8');
		try {
			processRequest(body);
		} catch (error) {
			if (error instanceof ApiError) fail(error.status, error.code, error.apiMessage, error.detail, false, error.numeric);
			else fail(500, 'SYSTEM_ERROR', MESSAGES.systemError, { issue: `sandbox bug: ${error instanceof Error ? error.message : String(error)}` });
		}
	});

	/** @param {Buffer} body */
	function processRequest(body) {
		if ('notFound' in found) return fail(404, 'NOT_FOUND', MESSAGES.notFound, { issue: `no such endpoint ${pathname.slice(0, 200)}` });
		if ('allowed' in found) return fail(405, 'METHOD_NOT_ALLOWED', MESSAGES.methodNotAllowed, { issue: `${method} not allowed; use ${[...found.allowed].sort().join(' or ')}` });
		const { route: endpoint, accountType, params } = found.match;

		// 1. Accept and User-Agent
		if (!req.headers.accept || !req.headers['user-agent']) return fail(400, 'INVALID_REQUEST', MESSAGES.missingAcceptOrUserAgent);

		// 1b. the image upload: the multipart structure first, since what is signed is its meta part (digest §8)
		/** @type {import('./multipart').Multipart | undefined} */
		let multipart;
		if (endpoint.body === 'multipart') {
			try {
				multipart = parseMultipart(req.headers['content-type'], body);
			} catch (error) {
				if (error instanceof MultipartError) return fail(400, 'INVALID_REQUEST', MESSAGES.multipart, { issue: error.message });
				throw error;
			}
		}

		// 2. Authorization
		const nowMs = state.now();
		const auth = authenticate({
			method,
			url,
			authorization: req.headers.authorization,
			body: multipart ? multipart.meta.data : body,
			accountType,
			nowMs,
			findAccount: (type, id) => state.accounts.find(type, id),
		});
		const account = auth.account;
		if (account) {
			entry.accountId = account.id;
			state.stats.byAccount[account.id] = (state.stats.byAccount[account.id] || 0) + 1;
		}
		if (auth.issue !== undefined || !auth.account) {
			const issue = auth.issue || 'authentication failed';
			const kind = issue.startsWith('timestamp') ? MESSAGES.signTimestamp
				: issue.startsWith('serial_no') ? MESSAGES.signSerial
				: issue.startsWith('signature') ? MESSAGES.signSignature
				: issue.startsWith('unknown') ? MESSAGES.signAccount
				: MESSAGES.signFormat;
			return fail(401, 'SIGN_ERROR', kind, { issue });
		}
		const acct = auth.account;

		// 3. Wechatpay-Serial. The doc makes it REQUIRED for brands; WeChat Pay does not publish the error code for a
		// missing/wrong one. We answer 400 INVALID_REQUEST ("the request breaks APIv3 rules"), not 401: the signature
		// itself was valid, the request is malformed.
		const wechatpaySerial = req.headers['wechatpay-serial'];
		if (accountType === 'brand') {
			if (wechatpaySerial !== acct.publicKeyId) {
				return fail(400, 'INVALID_REQUEST', MESSAGES.wechatpaySerial, { issue: wechatpaySerial === undefined ? 'Wechatpay-Serial header is required for brand requests' : 'Wechatpay-Serial does not name this brand\'s WeChat Pay public key id' });
			}
		} else if (wechatpaySerial !== undefined) {
			const known = [acct.publicKeyId, ...acct.platformCertificates.map((c) => c.serial)].filter(Boolean);
			if (typeof wechatpaySerial !== 'string' || !known.includes(wechatpaySerial)) {
				return fail(400, 'INVALID_REQUEST', MESSAGES.wechatpaySerial, { issue: 'Wechatpay-Serial names neither the WeChat Pay public key id nor a platform certificate of this account' });
			}
		}

		// faults (after authentication)
		const drawn = drawFault(acct);
		if (drawn) entry.fault = drawn.fault;
		const injected = () => {
			state.stats.faultsInjected += 1;
		};
		switch (drawn && drawn.fault) {
			case 'http429':
				injected();
				return fail(429, 'RATELIMIT_EXCEEDED', MESSAGES.rateLimited);
			case 'http500':
				injected();
				return fail(500, 'SYSTEM_ERROR', MESSAGES.systemError);
			case 'http503':
				injected();
				return fail(503, 'SERVICE_UNAVAILABLE', MESSAGES.serviceUnavailable);
			case 'http502':
			case 'http504': {
				// gateway-generated pages: HTML, not WeChat Pay JSON
				injected();
				const status = drawn && drawn.fault === 'http502' ? 502 : 504;
				const text = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
				return reply(status, { 'content-type': 'text/html' }, Buffer.from(`<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`), null);
			}
			case 'reset':
				injected();
				return resetConnection();
			case 'http500AfterApply':
				injected();
				answerLost = true;
				break;
			case 'slow':
				// processed now (like a server that applied the change but answers late), answered after the delay
				injected();
				delayMs = drawn && drawn.slowMs !== undefined ? drawn.slowMs : DEFAULT_SLOW_MS;
				break;
			default:
				break;
		}

		// 4. rate limit: sliding one-second window per account and endpoint class, counting accepted requests (monotonic clock)
		const t = state.monotonicMs();
		const recent = (acct.rateWindows[endpoint.rateClass] || []).filter((x) => t - x < 1000);
		acct.rateWindows[endpoint.rateClass] = recent;
		if (recent.length >= state.rateLimits[endpoint.rateClass]) return fail(429, 'RATELIMIT_EXCEEDED', MESSAGES.rateLimited);
		recent.push(t);

		// 5. body rules shared by every endpoint
		if (endpoint.body === 'json') {
			const contentType = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
			if (contentType !== 'application/json') return fail(400, 'INVALID_REQUEST', MESSAGES.contentType, { issue: 'Content-Type: application/json is required' });
			if (body.length === 0) return fail(400, 'INVALID_REQUEST', MESSAGES.missingBody, { issue: `${method} without a body` });
		} else if (endpoint.body === 'none' && body.length > 0) return fail(400, 'INVALID_REQUEST', MESSAGES.getWithBody, { issue: `a ${method} request must not have a body` });

		// 6. the operation itself (throws ApiError when refused); due audits finish first
		tick(state.world, nowMs);
		const answer = endpoint.handler({
			account: acct,
			accountType,
			method,
			url,
			params,
			query: q < 0 ? null : url.slice(q + 1),
			body,
			nowMs,
			world: state.world,
			events: state.events,
			settings: state.settings,
			...(multipart ? { multipart } : {}),
		});

		// 7a. a file download: written as is, without Wechatpay-* headers; only the download faults alter it
		const drawnName = drawn ? drawn.fault : null;
		if (answer.unsigned) {
			let bytes = answer.body;
			if (drawnName === 'tamperedBillFile') {
				injected();
				bytes = tamperedFile(bytes);
			}
			return reply(answer.status, answer.headers || {}, bytes, null);
		}
		// 7b. signed answer (response faults alter it)
		const fault = drawnName && drawnName !== 'slow' && drawnName !== 'http500AfterApply' && drawnName !== 'tamperedBillFile' ? drawnName : null;
		if (fault) injected();
		const r = signedResponse(acct, answer.status, answer.body, state.now(), fault, answer.signer === 'platformCertificate');
		reply(r.status, { ...r.headers, ...(answer.headers || {}) }, r.body, null);
	}
}

/** @param {SandboxState} state @returns {http.Server} */
function createSandboxServer(state) {
	const server = http.createServer((req, res) => handleRequest(state, req, res));
	server.headersTimeout = 10000;
	server.requestTimeout = 30000;
	server.keepAliveTimeout = 5000;
	server.on('clientError', (err, socket) => {
		if (!socket.writable || /** @type {NodeJS.ErrnoException} */ (err).code === 'ECONNRESET') {
			socket.destroy();
			return;
		}
		const code = /** @type {NodeJS.ErrnoException} */ (err).code;
		const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
		const baseRequestId = newRequestId();
	/** Request-ID of the answer: with `-<numeric code>` when a business error carries one */
	let requestId = baseRequestId;
		const body = JSON.stringify({ code: 'INVALID_REQUEST', message: '请求格式错误', detail: { issue: String(code || err.message) } });
		state.stats.requests += 1;
		state.stats.responses[String(status)] = (state.stats.responses[String(status)] || 0) + 1;
		state.stats.codes.INVALID_REQUEST = (state.stats.codes.INVALID_REQUEST || 0) + 1;
		state.requests.push({ method: '', path: '', headers: {}, body: '', status, code: 'INVALID_REQUEST', requestId, accountId: null });
		socket.end(
			`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nRequest-ID: ${requestId}\r\nContent-Type: application/json; charset=utf-8\r\n` +
				`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
		);
	});
	return server;
}

module.exports = { createSandboxServer, clearStats, MAX_BODY_BYTES };
