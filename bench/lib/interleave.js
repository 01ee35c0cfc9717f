'use strict';
// Runs sides A/B/A/B in the same process, round after round, so that machine noise (other processes, CPU
// frequency, GC) hits all alike: after a warm-up of all, each round runs one batch of each side, the order turning
// round by round (A B, B A, ...; or A B C, B C A, C A B, ...). Each round gives one rate per side, and ratios are
// taken within a round (paired); the figures are medians. Rates are wall-clock; the CPU time of the process per
// batch is kept too (cpu*), a cross-check when the machine is busy.
const { median, range } = require('./stats');

/**
 * @param {object} options
 * @param {number} options.rounds measured rounds
 * @param {number} [options.warmupRounds] unmeasured rounds first (default 1)
 * @param {(side: string) => Promise<void> | void} [options.beforeBatch] untimed work before every batch
 * @param {Record<string, () => Promise<number>>} options.batches by side name; each runs one batch and returns how
 *   many operations it did (the time it takes is measured here). One side must be `ours`.
 */
async function interleave({ rounds, warmupRounds = 1, beforeBatch = async () => {}, batches }) {
	const sides = Object.keys(batches);
	const wall = Object.fromEntries(sides.map((side) => [side, []]));
	const cpu = Object.fromEntries(sides.map((side) => [side, []]));
	for (let round = 0; round < warmupRounds + rounds; round++) {
		const order = sides.map((_, index) => sides[(index + round) % sides.length]);
		for (const side of order) {
			await beforeBatch(side);
			const cpuStart = process.cpuUsage();
			const start = process.hrtime.bigint();
			const operations = await batches[side]();
			const seconds = Number(process.hrtime.bigint() - start) / 1e9;
			const cpuUsed = process.cpuUsage(cpuStart);
			if (round < warmupRounds) continue;
			wall[side].push(operations / seconds);
			cpu[side].push(operations / ((cpuUsed.user + cpuUsed.system) / 1e6));
		}
	}
	return { wall, cpu };
}

/**
 * Figures of one side against another from interleaved rates: medians and the median of the paired ratios.
 * @param {{ wall: Record<string, number[]>, cpu: Record<string, number[]> }} rates
 * @param {string} other the side to compare `ours` with
 * @param {'rate' | 'time'} kind rate: ours / other rate (higher is better); time: ours / other time per operation
 */
function compare(rates, other, kind) {
	const paired = (set) =>
		set.ours.map((rate, index) => (kind === 'rate' ? rate / set[other][index] : set[other][index] / rate));
	const ratios = paired(rates.wall);
	return {
		oursPerSecond: median(rates.wall.ours),
		otherPerSecond: median(rates.wall[other]),
		ratio: median(ratios),
		ratioRange: range(ratios),
		ratios,
		cpuTimeRatio: median(paired(rates.cpu)),
	};
}

/** The fields every compared figure reports, from a `compare` result: median, range, CPU-time cross-check, rounds. */
function ratioFields(figure, rounds, wall = {}) {
	return {
		ratio: figure.ratio,
		ratioRange: figure.ratioRange,
		cpuTimeRatio: figure.cpuTimeRatio,
		rounds,
		perRound: { ...wall, ratios: figure.ratios },
	};
}

module.exports = { interleave, compare, ratioFields };
