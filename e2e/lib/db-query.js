// @ts-check
// Reads n8n's SQLite database with the sqlite3 module n8n itself installed. Runs as a child process under the
// n8n's own Node (the module is built for that Node's ABI, which for n8n 2.x is not the runner's Node 20).
// Usage: <node> db-query.js <n8n install dir> <database.sqlite> <sql> [params JSON]  → prints rows as JSON.
'use strict';

const path = require('path');

const [installDir, dbFile, sql, params = '[]'] = process.argv.slice(2);
const { createRequire } = require('module');
const n8nRequire = createRequire(path.join(installDir, 'node_modules', 'n8n', 'package.json'));
const sqlite3 = n8nRequire('sqlite3');

const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (openError) => {
	if (openError) fail(openError);
	db.configure('busyTimeout', 5000); // n8n may be writing at the same moment
	db.all(sql, JSON.parse(params), (error, rows) => {
		if (error) fail(error);
		process.stdout.write(JSON.stringify(rows));
		db.close();
	});
});

function fail(error) {
	process.stderr.write(`db-query: ${error.message}\n`);
	process.exit(1);
}
