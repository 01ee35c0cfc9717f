// @ts-check
// A PostgreSQL server of its own for one test run: Debian's postgresql binaries, a fresh cluster in a temporary
// folder, 127.0.0.1 on a free port, a random password, stopped (and its folder removed) at the end. Never the
// machine's own cluster.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');
const { freePort } = require('./n8n');
const { run, start } = require('./processes');

/** Debian's server binaries (postgresql-NN), newest version first; null when the package is missing. */
function serverBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/**
 * initdb and postgres refuse to run as root: as root they run as Debian's `postgres` user.
 * @param {string} cmd @param {string[]} args @returns {[string, string[]]}
 */
function asServerUser(cmd, args) {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * The cluster, its socket and its log go to a new folder under the system's temporary folder (owned by
 * `postgres` when we are root, so it must not sit inside a root-only folder); remove() deletes it.
 * @param {object} o
 * @param {string} o.pgModuleFrom a folder whose node_modules has `pg` (n8n's install): used for the queries
 */
async function startPostgres({ pgModuleFrom }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wechatpay-postgres-'));
	const bin = serverBinDir();
	if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
	const user = 'n8n';
	const password = crypto.randomBytes(18).toString('base64url');
	const database = 'n8n';
	const port = await freePort();
	const dataDir = path.join(dir, 'data');
	const pwFile = path.join(dir, 'pw');
	fs.writeFileSync(pwFile, password, { mode: 0o600 });
	if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', dir], { timeoutMs: 30_000 });
	try {
		await run(...asServerUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=reject', '-E', 'UTF8', '--no-instructions']), {
			timeoutMs: 120_000,
			logFile: path.join(dir, 'initdb.log'),
		});
	} finally {
		fs.rmSync(pwFile, { force: true });
	}
	const server = start(
		...asServerUser(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off']),
		{ logFile: path.join(dir, 'postgres.log') },
	);
	const pg = createRequire(path.join(pgModuleFrom, 'package.json'))('pg');
	pg.types.setTypeParser(20, Number); // count(*) and bigint ids as numbers, not strings
	const { Client } = pg;
	const connect = async (db) => {
		const client = new Client({ host: '127.0.0.1', port, user, password, database: db });
		await client.connect();
		return client;
	};
	// ready when it accepts a connection
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			const c = await connect('postgres');
			await c.query(`CREATE DATABASE ${database}`);
			await c.end();
			break;
		} catch (error) {
			if (server.child.exitCode !== null) throw new Error(`postgres exited; log: ${dir}/postgres.log`);
			if (Date.now() > deadline) throw new Error(`postgres not ready after 60 s: ${error.message}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	/** Rows of one query (parameters $1, $2, ...). */
	async function query(sql, params = []) {
		const c = await connect(database);
		try {
			return (await c.query(sql, params)).rows;
		} finally {
			await c.end();
		}
	}

	/** The whole database as SQL text (pg_dump), e.g. to scan it for secrets. */
	async function dump() {
		const { output } = await run(path.join(bin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '--no-owner', database], {
			env: { PATH: process.env.PATH, PGPASSWORD: password },
			timeoutMs: 120_000,
		});
		return output;
	}

	return {
		/** n8n's settings for this database */
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: password,
		},
		port,
		dir,
		logFile: path.join(dir, 'postgres.log'),
		query,
		dump,
		stop: () => server.stop(20_000),
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

module.exports = { startPostgres, serverBinDir };
