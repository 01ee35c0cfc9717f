import * as apiRequest from './apiRequest';
import * as image from './image';
import * as notifyConfig from './notifyConfig';
import * as platformCertificate from './platformCertificate';
import * as productCoupon from './productCoupon';
import * as stock from './stock';
import * as stockBundle from './stockBundle';
import type { ResourceModule } from './types';
import * as userCoupon from './userCoupon';

/** Every resource of the WeChat Pay node; the Resource list shows them in alphabetical order. */
export const RESOURCES: ResourceModule[] = [apiRequest, image, platformCertificate, productCoupon, notifyConfig, stock, stockBundle, userCoupon];
