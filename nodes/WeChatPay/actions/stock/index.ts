import type { ResourceModule } from '../types';
import * as associateStores from './associateStores.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as disassociateStores from './disassociateStores.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStores from './getStores.operation';
import * as update from './update.operation';
import * as updateBudget from './updateBudget.operation';
import * as uploadCodes from './uploadCodes.operation';

export const resource = { name: 'Stock', value: 'stock' };

export const operations: ResourceModule['operations'] = {
	create,
	get,
	getMany,
	update,
	updateBudget,
	deactivate,
	associateStores,
	disassociateStores,
	getStores,
	uploadCodes,
};

export const defaultOperation = 'get';
