/**
 * PEM text as users paste it into web forms: line breaks lost, literal "\n", CRLF, stray spaces.
 * These helpers find the blocks and rebuild clean 64-column PEM that Node's crypto accepts.
 */
export interface PemBlock {
	label: string;
	base64: string;
}

const BLOCK = /-{5}\s*BEGIN ([A-Z0-9 ]+?)\s*-{5}([\s\S]*?)-{5}\s*END \1\s*-{5}/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function unescapeNewlines(text: string): string {
	return text.replace(/\\r/g, '').replace(/\\n/g, '\n');
}

/** Every well-formed block in the text, in order, its body reduced to bare base64. */
export function extractPemBlocks(text: string): PemBlock[] {
	const blocks: PemBlock[] = [];
	for (const match of unescapeNewlines(text).matchAll(BLOCK)) {
		const base64 = match[2].replace(/\s+/g, '');
		if (BASE64.test(base64)) blocks.push({ label: match[1], base64 });
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
