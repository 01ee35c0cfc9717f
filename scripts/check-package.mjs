#!/usr/bin/env node
// What n8n's verification scanner would see, checked before publishing: `npm pack` ships only what users need,
// and n8n's rules pass over the source and over the packed files, with inline eslint-disable comments ignored
// (as the scanner ignores them). Each leg is linted twice: by n8n's own scanner code (@n8n/scan-community-package,
// which pins its rule plugins) and by this repo's scanConfig (the same rule sets at the plugin versions `npm run
// lint` uses), where warnings count too. Needs `npm run build` first. Exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
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
// 0.1 shipped 2 operations in 27 KB; with about 40 operations (and their README) 74 KB. The limit catches what
// must never ship (sources, tests, maps, a sandbox), which would take it far past this, not the code's growth.
const MAX_PACKED_BYTES = 100 * 1024;

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
	// The two legs of n8n's scanner (analyzePackageByName): the source checkout, and the tarball's compiled files.
	const legs = [
		['source', root, SOURCE_FILE_PATTERNS],
		['packed', unpacked, ['**/*.js', 'package.json']],
	];
	process.stdout.write(`n8n's scanner: ${describeRules(await buildScanConfig())}\nnpm run lint: ${describeRules(scanConfig)}\n`);
	for (const [name, cwd, patterns] of legs) {
		const verdict = await analyzePackage(cwd, patterns);
		if (!verdict.passed) problems.push(`n8n's scanner, ${name}: ${verdict.message}\n${verdict.details ?? ''}`);
		process.stdout.write(`n8n's scanner over the ${name}: ${verdict.passed ? 'passed' : 'FAILED'}\n`);

		const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig, errorOnUnmatchedPattern: false });
		const results = await eslint.lintFiles(patterns);
		for (const result of results) {
			for (const message of result.messages) {
				problems.push(`${name}: ${relative(cwd, result.filePath)}:${message.line} ${message.ruleId ?? ''} ${message.message}`);
			}
		}
		const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
		const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
		process.stdout.write(`the same rules at lint's versions over the ${name} (${results.length} files): ${errors} errors, ${warnings} warnings\n`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
	process.stderr.write(`${problems.join('\n')}\n`);
	process.exitCode = 1;
}

/** "171 rules: 43 @n8n/community-nodes, 1 eslint, n8n-nodes-base 17 package.json / …": what a flat config switches on. */
function describeRules(config) {
	const counts = new Map();
	for (const block of [config].flat(Infinity)) {
		for (const [rule, setting] of Object.entries(block?.rules ?? {})) {
			const level = Array.isArray(setting) ? setting[0] : setting;
			const plugin = rule.includes('/') ? rule.slice(0, rule.lastIndexOf('/')) : 'eslint';
			// n8n-nodes-base applies one rule set per kind of file: count each set on its own.
			const set = plugin === 'n8n-nodes-base' ? `${plugin} ${String(block.files ?? '*')}` : plugin;
			if (!counts.has(set)) counts.set(set, new Map());
			counts.get(set).set(rule, level !== 'off' && level !== 0);
		}
	}
	const parts = [...counts].map(([set, rules]) => [set, [...rules.values()].filter(Boolean).length]);
	const total = parts.reduce((sum, [, n]) => sum + n, 0);
	return `${total} rules: ${parts.map(([set, n]) => `${n} ${set}`).join(', ')}`;
}
