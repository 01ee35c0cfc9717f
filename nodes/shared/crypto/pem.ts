import { CredentialConfigError } from '../credentialConfigError';

/**
 * PEM text as users paste it into web forms: line breaks lost, literal "\n", CRLF, stray spaces.
 * These helpers find the blocks and rebuild clean 64-column PEM that Node's crypto accepts.
 * Everything here is linear in the text's length: a field full of junk costs one pass, not one pass per marker.
 */
export interface PemBlock {
	label: string;
	base64: string;
}

// The label is words separated by single spaces, so the pattern cannot match one text in two ways.
const MARKER = /-{5}\s*(BEGIN|END) ([A-Z0-9]+(?: [A-Z0-9]+)*)\s*-{5}/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function unescapeNewlines(text: string): string {
	return text.replace(/\\r/g, '').replace(/\\n/g, '\n');
}

/** Every well-formed block in the text, in order, its body reduced to bare base64. */
export function extractPemBlocks(text: string): PemBlock[] {
	const blocks: PemBlock[] = [];
	const source = unescapeNewlines(text);
	let open: { label: string; bodyStart: number } | undefined;
	// Blocks do not nest: each BEGIN pairs with the next END, and a BEGIN without one is dropped.
	for (const marker of source.matchAll(MARKER)) {
		const [whole, kind, label] = marker;
		const at = marker.index ?? 0;
		if (kind === 'BEGIN') {
			open = { label, bodyStart: at + whole.length };
			continue;
		}
		if (open && open.label === label) {
			const base64 = source.slice(open.bodyStart, at).replace(/\s+/g, '');
			if (BASE64.test(base64)) blocks.push({ label, base64 });
		}
		open = undefined;
	}
	return blocks;
}

/** Bare base64 (a key pasted without its BEGIN/END lines), or undefined when the text is not that. */
export function bareBase64(text: string): string | undefined {
	const base64 = unescapeNewlines(text).replace(/\s+/g, '');
	return base64.length > 0 && BASE64.test(base64) ? base64 : undefined;
}

export function toPem(block: PemBlock): string {
	const lines = block.base64.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${block.label}-----\n${lines.join('\n')}\n-----END ${block.label}-----\n`;
}

/**
 * Refuses a key field far larger than any key, before any parsing, so that a pasted document or log cannot hold
 * up the process. WeChat Pay's keys are about 1,700 characters, a platform certificate about 1,500.
 */
export function limitFieldSize(text: string, fieldName: string, maxCharacters: number, whatBelongs: string): void {
	if (text.length > maxCharacters) {
		throw new CredentialConfigError(
			`The ${fieldName} field has ${text.length} characters, more than any key (at most ${maxCharacters}): paste only ${whatBelongs}`,
		);
	}
}
