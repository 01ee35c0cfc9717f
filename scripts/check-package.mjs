#!/usr/bin/env node
// What n8n's verification scanner would see, checked before publishing: `npm pack` ships only what users need,
// and n8n's rules pass over the source and over the packed files, with inline eslint-disable comments ignored
// (as the scanner ignores them). Needs `npm run build` first. Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

import { scanConfig } from '../eslint.config.mjs';

const SHIPPED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^index\.js$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/(nodes|credentials)\/.+\.svg$/,
	/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
];
const NEVER = /(^|\/)(test|tests|__tests__|scripts|bench|e2e)\/|sandbox|\.test\.|\.map$|\.pem$|\.key$|\.ts$/i;
const MAX_PACKED_BYTES = 60 * 1024;

const problems = [];
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'wechatpay-pack-'));
try {
	const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	const files = pack.files.map((file) => file.path);
	for (const file of files) {
		if (NEVER.test(file) || !SHIPPED.some((pattern) => pattern.test(file))) problems.push(`packed but not for users: ${file}`);
	}
	for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/credentials/WeChatPayApi.credentials.js', 'dist/nodes/WeChatPay/WeChatPay.node.js', 'dist/nodes/WeChatPayTrigger/WeChatPayTrigger.node.js']) {
		if (!files.includes(needed)) problems.push(`missing from the package: ${needed}`);
	}
	if (pack.size > MAX_PACKED_BYTES) problems.push(`packed size ${pack.size} bytes is over ${MAX_PACKED_BYTES}`);
	process.stdout.write(`npm pack: ${files.length} files, ${pack.size} bytes packed (${pack.unpackedSize} unpacked)\n`);

	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, pack.filename), '-C', work]);
	const legs = [
		['source', root, ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']],
		['packed', unpacked, ['**/*.js', 'package.json']],
	];
	for (const [name, cwd, patterns] of legs) {
		const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig, errorOnUnmatchedPattern: false });
		const results = await eslint.lintFiles(patterns);
		for (const result of results) {
			for (const message of result.messages) {
				problems.push(`${name}: ${relative(cwd, result.filePath)}:${message.line} ${message.ruleId ?? ''} ${message.message}`);
			}
		}
		const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
		const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
		process.stdout.write(`n8n scanner rules over the ${name} (${results.length} files): ${errors} errors, ${warnings} warnings\n`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
	process.stderr.write(`${problems.join('\n')}\n`);
	process.exitCode = 1;
}
