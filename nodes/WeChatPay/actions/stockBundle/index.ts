import type { ResourceModule } from '../types';
import * as associateStores from './associateStores.operation';
import * as create from './create.operation';
import * as disassociateStores from './disassociateStores.operation';
import * as update from './update.operation';
import * as updateBudget from './updateBudget.operation';

export const resource = { name: 'Stock Bundle', value: 'stockBundle' };

export const operations: ResourceModule['operations'] = { create, update, updateBudget, associateStores, disassociateStores };

export const defaultOperation = 'create';
