import type { ResourceModule } from '../types';
import * as download from './download.operation';

export const resource = { name: 'Platform Certificate', value: 'platformCertificate' };

export const operations: ResourceModule['operations'] = { download };

export const defaultOperation = 'download';
