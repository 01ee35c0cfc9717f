import { BoundedMap } from './boundedMap';

/**
 * After a failover, the host that answered stays first for a minute, so that the next items do not each wait
 * for a timeout on a host that is down. The minute counts from the failover, not from the last success: then
 * the primary is tried again. Per account, in this process.
 */
const STICKY_MS = 60_000;
const preferred = new BoundedMap<string, { host: string; until: number }>(1000);

/** Index in `hosts` of the host to try first. */
export function firstHostIndex(accountKey: string, hosts: string[], now = Date.now()): number {
	const entry = preferred.get(accountKey);
	if (!entry) return 0;
	if (entry.until < now) {
		preferred.delete(accountKey);
		return 0;
	}
	return Math.max(0, hosts.indexOf(entry.host));
}

export function rememberWorkingHost(accountKey: string, host: string, hosts: string[], now = Date.now()): void {
	if (host === hosts[0]) {
		preferred.delete(accountKey);
		return;
	}
	const entry = preferred.get(accountKey);
	// Already preferred since a failover: the minute keeps counting from then.
	if (entry && entry.host === host && entry.until >= now) return;
	preferred.set(accountKey, { host, until: now + STICKY_MS });
}
