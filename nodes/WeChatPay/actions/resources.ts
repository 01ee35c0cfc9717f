import * as notifyConfig from './notifyConfig';
import * as userCoupon from './userCoupon';
import type { ResourceModule } from './types';

/** Every resource of the WeChat Pay node, in the order the Resource list shows them. */
export const RESOURCES: ResourceModule[] = [notifyConfig, userCoupon];
