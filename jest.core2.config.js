// `npm run test:core2` (e2e/core2.js): the tests of jest.config.js, with n8n-core and n8n-workflow — for the
// tests, the harness and the product code alike — taken from the n8n 2.x pair installed in N8N_CORE2_DIR.
const path = require('path');
const base = require('./jest.config');

const dir = process.env.N8N_CORE2_DIR;
if (!dir) throw new Error('jest.core2.config.js: run it with `npm run test:core2`, which installs n8n-core 2.x and sets N8N_CORE2_DIR');
const modules = path.join(dir, 'node_modules');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	moduleNameMapper: { '^(n8n-core|n8n-workflow)(/.*)?$': `${modules}/$1$2` },
	// its own transform cache: the mapped modules differ from `npm test`'s
	cacheDirectory: path.join(require('os').tmpdir(), 'jest-n8n-core2'),
};
