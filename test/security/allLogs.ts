/**
 * Imported before anything that loads n8n-core: n8n's logger binds console.log when it is created, so the
 * capture must be in place first. Everything written to stdout/stderr or the console is kept in `written`,
 * (and not echoed), and n8n logs at debug level, so the secret scan sees every line n8n and the nodes log.
 */
process.env.N8N_LOG_LEVEL = 'debug';

export const written: string[] = [];
const restore: Array<() => void> = [];

// Jest's console writes through its own streams (console._stdout) when it runs several test files.
const jestConsole = console as unknown as { _stdout?: NodeJS.WriteStream; _stderr?: NodeJS.WriteStream };
const streams = new Set([process.stdout, process.stderr, jestConsole._stdout, jestConsole._stderr]);
for (const stream of streams) {
	if (!stream) continue;
	const original = stream.write.bind(stream);
	// Kept, not echoed: at debug level n8n's log would bury the test output.
	stream.write = ((chunk: string | Uint8Array) => {
		written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		return true;
	}) as typeof stream.write;
	restore.push(() => (stream.write = original as typeof stream.write));
}
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method];
	console[method] = (...args: unknown[]) => void written.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
	restore.push(() => (console[method] = original));
}

export function stopCapturing(): void {
	restore.splice(0).forEach((undo) => undo());
}
