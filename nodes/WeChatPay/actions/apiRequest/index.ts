import type { ResourceModule } from '../types';
import * as call from './call.operation';

export const resource = { name: 'API Request', value: 'apiRequest' };

export const operations: ResourceModule['operations'] = { call };

export const defaultOperation = 'call';
