/**
 * A Map that forgets its oldest entries past a size: per-account state of a long-running n8n process (pacing,
 * host preference) must not grow with every account it ever saw.
 */
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly limit: number) {
		super();
	}

	set(key: K, value: V): this {
		if (!this.has(key) && this.size >= this.limit) {
			const oldest = this.keys().next();
			if (!oldest.done) this.delete(oldest.value);
		}
		return super.set(key, value);
	}
}
