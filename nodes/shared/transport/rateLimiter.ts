import { sleep } from 'n8n-workflow';

import { BoundedMap } from './boundedMap';

/**
 * WeChat Pay's documented limits per account and endpoint class (product coupon digest §9.3): management and
 * configuration calls 20/s, user-coupon calls 500/s, image-generation tasks 10/s.
 */
export const RATE_LIMITS = { management: 20, userCoupon: 500, imageTask: 10 } as const;
export type PacingClass = keyof typeof RATE_LIMITS;

/** WeChat Pay counts a request when it arrives, later than we send it: the window has room for that delay. */
const WINDOW_MS = 1100;
/** After a 429 the pace is halved, then given back a tenth of the limit per quiet second. */
const RECOVERY_STEP_MS = 1000;

interface Pace {
	/** Send times of recent requests, oldest first. */
	times: number[];
	/** Requests per window allowed right after the last cut. */
	allowedAtCut: number;
	/** When the pace was last cut by a 429 (0: never). */
	cutAt: number;
}

/** One pace per account and endpoint class, in this process only (README: Scaling). */
const paces = new BoundedMap<string, Pace>(1000);

function paceOf(key: string, limit: number): Pace {
	let pace = paces.get(key);
	if (!pace) {
		pace = { times: [], allowedAtCut: limit, cutAt: 0 };
		paces.set(key, pace);
	}
	return pace;
}

/** Requests per window allowed now: the full limit, or less while recovering from a 429. */
function allowed(pace: Pace, limit: number, now: number): number {
	if (pace.cutAt === 0) return limit;
	const recovered = Math.floor((now - pace.cutAt) / RECOVERY_STEP_MS) * Math.max(1, Math.floor(limit / 10));
	return Math.min(limit, pace.allowedAtCut + recovered);
}

/** Waits until one more request for this account and class fits in the window, then counts it. */
export async function waitForRateLimit(accountKey: string, pacing: PacingClass, now = () => Date.now()): Promise<void> {
	const limit = RATE_LIMITS[pacing];
	const pace = paceOf(`${pacing}:${accountKey}`, limit);
	const { times } = pace;
	for (;;) {
		while (times.length > 0 && now() - times[0] >= WINDOW_MS) times.shift();
		if (times.length < allowed(pace, limit, now())) {
			times.push(now());
			return;
		}
		// Wait for the oldest request to leave the window, or a quarter window when the pace itself is the limit.
		const wait = times.length > 0 ? times[0] + WINDOW_MS - now() + 1 : WINDOW_MS / 4;
		await sleep(Math.max(1, Math.min(wait, WINDOW_MS)));
	}
}

/**
 * WeChat Pay said 429: someone else shares this account's quota (another worker, the merchant's own systems).
 * The process halves its pace for the account, so that the next requests stop adding to the excess.
 */
export function slowDownAfterRateLimit(accountKey: string, pacing: PacingClass, now = Date.now()): void {
	const limit = RATE_LIMITS[pacing];
	const pace = paceOf(`${pacing}:${accountKey}`, limit);
	pace.allowedAtCut = Math.max(1, Math.floor(allowed(pace, limit, now) / 2));
	pace.cutAt = now;
}
