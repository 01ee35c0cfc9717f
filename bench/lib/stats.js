'use strict';
// Small statistics for the bench: medians of per-round figures.

/** The median of a list of numbers (the mean of the middle two for an even count). */
function median(values) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Smallest and largest value, to show the spread next to a median. */
function range(values) {
	return [Math.min(...values), Math.max(...values)];
}

module.exports = { median, range };
