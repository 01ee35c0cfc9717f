import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerOrNoContent } from '../answer';
import * as fields from '../fields';
import { ItemParameters } from '../itemParameters';
import { brandScope, productCouponPath } from '../productCouponScope';
import type { ItemApi } from '../types';
import { generationType, taskId } from './taskFields';

export const option = {
	name: 'Get Generation',
	description: "Get an image generation task's state (PROCESSING, SUCCESS, FAIL) and result URL",
	action: 'Get an image generation task',
};

const requiredTaskId = { ...taskId, property: { ...taskId.property, required: true, description: 'The task, as Generate named it' } };

export const description = [fields.brandId.property, requiredTaskId.property, generationType];

/** GET /image-generation-tasks/{task_id} (digest #5). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: ItemApi): Promise<IDataObject> {
	const params = new ItemParameters(this, itemIndex);
	const task = params.required(requiredTaskId);
	const query: IDataObject = { ...brandScope(api.account, params), image_generation_type: params.value<string>('imageGenerationType', 'CUT_OUT') };
	const response = await api.send({
		method: 'GET',
		path: productCouponPath(api.account, 'image-generation-tasks', task),
		query,
		readBack: 'Run "Get Generation" again.',
		echoes: { task_id: task },
	});
	return answerOrNoContent(response, query);
}
