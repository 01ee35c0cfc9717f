import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const resource = { name: 'Product Coupon', value: 'productCoupon' };

export const operations: ResourceModule['operations'] = { create, get, update, deactivate };

export const defaultOperation = 'get';
