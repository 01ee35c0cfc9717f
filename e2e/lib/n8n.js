// @ts-check
// One real n8n "instance": a user folder plus the CLI commands and the server that use it. Everything listens
// on 127.0.0.1; the user folder is never ~/.n8n.
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');
const { run, start } = require('./processes');

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for n8n to take). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/**
 * @param {ReturnType<import('./flavours').flavour>} f
 * @param {object} o
 * @param {string} o.userFolder
 * @param {number} o.port
 * @param {string} o.logDir
 * @param {string} [o.logPrefix]  for several n8n processes sharing one log folder (queue mode)
 * @param {Record<string, string>} [o.envOverrides]  e.g. queue mode's database and Redis settings
 * @param {(sql: string, params?: any[]) => Promise<any[]>} [o.query]  instead of reading the SQLite database
 */
async function createN8n(f, { userFolder, port, logDir, logPrefix = '', envOverrides = {}, query: customQuery }) {
	if (!logPrefix) fs.rmSync(logDir, { recursive: true, force: true }); // only this run's logs (npm run dev reuses the folder)
	fs.mkdirSync(logDir, { recursive: true });
	const baseUrl = `http://127.0.0.1:${port}`;
	const brokerPort = await freePort();
	// The one folder n8n's file nodes may read and write (2.x restricts them to ~/.n8n-files by default).
	const filesDir = path.join(userFolder, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	const env = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TZ: process.env.TZ || 'UTC',
		N8N_USER_FOLDER: userFolder, // n8n keeps everything in <userFolder>/.n8n
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		// 1.x reads WEBHOOK_URL, 2.x N8N_WEBHOOK_URL (and warns about the old name)
		...(f.name === 'n8n2' ? { N8N_WEBHOOK_URL: `${baseUrl}/` } : { WEBHOOK_URL: `${baseUrl}/` }),
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_SECURE_COOKIE: 'false',
		// no calls home: this machine reaches only the package registries
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		// 1.x: no task runner process (no Code node here); 2.x always has one and calls the variable obsolete
		...(f.name === 'n8n2' ? {} : { N8N_RUNNERS_ENABLED: 'false' }),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort), // 2.x: its broker must not collide with another instance
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'info', // `n8n execute` prints its result through the info log
		N8N_LOG_OUTPUT: 'console',
		// 2.41.x: the new expression engine sometimes segfaults `n8n execute` after it printed
		...(f.name === 'n8n2' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2', // WAL: the CLI commands can read while the server writes
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		NODE_ENV: 'production',
		...envOverrides,
	};
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	let commandNo = 0;

	/**
	 * Run one n8n CLI command to its end; its output is kept in logDir. Each command gets a task-runner broker
	 * port of its own (2.x starts a broker in `execute` too), so a command can run while the server does.
	 */
	async function cli(args, o = {}) {
		const logFile = path.join(logDir, `${logPrefix}${String(++commandNo).padStart(2, '0')}-${args[0].replace(/[^a-z:]/gi, '')}.log`);
		const commandEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return run(f.nodeBin, [f.n8nBin, ...args], { env: commandEnv, logFile, timeoutMs: o.timeoutMs ?? 180_000, allowFailure: o.allowFailure });
	}

	/** The file is written with mode 0600 and removed after the import: it holds the sandbox keys. */
	async function importJson(kind, list) {
		const file = path.join(userFolder, `import-${kind}-${process.pid}.json`);
		fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
		try {
			await cli([`import:${kind}`, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async function activate(workflowId) {
		if (f.name === 'n8n2') await cli(['publish:workflow', `--id=${workflowId}`]);
		else await cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/**
	 * `n8n execute --rawOutput`: the run as JSON, after any log lines. Judged by what it printed, not only the
	 * exit code (n8n 2.41 may crash after printing).
	 */
	async function execute(workflowId) {
		const { code, signal, output } = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFailure: true });
		const lines = output.split('\n');
		const first = lines.indexOf('{');
		const last = lines.lastIndexOf('}');
		if (first < 0 || last < first) throw new Error(`n8n execute --id=${workflowId} printed no run (exit ${code ?? signal}):\n${lines.slice(-20).join('\n')}`);
		return { code, signal, run: JSON.parse(lines.slice(first, last + 1).join('\n')) };
	}

	/** Rows from n8n's database, read by a child under n8n's own Node. */
	async function query(sql, params = []) {
		if (customQuery) return customQuery(sql, params);
		const script = path.join(__dirname, 'db-query.js');
		const { output } = await run(f.nodeBin, [script, f.dir, dbFile, sql, JSON.stringify(params)], { env: { PATH: process.env.PATH }, timeoutMs: 30_000 });
		return JSON.parse(output);
	}

	/**
	 * The server, running until stop(). Resolves when the editor is up and every URL in `webhooks` is registered.
	 * /healthz/readiness answers before active workflows' webhooks exist, and 2.x logs no line when they do, so
	 * each production webhook is probed with OPTIONS (n8n's CORS pre-flight: 404 until registered, runs no node).
	 */
	async function startServer({ webhooks = [], timeoutMs = 120_000 } = {}) {
		let resolveEditorUp;
		const editorUp = new Promise((r) => (resolveEditorUp = r));
		const server = start(f.nodeBin, [f.n8nBin, 'start'], {
			env,
			logFile: path.join(logDir, `${logPrefix}n8n-start.log`),
			onLine: (line) => /Editor is now accessible/.test(line) && resolveEditorUp(),
		});
		const deadline = Date.now() + timeoutMs;
		const ready = (async () => {
			await editorUp;
			const until = async (what, test) => {
				while (!(await test())) {
					if (Date.now() > deadline) throw new Error(`n8n start: ${what} after ${timeoutMs / 1000} s`);
					await new Promise((r) => setTimeout(r, 250));
				}
			};
			// 2.x: `publish:workflow` leaves an outbox record that the server applies after start-up, taking the
			// webhooks down and up again; only after that are they there to stay.
			if (f.name === 'n8n2') await until('publication outbox not drained', publicationsApplied);
			for (const url of webhooks) await until(`${url} not registered`, () => registered(url));
		})();
		const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`n8n start: not ready after ${timeoutMs / 1000} s (log: ${logDir}/${logPrefix}n8n-start.log)`)), timeoutMs).unref());
		const exited = server.exited.then(({ code, signal }) => {
			throw new Error(`n8n start exited early (${code ?? signal}); log: ${logDir}/${logPrefix}n8n-start.log`);
		});
		try {
			await Promise.race([ready, timeout, exited]);
		} catch (error) {
			await server.stop();
			throw error;
		}
		exited.catch(() => {}); // a later exit is the caller's stop()
		return { stop: () => server.stop(15_000), exited: server.exited };
	}

	/**
	 * Another long-running n8n command (queue mode: `worker`, `webhook`), running until stop(). Resolves when
	 * a line of its output matches `ready`.
	 * @param {{ args: string[], ready: RegExp, logName: string, timeoutMs?: number }} o
	 */
	async function startCommand({ args, ready, logName, timeoutMs = 120_000 }) {
		const logFile = path.join(logDir, `${logPrefix}${logName}.log`);
		let resolveReady;
		const isReady = new Promise((r) => (resolveReady = r));
		const proc = start(f.nodeBin, [f.n8nBin, ...args], { env, logFile, onLine: (line) => ready.test(line) && resolveReady() });
		const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`n8n ${args[0]}: not ready after ${timeoutMs / 1000} s (log: ${logFile})`)), timeoutMs).unref());
		const exited = proc.exited.then(({ code, signal }) => {
			throw new Error(`n8n ${args[0]} exited early (${code ?? signal}); log: ${logFile}`);
		});
		try {
			await Promise.race([isReady, timeout, exited]);
		} catch (error) {
			await proc.stop();
			throw error;
		}
		exited.catch(() => {});
		return { stop: () => proc.stop(15_000), exited: proc.exited, logFile };
	}

	async function publicationsApplied() {
		const [row] = await query("SELECT count(*) AS n FROM workflow_publication_outbox WHERE status IN ('pending', 'in_progress')");
		return row.n === 0;
	}

	async function registered(url) {
		try {
			const res = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(5_000) });
			return res.status >= 200 && res.status < 300;
		} catch {
			return false;
		}
	}

	/** The production URL of a trigger node's webhook. */
	const webhookUrl = (webhookId, webhookPath) => `${baseUrl}/webhook/${webhookId}/${webhookPath}`;

	/** Waits (bounded) until the running server has registered this production webhook (OPTIONS probe as above). */
	async function waitForWebhook(url, timeoutMs = 30_000) {
		const deadline = Date.now() + timeoutMs;
		while (!(await registered(url))) {
			if (Date.now() > deadline) throw new Error(`${url} not registered after ${timeoutMs / 1000} s`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	return { env, baseUrl, dbFile, userFolder, filesDir, cli, importJson, activate, execute, query, startServer, startCommand, webhookUrl, waitForWebhook };
}

module.exports = { createN8n, freePort };
