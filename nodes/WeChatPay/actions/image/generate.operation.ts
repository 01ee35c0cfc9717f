import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageTaskBody } from '../../validation/productCouponSchemas';
import { answerOrNoContent } from '../answer';
import { bodyJson, checkBody, withBodyJson } from '../campaign/body';
import { offerFields, readOffer } from '../campaign/offerFields';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { generationType, imageUrlToCut, taskId } from './taskFields';

export const option = {
	name: 'Generate',
	description: 'Start an image generation task: a header image for a whole-order coupon, or an item cut out of its background',
	action: 'Generate an image',
};

const backgroundColor: INodeProperties = {
	displayName: 'Background Color',
	name: 'backgroundColor',
	type: 'color',
	default: '',
	description: 'For a combined image: the background colour (#RRGGBB; empty: WeChat Pay chooses)',
	displayOptions: { show: { imageGenerationType: ['COMBINE_IMAGE'] } },
};
const combineOffer = offerFields.map((field) => ({
	...field,
	displayOptions: { show: { ...field.displayOptions?.show, imageGenerationType: ['COMBINE_IMAGE'] } },
}));

export const description: INodeProperties[] = [
	fields.brandId.property,
	taskId.property,
	generationType,
	imageUrlToCut.property,
	...combineOffer,
	backgroundColor,
	bodyJson,
];

/** POST /image-generation-tasks (digest #4): the task; its result comes by Get Generation or the trigger. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const kind = params.value<string>('imageGenerationType', 'CUT_OUT');
	const body: IDataObject = { task_id: params.requestNumber(taskId), image_generation_type: kind, ...brandScope(api.account, params) };
	if (kind === 'CUT_OUT') {
		body.cut_out = { image_url: params.required(imageUrlToCut) };
	} else {
		const { type, key, offer } = readOffer(params);
		const color = params.value<string>('backgroundColor', '');
		body.combine_image = { scope: 'ALL', type, usage_mode: 'SINGLE', [key]: offer, ...(color ? { background_color: color } : {}) };
	}
	const checked = checkBody(params, imageTaskBody, withBodyJson(params, body));
	const response = await api.send({
		method: 'POST',
		path: productCouponPath(api.account, 'image-generation-tasks'),
		body: checked,
		pacing: 'imageTask',
		readBack: `Run "Get Generation" with Task ID ${checked.task_id as string}.`,
		echoes: { task_id: checked.task_id as string },
	});
	return answerOrNoContent(response, checked);
}
