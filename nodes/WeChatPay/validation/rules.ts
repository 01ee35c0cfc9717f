/**
 * What WeChat Pay accepts for a value, as data: the node checks every parameter against its rule before anything
 * is sent, and the rule is written once, next to the field that shows it.
 */
export interface TextRule {
	/** Length in characters (WeChat Pay counts characters, an emoji as one). */
	min?: number;
	max: number;
	/** The characters allowed, and how to say so. */
	pattern?: RegExp;
	patternHint?: string;
	/** The allowed values, when there is a fixed list. */
	oneOf?: readonly string[];
}

/** Digits, letters, "_" and "-": request numbers, coupon codes, path ids. */
export const ID_CHARACTERS = /^[0-9A-Za-z_-]+$/;
export const ID_CHARACTERS_HINT = 'only letters, digits, "_" and "-"';
export const DIGITS = /^\d+$/;

/** The problem with a text value under its rule, in words a user can act on, or undefined when it passes. */
export function textProblem(value: string, rule: TextRule): string | undefined {
	const length = [...value].length;
	if (rule.min !== undefined && length < rule.min) return `is ${length} characters long; WeChat Pay needs at least ${rule.min}`;
	if (length > rule.max) return `is ${length} characters long; WeChat Pay accepts at most ${rule.max}`;
	if (rule.oneOf && !rule.oneOf.includes(value)) return `is ${JSON.stringify(value.slice(0, 40))}; it must be one of ${rule.oneOf.join(', ')}`;
	if (rule.pattern && !rule.pattern.test(value)) return `may contain ${rule.patternHint ?? 'only the characters WeChat Pay allows'}`;
	return undefined;
}
