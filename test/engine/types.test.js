// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { generate } = require('./build-types');

test('the harness type-checks (strict, from its JSDoc) and its .d.ts files are up to date', () => {
	const { diagnostics, outputs } = generate();
	expect(diagnostics).toEqual([]);
	expect(outputs.size).toBeGreaterThan(0);
	for (const [name, text] of outputs) {
		const current = fs.readFileSync(path.join(__dirname, name), 'utf8');
		// If this fails after editing the harness: node test/engine/build-types.js
		expect({ file: name, text: current }).toEqual({ file: name, text });
	}
}, 30000);
