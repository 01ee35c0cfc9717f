import type { ResourceModule } from '../types';
import * as confirm from './confirm.operation';
import * as deactivate from './deactivate.operation';
import * as deactivateBundle from './deactivateBundle.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as preSend from './preSend.operation';
import * as preSendBundle from './preSendBundle.operation';
import * as returnCoupon from './return.operation';
import * as send from './send.operation';
import * as sendBundle from './sendBundle.operation';
import * as use from './use.operation';

export const resource = { name: 'User Coupon', value: 'userCoupon' };

export const operations: ResourceModule['operations'] = {
	send,
	sendBundle,
	preSend,
	preSendBundle,
	confirm,
	use,
	return: returnCoupon,
	deactivate,
	deactivateBundle,
	get,
	getMany,
};

export const defaultOperation = 'send';
