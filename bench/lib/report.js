'use strict';
// The one table `npm run bench` prints (Markdown, so it can go into the README as is) and the JSON it writes.
const fs = require('fs');
const path = require('path');
const { RESULTS } = require('./paths');

const DIGITS = { 'µs/signature': 0, 'items/s': 0, 'callbacks/s': 0, 'µs/item': 0, ms: 1, KB: 1, MiB: 1 };

function formatValue(value, unit) {
	if (value === undefined || Number.isNaN(value)) return '—';
	const digits = DIGITS[unit] ?? 2;
	return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function formatRatio(figure) {
	if (figure.ratio === undefined) return '—';
	const [low, high] = figure.ratioRange;
	return `${figure.ratio.toFixed(3)} (${low.toFixed(2)}–${high.toFixed(2)})`;
}

function tableOf(figures) {
	const rows = [['Figure', 'Ours', 'Reference', 'Ratio: median (range)', 'Goal', 'Result']];
	for (const figure of figures) {
		rows.push([
			figure.title,
			formatValue(figure.ours, figure.unit),
			figure.peer === undefined ? '—' : formatValue(figure.peer, figure.unit),
			figure.ratio === undefined ? '—' : `${formatRatio(figure)}`,
			figure.goal ? figure.goal.text : '—',
			figure.goal ? (figure.goal.met ? 'PASS' : 'MISS') : 'info',
		]);
	}
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
	const line = (row) => `| ${row.map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length)).join(' | ')} |`;
	return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** Notes under the table: what each ratio is, the CPU-time cross-check, and a warning when the machine was busy. */
function notesOf(figures, machine) {
	const notes = [];
	const ratios = figures.filter((figure) => figure.ratio !== undefined);
	notes.push(`Ratios (paired per round, median over the rounds): ${ratios.map((figure) => `${figure.id} = ${figure.ratioLabel}, ${figure.rounds} rounds`).join('; ')}.`);
	const cpu = ratios.filter((figure) => figure.cpuTimeRatio !== undefined);
	if (cpu.length > 0) notes.push(`Same ratios from the process's CPU time (cross-check): ${cpu.map((figure) => `${figure.id} ${figure.cpuTimeRatio.toFixed(2)}`).join(', ')}.`);
	for (const figure of figures) if (figure.note) notes.push(`${figure.id}: ${figure.note}.`);
	const load = Math.max(machine.loadAverage1m, machine.loadAverage1mAfter ?? 0);
	if (load > machine.cores * 0.75) {
		notes.push(`WARNING: the machine was busy (load average ${load} on ${machine.cores} cores): ratios are noisy; run again on an idle machine.`);
	}
	return notes;
}

function machineLine(machine) {
	return (
		`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node} ` +
		`(OpenSSL ${machine.openssl}); n8n-core ${machine.versions['n8n-core']}, n8n-workflow ${machine.versions['n8n-workflow']}, ` +
		`wechatpay-axios-plugin ${machine.versions['wechatpay-axios-plugin']} (axios ${machine.versions.axios}); ` +
		`load average ${machine.loadAverage1m} before, ${machine.loadAverage1mAfter} after; ` +
		`code ${machine.code.commit}${machine.code.productSourcesChanged ? ' + uncommitted changes' : ''}, dist ${machine.code.distJsSha256}`
	);
}

/**
 * Writes bench/results/bench-<time>.json, latest.json (every line's report: figures, per-round numbers, machine)
 * and latest.md (each line's table and notes); returns the paths written.
 */
function writeResults(reports, durationSeconds) {
	fs.mkdirSync(RESULTS, { recursive: true });
	const startedAt = reports[0].startedAt;
	const stamp = startedAt.replace(/[:.]/g, '-');
	const json = `${JSON.stringify({ startedAt, durationSeconds, lines: reports }, null, 2)}\n`;
	const files = [path.join(RESULTS, `bench-${stamp}.json`), path.join(RESULTS, 'latest.json')];
	for (const file of files) fs.writeFileSync(file, json);
	const markdown = path.join(RESULTS, 'latest.md');
	const sections = reports.map((report) => `### ${report.line}\n\n${report.table}\n\n${report.notes.join('\n')}\n\n${report.machineLine}, ${report.startedAt}\n`);
	fs.writeFileSync(markdown, sections.join('\n'));
	return [...files, markdown];
}

module.exports = { tableOf, notesOf, machineLine, writeResults };
