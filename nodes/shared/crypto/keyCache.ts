/**
 * Parsing an RSA key or certificate costs far more than using it, so each distinct credential text is
 * parsed once per process. Bounded, oldest entry dropped first, so many credentials cannot grow it forever.
 */
export class KeyCache<T> {
	private readonly entries = new Map<string, T>();

	constructor(private readonly limit = 64) {}

	get(text: string, parse: (text: string) => T): T {
		const cached = this.entries.get(text);
		if (cached !== undefined) return cached;
		const parsed = parse(text);
		if (this.entries.size >= this.limit) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) this.entries.delete(oldest);
		}
		this.entries.set(text, parsed);
		return parsed;
	}
}
