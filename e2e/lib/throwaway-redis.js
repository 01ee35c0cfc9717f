// @ts-check
// A Redis server of its own for one test run: Debian's redis-server on 127.0.0.1, a free port, a random
// password, nothing saved to disk, stopped at the end. Never the machine's own Redis.
'use strict';

const crypto = require('crypto');
const path = require('path');
const { createRequire } = require('module');
const { freePort } = require('./n8n');
const { start } = require('./processes');

/**
 * @param {object} o
 * @param {string} o.dir                a folder for its log
 * @param {string} o.ioredisFrom        a folder whose node_modules has `ioredis` (n8n's install): used to read it
 */
async function startRedis({ dir, ioredisFrom }) {
	const port = await freePort();
	const password = crypto.randomBytes(18).toString('base64url');
	let resolveReady;
	const ready = new Promise((r) => (resolveReady = r));
	const server = start(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--requirepass', password],
		{ logFile: path.join(dir, 'redis.log'), onLine: (line) => /Ready to accept connections/.test(line) && resolveReady() },
	);
	const exited = server.exited.then(({ code, signal }) => {
		throw new Error(`redis-server exited (${code ?? signal}); log: ${dir}/redis.log`);
	});
	const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('redis-server not ready after 30 s')), 30_000).unref());
	await Promise.race([ready, exited, timeout]);
	exited.catch(() => {});
	const Redis = createRequire(path.join(ioredisFrom, 'package.json'))('ioredis');

	/** Every key with its value as text (strings, hashes, lists, sets, sorted sets, streams). */
	async function dumpAll() {
		const redis = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, maxRetriesPerRequest: 1 });
		await redis.connect();
		try {
			/** @type {Record<string, string>} */
			const out = {};
			let cursor = '0';
			do {
				const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
				cursor = next;
				for (const key of keys) {
					const type = await redis.type(key);
					const value =
						type === 'string' ? await redis.get(key)
						: type === 'hash' ? await redis.hgetall(key)
						: type === 'list' ? await redis.lrange(key, 0, -1)
						: type === 'set' ? await redis.smembers(key)
						: type === 'zset' ? await redis.zrange(key, 0, -1, 'WITHSCORES')
						: type === 'stream' ? await redis.xrange(key, '-', '+')
						: `(${type})`;
					out[key] = JSON.stringify(value);
				}
			} while (cursor !== '0');
			return out;
		} finally {
			redis.disconnect();
		}
	}

	return {
		n8nEnv: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port), QUEUE_BULL_REDIS_PASSWORD: password },
		port,
		logFile: path.join(dir, 'redis.log'),
		dumpAll,
		stop: () => server.stop(10_000),
	};
}

module.exports = { startRedis };
