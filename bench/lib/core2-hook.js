'use strict';
// Preloaded (`node -r bench/lib/core2-hook.js …`) for the n8n-core 2.x line of `npm run bench`: every
// `require('n8n-core' | 'n8n-workflow' | '<either>/…')` — by the bench, the engine harness (test/engine) and the
// built package (dist/) alike — resolves to the pair e2e/core2.js installs into the cache (N8N_CORE2_DIR), not to
// the 1.x pair in node_modules. What jest.core2.config.js's moduleNameMapper does for `npm run test:core2`, for
// plain node. Everything else (axios, wechatpay-axios-plugin, …) resolves as usual.
const Module = require('module');
const path = require('path');

const dir = process.env.N8N_CORE2_DIR;
if (!dir) throw new Error('bench/lib/core2-hook.js: N8N_CORE2_DIR is not set (`npm run bench` sets it)');
const modules = path.join(dir, 'node_modules');
const MAPPED = /^(n8n-core|n8n-workflow)(\/.*)?$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveMapped(request, parent, isMain, options) {
	if (MAPPED.test(request)) return resolveFilename.call(this, path.join(modules, request), parent, isMain, options);
	return resolveFilename.call(this, request, parent, isMain, options);
};
