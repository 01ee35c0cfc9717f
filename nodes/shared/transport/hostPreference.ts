/**
 * After a failover, the host that answered stays first for a while, so that the next items do not each wait
 * for a timeout on a host that is down. Per account, in this process.
 */
const STICKY_MS = 60_000;
const preferred = new Map<string, { host: string; until: number }>();

/** Index in `hosts` of the host to try first. */
export function firstHostIndex(accountKey: string, hosts: string[], now = Date.now()): number {
	const entry = preferred.get(accountKey);
	if (!entry || entry.until < now) return 0;
	return Math.max(0, hosts.indexOf(entry.host));
}

export function rememberWorkingHost(accountKey: string, host: string, hosts: string[], now = Date.now()): void {
	if (host === hosts[0]) preferred.delete(accountKey);
	else preferred.set(accountKey, { host, until: now + STICKY_MS });
}
