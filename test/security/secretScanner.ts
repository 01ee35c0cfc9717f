import { createPrivateKey } from 'crypto';

/** What must never be seen: the private key (any 32-character slice of its base64 body), the APIv3 key, signed messages. */
export class SecretScanner {
	private readonly keySlices = new Set<string>();
	private readonly exact: string[] = [];
	private readonly seen: Array<[string, string]> = [];
	scanned = 0;
	scannedBytes = 0;
	readonly findings: string[] = [];

	/** Keeps what was seen; everything is scanned at the end, once every secret (signed messages too) is known. */
	collect(label: string, text: string): void {
		this.seen.push([label, text]);
	}

	scanAll(): string[] {
		for (const [label, text] of this.seen) this.scan(label, text);
		return this.findings;
	}

	addPrivateKey(pem: string): void {
		// Both encodings a key may take: the PKCS#8 body as pasted, and the PKCS#1 body it may be converted to.
		const key = createPrivateKey(pem);
		for (const type of ['pkcs8', 'pkcs1'] as const) {
			const body = key.export({ type, format: 'der' }).toString('base64');
			for (let start = 0; start + 32 <= body.length; start++) this.keySlices.add(body.slice(start, start + 32));
		}
	}

	addExact(secret: string): void {
		if (secret.length >= 8) this.exact.push(secret);
	}

	scan(label: string, text: string): void {
		this.scanned++;
		this.scannedBytes += text.length;
		// PEM bodies may be split by line breaks or escaped: compare against the text with those removed too.
		for (const candidate of [text, text.replace(/\\n|\\r|\s/g, '')]) {
			for (let start = 0; start + 32 <= candidate.length; start++) {
				if (this.keySlices.has(candidate.slice(start, start + 32))) {
					this.findings.push(`${label}: private key material at ${start}`);
					return;
				}
			}
		}
		for (const secret of this.exact) {
			if (text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))) {
				this.findings.push(`${label}: secret ${secret.slice(0, 4)}…`);
				return;
			}
		}
	}
}

/** JSON of anything, errors and circular structures included, as a log or the n8n UI would show it. */
export function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (this: unknown, _key, current: unknown) {
		if (current instanceof Error) {
			const plain: Record<string, unknown> = { name: current.name, message: current.message, stack: current.stack };
			for (const key of Object.getOwnPropertyNames(current)) plain[key] = (current as unknown as Record<string, unknown>)[key];
			return plain;
		}
		const buffer = current as { type?: unknown; data?: unknown };
		if (buffer && buffer.type === 'Buffer' && Array.isArray(buffer.data)) {
			const bytes = Buffer.from(buffer.data as number[]);
			return `${bytes.toString('utf8')} ${bytes.toString('base64')}`;
		}
		if (current && typeof current === 'object') {
			if (seen.has(current)) return '[circular]';
			seen.add(current);
		}
		return current;
	});
}
