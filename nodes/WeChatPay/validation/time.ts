/** WeChat Pay's times: RFC 3339 with an offset and whole seconds, as its documents write them (Beijing time). */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/** An instant as WeChat Pay writes it: 2026-11-30T10:00:00+08:00. */
export function beijingTime(epochMs: number): string {
	const shifted = new Date(Math.floor(epochMs / 1000) * 1000 + BEIJING_OFFSET_MS);
	return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** The instant a date-time with an offset names, or undefined when it names none (30 February, 25:00 …). */
function instantOf(text: string): number | undefined {
	const match = RFC3339.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const local = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(local);
	// Date.UTC rolls 30 February over into March: a real date comes back as it went in.
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const offsetMinutes = match[7] ? 0 : (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10]));
	return local - offsetMinutes * 60_000;
}

/**
 * A time from a workflow (text, or a date that n8n gives as text) as WeChat Pay takes it, or a problem: without an
 * offset the instant is not known, so it is refused rather than guessed.
 */
export function toWeChatPayTime(value: unknown): { time: string } | { problem: string } {
	const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trim() : '';
	if (!text) return { problem: 'is not a time' };
	const shown = JSON.stringify(text.slice(0, 40));
	if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
		return { problem: `is ${shown}, which has no offset; write it with one, e.g. 2026-11-30T10:00:00+08:00` };
	}
	const epochMs = instantOf(text);
	if (epochMs === undefined) return { problem: `is ${shown}, which is not a real date and time (RFC 3339, e.g. 2026-11-30T10:00:00+08:00)` };
	return { time: beijingTime(epochMs) };
}
