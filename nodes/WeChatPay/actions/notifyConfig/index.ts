import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as set from './set.operation';

export const resource = { name: 'Product Coupon Notify Config', value: 'notifyConfig' };

export const operations: ResourceModule['operations'] = { get, set };

export const defaultOperation = 'get';
