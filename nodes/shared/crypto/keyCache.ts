import { createHash } from 'crypto';

/**
 * Parsing an RSA key or certificate costs far more than using it, so each distinct credential text is
 * parsed once per process. Entries are found by a SHA-256 of the text, so no key text is kept; bounded,
 * oldest entry dropped first, so many credentials cannot grow it forever.
 */
export class KeyCache<T> {
	private readonly entries = new Map<string, T>();

	constructor(private readonly limit = 64) {}

	get(text: string, parse: (text: string) => T): T {
		const id = createHash('sha256').update(text).digest('base64');
		const cached = this.entries.get(id);
		if (cached !== undefined) return cached;
		const parsed = parse(text);
		if (this.entries.size >= this.limit) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) this.entries.delete(oldest);
		}
		this.entries.set(id, parsed);
		return parsed;
	}
}
