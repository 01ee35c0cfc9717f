'use strict';
// Reads a V8 CPU profile and says who spends the time, per operation: by owner (the nearest frame, from the leaf
// up, whose file says whose code it is; RSA and AES natives are shown apart) and by line of our own dist/ code.
const path = require('path');
const { ROOT } = require('./paths');

const CRYPTO_NATIVES = /^(run|sign|verify|SignJob|VerifyJob|update|final|CipherBase)$/;

function ownerOf(url) {
	if (!url || url.startsWith('node:')) return undefined; // Node internals count for whoever called them
	const file = url.replace(/^file:\/\//, '');
	const relative = path.relative(ROOT, file);
	if (relative.startsWith('dist/')) return 'ours (dist/)';
	if (relative.startsWith('test/sandbox')) return 'sandbox (same process)';
	if (relative.startsWith('test/engine') || relative.startsWith('bench/')) return 'harness / bench';
	if (/node_modules\/(n8n-core|n8n-workflow|@n8n)\//.test(file)) return 'n8n-core / n8n-workflow';
	if (/node_modules\/wechatpay-axios-plugin\//.test(file)) return 'wechatpay-axios-plugin';
	if (/node_modules\/(axios|follow-redirects|proxy-from-env|form-data)\//.test(file)) return 'axios & co';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
	return match ? `other: ${match[1]}` : `other: ${relative}`;
}

/**
 * @param {object} profile a V8 CPU profile (Profiler.stop / --cpu-prof)
 * @param {number} operations how many operations ran while it was recorded
 */
function summarize(profile, operations) {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map();
	for (const node of profile.nodes) for (const child of node.children || []) parents.set(child, node.id);
	const byOwner = new Map();
	const byLine = new Map();
	let total = 0;
	const add = (map, key, microseconds) => map.set(key, (map.get(key) || 0) + microseconds);
	profile.samples.forEach((id, index) => {
		const microseconds = profile.timeDeltas[index] || 0;
		const leaf = nodes.get(id).callFrame;
		if (!leaf.url && leaf.functionName === 'dispatch') return; // the inspector's own work (Profiler.start/stop)
		total += microseconds;
		if (!leaf.url && /^\((idle|garbage collector|program)\)$/.test(leaf.functionName)) return add(byOwner, leaf.functionName, microseconds);
		let owner;
		for (let current = id; current !== undefined && !owner; current = parents.get(current)) owner = ownerOf(nodes.get(current).callFrame.url);
		const native = !leaf.url && CRYPTO_NATIVES.test(leaf.functionName) ? ' — RSA/AES/hash natives' : '';
		add(byOwner, `${owner || 'Node internals'}${native}`, microseconds);
	});
	for (const node of profile.nodes) {
		const owner = ownerOf(node.callFrame.url);
		if (owner !== 'ours (dist/)' || !node.positionTicks) continue;
		const file = path.relative(ROOT, node.callFrame.url.replace(/^file:\/\//, ''));
		const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
		for (const tick of node.positionTicks) add(byLine, `${file}:${tick.line} (${node.callFrame.functionName || 'anonymous'})`, tick.ticks * interval);
	}
	const perOperation = (map, limit) =>
		[...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([key, microseconds]) => ({ key, microsecondsPerOperation: microseconds / operations }));
	return { microsecondsPerOperation: total / operations, byOwner: perOperation(byOwner, 20), byLine: perOperation(byLine, 25) };
}

module.exports = { summarize };
