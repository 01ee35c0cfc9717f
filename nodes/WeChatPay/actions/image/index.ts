import type { ResourceModule } from '../types';
import * as generate from './generate.operation';
import * as getGeneration from './getGeneration.operation';
import * as upload from './upload.operation';

export const resource = { name: 'Image', value: 'image' };

export const operations: ResourceModule['operations'] = { upload, generate, getGeneration };

export const defaultOperation = 'upload';
