'use strict';
// Where the bench finds the built package, the test harness and the sandbox.
const path = require('path');
const fs = require('fs');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const RESULTS = path.join(ROOT, 'bench', 'results');

/** Loads a module from the built package (dist/), with a clear message when `npm run build` has not run. */
function fromDist(relative) {
	const file = path.join(DIST, relative);
	if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (or \`npm run bench\`)`);
	return require(file);
}

module.exports = { ROOT, DIST, RESULTS, fromDist };
