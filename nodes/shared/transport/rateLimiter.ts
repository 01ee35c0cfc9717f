import { sleep } from 'n8n-workflow';

/** WeChat Pay allows 20 requests per second per account; staying under it saves a 429 and a retry. */
const REQUESTS_PER_SECOND = 20;
/** WeChat Pay counts a request when it arrives, later than we send it: the window has room for that delay. */
const WINDOW_MS = 1100;

/** Send times of each account's recent requests, oldest first. In this process only. */
const recent = new Map<string, number[]>();

/** Waits until one more request for this account fits in the window, then counts it. */
export async function waitForRateLimit(accountKey: string, now = () => Date.now()): Promise<void> {
	let times = recent.get(accountKey);
	if (!times) {
		times = [];
		recent.set(accountKey, times);
	}
	for (;;) {
		while (times.length > 0 && now() - times[0] >= WINDOW_MS) times.shift();
		if (times.length < REQUESTS_PER_SECOND) {
			times.push(now());
			return;
		}
		await sleep(times[0] + WINDOW_MS - now() + 1);
	}
}
