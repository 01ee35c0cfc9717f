import type { INodeProperties } from 'n8n-workflow';

import { ID_CHARACTERS, ID_CHARACTERS_HINT } from '../../validation/rules';
import type { FieldSpec } from '../itemParameters';

/** The task's own number (6–40), chosen by the caller: it names the task in Get Generation and in the event. */
export const taskId: FieldSpec = {
	property: {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		placeholder: 'e.g. IMG20261130001',
		description: 'Names the task; the same ID with the same data starts it once. Empty: a new one (output with the answer). 6–40 letters, digits, "_" or "-".',
	},
	rule: { min: 6, max: 40, pattern: ID_CHARACTERS, patternHint: ID_CHARACTERS_HINT },
};

export const generationType: INodeProperties = {
	displayName: 'Image Generation Type',
	name: 'imageGenerationType',
	type: 'options',
	default: 'CUT_OUT',
	description: 'What to generate',
	options: [
		{ name: 'Combine Image (Header of a Whole-Order Coupon)', value: 'COMBINE_IMAGE' },
		{ name: 'Cut Out (Item Without Its Background)', value: 'CUT_OUT' },
	],
};

export const imageUrlToCut: FieldSpec = {
	property: {
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://wxpaylogo.qpic.cn/…',
		description: 'The uploaded image (from Image → Upload) to cut the item out of',
		displayOptions: { show: { imageGenerationType: ['CUT_OUT'] } },
	},
	rule: { max: 256 },
};
