import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { newRequestNumber } from '../validation/requestNumber';
import { textProblem, type TextRule } from '../validation/rules';
import { beijingTime, toWeChatPayTime } from '../validation/time';

/** A field as the node shows it and the rule its value must meet: defined once, used by the form and the check. */
export interface FieldSpec {
	property: INodeProperties;
	rule: TextRule;
}

/**
 * One item's parameters, read and checked against their rules. Every refusal names the parameter and the item,
 * says how to fix it, and happens before anything is sent.
 */
export class ItemParameters {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	/** A NodeOperationError for this item: `problem` completes "The parameter "X" …". */
	refuse(field: INodeProperties | string, problem: string, fix?: string): NodeOperationError {
		const [displayName, name] = typeof field === 'string' ? [field, field] : [field.displayName, field.name];
		return new NodeOperationError(this.ctx.getNode(), `The parameter "${displayName}" ${problem}`, {
			itemIndex: this.itemIndex,
			description: `Item ${this.itemIndex} (counting from 0), parameter "${name}": ${fix ?? 'correct the value, or the expression that gives it'}. Nothing was sent for this item.`,
		});
	}

	/** A NodeOperationError for a built body that breaks a rule of the API: `problem` names the field. */
	invalidBody(problem: string): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `The request body breaks a WeChat Pay rule: ${problem}`, {
			itemIndex: this.itemIndex,
			description: `Item ${this.itemIndex} (counting from 0): correct it in the node's fields or in Body JSON. Nothing was sent for this item.`,
		});
	}

	/** An option or list value as n8n gives it, for the fields whose allowed values the form itself fixes. */
	value<T>(name: string, fallback: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback) as T;
	}

	/** The raw value: text as typed or as an expression gave it (numbers become text: ids often come as numbers). */
	private raw(name: string): string {
		const value: unknown = this.ctx.getNodeParameter(name, this.itemIndex, '');
		if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
		if (value === null || value === undefined) return '';
		if (typeof value !== 'string') throw this.refuse(name, `must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
		return value;
	}

	/** A value that must be there. */
	required({ property, rule }: FieldSpec): string {
		const value = this.raw(property.name);
		if (value.trim() === '') throw this.refuse(property, 'is empty', `fill it in (${property.description ?? 'see the field'})`);
		return this.checked(property, rule, value);
	}

	/** A value that may be left empty (undefined then: nothing is sent for it). */
	optional({ property, rule }: FieldSpec): string | undefined {
		const value = this.raw(property.name);
		return value === '' ? undefined : this.checked(property, rule, value);
	}

	/** A request number: the one given, or a new one for this item, the same on every attempt. */
	requestNumber(spec: FieldSpec): string {
		return this.optional(spec) ?? newRequestNumber();
	}

	/** A whole number within bounds (money in fen, counts); undefined when empty or 0 and `zeroIsNone`. */
	integer(property: INodeProperties, min: number, max: number, { zeroIsNone = false } = {}): number | undefined {
		const value: unknown = this.ctx.getNodeParameter(property.name, this.itemIndex, '');
		if (value === '' || value === null || value === undefined) {
			if (property.required) throw this.refuse(property, 'is empty', `fill it in (${property.description ?? 'see the field'})`);
			return undefined;
		}
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) throw this.refuse(property, `must be a whole number, got ${JSON.stringify(value)}`);
		if (number === 0 && zeroIsNone) return undefined;
		if (number < min || number > max) throw this.refuse(property, `is ${number}; WeChat Pay accepts ${min} to ${max}`);
		return number;
	}

	/** A time, sent as RFC 3339 in Beijing time; empty means now (or is refused when the field is required). */
	time({ property }: FieldSpec, now = Date.now()): string {
		const value: unknown = this.ctx.getNodeParameter(property.name, this.itemIndex, '');
		if (value === '' || value === undefined || value === null) {
			if (property.required) throw this.refuse(property, 'is empty', `fill it in (${property.description ?? 'see the field'})`);
			return beijingTime(now);
		}
		const converted = toWeChatPayTime(value);
		if ('problem' in converted) throw this.refuse(property, converted.problem);
		return converted.time;
	}

	private checked(property: INodeProperties, rule: TextRule, value: string): string {
		if (value !== value.trim()) throw this.refuse(property, 'starts or ends with spaces', 'remove them');
		const problem = textProblem(value, rule);
		if (problem) throw this.refuse(property, problem);
		return value;
	}
}
