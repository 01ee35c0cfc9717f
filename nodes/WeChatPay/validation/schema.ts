import { textProblem, type TextRule } from './rules';
import { toWeChatPayTime } from './time';

/**
 * A small declarative description of a JSON body, so that the rules of WeChat Pay's deep bodies (product coupon
 * digest §4) read like the digest, and one walk checks a whole body, naming the first field that breaks a rule.
 */
export type Schema =
	| { kind: 'text'; rule: TextRule }
	| { kind: 'integer'; min: number; max: number; unit?: string }
	| { kind: 'time' }
	| { kind: 'imageUrl' }
	| { kind: 'list'; of: Schema; min?: number; max: number; unique?: boolean }
	| { kind: 'object'; fields: Record<string, Schema>; required?: readonly string[]; check?: (value: Record<string, unknown>) => string | undefined };

export const text = (max: number, more: Omit<TextRule, 'max'> = {}): Schema => ({ kind: 'text', rule: { max, ...more } });
export const oneOf = (...values: string[]): Schema => ({ kind: 'text', rule: { max: 64, oneOf: values } });
export const integer = (min: number, max: number, unit?: string): Schema => ({ kind: 'integer', min, max, unit });
/** Money in fen (分), WeChat Pay's unit: whole numbers only. */
export const fen = (max = 100_000_000_00): Schema => integer(0, max, 'fen');
export const time: Schema = { kind: 'time' };
export const imageUrl: Schema = { kind: 'imageUrl' };
export const list = (of: Schema, max: number, more: { min?: number; unique?: boolean } = {}): Schema => ({ kind: 'list', of, max, ...more });
export const object = (
	fields: Record<string, Schema>,
	required: readonly string[] = [],
	check?: (value: Record<string, unknown>) => string | undefined,
): Schema => ({ kind: 'object', fields, required, check });

/** Where WeChat Pay's image fields must point: the URLs its image upload answers with (digest §8). */
const WECHAT_IMAGE_HOST = /^https:\/\/[0-9A-Za-z.-]+\.qpic\.cn\//;

/** RFC 3339 as WeChat Pay's documents write it: whole seconds and a numeric offset. */
const WECHAT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : JSON.stringify(value)?.slice(0, 60) ?? String(value));

/** The first problem of `value` under `schema`, as "field.path: what is wrong", or undefined. */
export function schemaProblem(schema: Schema, value: unknown, path: string): string | undefined {
	switch (schema.kind) {
		case 'text': {
			if (typeof value !== 'string') return `${path} must be text, got ${describe(value)}`;
			const problem = textProblem(value, schema.rule);
			return problem ? `${path} ${problem}` : undefined;
		}
		case 'integer': {
			const unit = schema.unit ? ` (${schema.unit})` : '';
			if (typeof value !== 'number' || !Number.isInteger(value)) return `${path} must be a whole number${unit}, got ${describe(value)}`;
			if (value < schema.min || value > schema.max) return `${path} is ${value}; WeChat Pay accepts ${schema.min} to ${schema.max}${unit}`;
			return undefined;
		}
		case 'time': {
			const converted = toWeChatPayTime(value);
			if ('problem' in converted) return `${path} ${converted.problem}`;
			// Sent exactly as given, so it must already be in WeChat Pay's form (the node converts its own fields).
			return typeof value === 'string' && WECHAT_TIME.test(value) ? undefined : `${path} is ${describe(value)}; write it as ${converted.time}`;
		}
		case 'imageUrl':
			if (typeof value !== 'string' || !WECHAT_IMAGE_HOST.test(value) || value.length > 256) {
				return `${path} is ${describe(value)}; it must be an image URL from WeChat Pay's image upload (Image → Upload), https://….qpic.cn/…`;
			}
			return undefined;
		case 'list': {
			if (!Array.isArray(value)) return `${path} must be a list, got ${describe(value)}`;
			if (value.length < (schema.min ?? 0)) return `${path} has ${value.length} entries; WeChat Pay needs at least ${schema.min}`;
			if (value.length > schema.max) return `${path} has ${value.length} entries; WeChat Pay accepts at most ${schema.max}`;
			if (schema.unique && new Set(value.map((entry) => JSON.stringify(entry))).size !== value.length) return `${path} lists an entry twice`;
			for (const [index, entry] of value.entries()) {
				const problem = schemaProblem(schema.of, entry, `${path}[${index}]`);
				if (problem) return problem;
			}
			return undefined;
		}
		case 'object': {
			if (!value || typeof value !== 'object' || Array.isArray(value)) return `${path} must be an object, got ${describe(value)}`;
			const record = value as Record<string, unknown>;
			for (const key of schema.required ?? []) {
				if (record[key] === undefined || record[key] === null || record[key] === '') return `${path ? `${path}.` : ''}${key} is required`;
			}
			for (const [key, entry] of Object.entries(record)) {
				const at = path ? `${path}.${key}` : key;
				if (!Object.prototype.hasOwnProperty.call(schema.fields, key)) return `${at} is not a field WeChat Pay takes here`;
				if (entry === undefined) continue;
				const problem = schemaProblem(schema.fields[key], entry, at);
				if (problem) return problem;
			}
			const broken = schema.check?.(record);
			return broken ? (path ? `${path}: ${broken}` : broken) : undefined;
		}
	}
}
