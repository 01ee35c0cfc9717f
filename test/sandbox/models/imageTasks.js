// @ts-check
'use strict';
/**
 * Image-generation tasks (#4 submit, #5 get; digest §8): COMBINE_IMAGE (a header image from the offer data) or
 * CUT_OUT (background removal of an image this account uploaded). A task is PROCESSING, then SUCCESS after
 * `imageTaskDelayMs` (a host timer; Infinity: only `finishImageTask` ends it, with SUCCESS or FAIL). The result is
 * a new wxpaylogo.qpic.cn URL owned by the account (usable in display_info). On completion a service provider with
 * a notify URL gets a `PRODUCT_COUPON_SP.IMAGE_GENERATION` callback (original_type product_coupon, associated_data
 * product_coupon_sp). Brands: the POST is UNCONFIRMED in the digest; the sandbox serves it (the brand GET exists
 * and every other brand endpoint mirrors the partner one) but sends no callback (the brand event is unknown).
 * `task_id` (6–40) is the request number: same id + same body → the first answer; another body → 268578927.
 */
const crypto = require('crypto');
const { NUMERIC, fieldRule, notFound, paramError } = require('../errors');
const { requestNo } = require('../fields');
const { isPartner } = require('./userCouponAccess');
const { COUPON_RULES } = require('./productCouponRules');
const { write, read } = require('./management');

/**
 * @typedef {import('../router').HandlerContext} HandlerContext
 * @typedef {import('../router').HandlerAnswer} HandlerAnswer
 * @typedef {{ key: string, ownerId: string, brand_id: string, task_id: string, image_generation_type: string,
 *   task_state: 'PROCESSING' | 'SUCCESS' | 'FAIL', result_url?: string, partner: boolean }} ImageTask
 */

const TYPES = ['COMBINE_IMAGE', 'CUT_OUT'];
const RULE_OF_TYPE = /** @type {Record<string, string>} */ ({ NORMAL: 'normal_coupon', DISCOUNT: 'discount_coupon', EXCHANGE: 'exchange_coupon' });

const BODY = /** @type {import('../fields').Schema} */ ({
	task_id: requestNo(6, 40),
	image_generation_type: { type: 'string', required: true, enum: TYPES },
	combine_image: {
		type: 'object',
		fields: {
			scope: { type: 'string', required: true, enum: ['ALL', 'SINGLE'] },
			type: { type: 'string', required: true, enum: ['NORMAL', 'DISCOUNT', 'EXCHANGE'] },
			usage_mode: { type: 'string', required: true, enum: ['SINGLE', 'PROGRESSIVE_BUNDLE'] },
			...COUPON_RULES,
			background_color: { type: 'string', pattern: /^#[0-9A-Fa-f]{6}$/, chars: '#RRGGBB' },
		},
	},
	cut_out: { type: 'object', fields: { image_url: { type: 'string', required: true, max: 256 } } },
});

/** @param {string} ownerId @param {string} brandId @param {string} taskId */
const taskKey = (ownerId, brandId, taskId) => `${ownerId}|${brandId}|${taskId}`;

/** @param {HandlerContext} ctx @param {Record<string, any>} body */
function check(ctx, body) {
	const [own, other] = body.image_generation_type === 'COMBINE_IMAGE' ? ['combine_image', 'cut_out'] : ['cut_out', 'combine_image'];
	if (body[own] === undefined) throw paramError(own, 'body', `${own} is required with image_generation_type ${body.image_generation_type}`);
	if (body[other] !== undefined) throw paramError(other, 'body', `${other} does not go with image_generation_type ${body.image_generation_type}`);
	if (body.combine_image) {
		const c = body.combine_image;
		if (c.type === 'EXCHANGE' && c.scope !== 'SINGLE') throw fieldRule('combine_image.type', 'type EXCHANGE needs scope SINGLE');
		const given = Object.keys(COUPON_RULES).filter((k) => c[k] !== undefined);
		if (given.length !== 1 || given[0] !== RULE_OF_TYPE[c.type]) throw fieldRule(`combine_image.${RULE_OF_TYPE[c.type]}`, `combine_image of type ${c.type} takes exactly ${RULE_OF_TYPE[c.type]}`);
	}
	if (body.cut_out && !ctx.world.images.owns(ctx.account.id, body.cut_out.image_url)) {
		throw fieldRule('cut_out.image_url', 'cut_out.image_url must be an image_url this account got from the image upload API');
	}
}

/**
 * End a PROCESSING task; on SUCCESS its image is registered for the account; the callback goes out (partner).
 * @param {import('./world').World} world @param {import('./world').Events} events @param {import('../accounts').Account} account
 * @param {ImageTask} task @param {'SUCCESS' | 'FAIL'} state @param {number} nowMs
 */
function finishTask(world, events, account, task, state, nowMs) {
	if (task.task_state !== 'PROCESSING') return;
	task.task_state = state;
	if (state === 'SUCCESS') {
		const bytes = crypto.randomInt(20000, 400000);
		task.result_url = world.images.register({ ownerId: task.ownerId, filename: `${task.task_id}.png`, sha256: crypto.randomBytes(32).toString('hex'), bytes, format: 'PNG', uploadedMs: nowMs, generatedBy: task.task_id }).url;
	}
	if (task.partner) events.notify(account, 'PRODUCT_COUPON_SP.IMAGE_GENERATION', taskView(task), task.task_id, { originalType: 'product_coupon', associatedData: 'product_coupon_sp', summary: '图片生成任务结果通知' });
}

/** #5 answer and the callback's decrypted fields. @param {ImageTask} task */
function taskView(task) {
	const result = task.result_url ? { [task.image_generation_type === 'COMBINE_IMAGE' ? 'combine_image_result' : 'cut_out_result']: { image_url: task.result_url } } : {};
	return {
		...(task.partner ? { brand_id: task.brand_id } : {}),
		task_id: task.task_id,
		image_generation_type: task.image_generation_type,
		task_state: task.task_state,
		...result,
	};
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function submit(ctx) {
	return write(ctx, {
		kind: 'imageTask',
		schema: BODY,
		numberField: 'task_id',
		check: (body) => check(ctx, body),
		apply(body, brandId) {
			const partner = isPartner(ctx);
			/** @type {ImageTask} */
			const task = { key: taskKey(ctx.account.id, brandId, body.task_id), ownerId: ctx.account.id, brand_id: brandId, task_id: body.task_id, image_generation_type: body.image_generation_type, task_state: 'PROCESSING', partner };
			ctx.world.imageTasks.set(task.key, task);
			const { world, events, account } = ctx;
			const now = ctx.settings.now;
			return {
				answer: partner ? { task_id: task.task_id, brand_id: brandId } : { task_id: task.task_id },
				after: () => events.after(ctx.settings.imageTaskDelayMs, () => finishTask(world, events, account, task, 'SUCCESS', now())),
			};
		},
	});
}

/** @param {HandlerContext} ctx @returns {HandlerAnswer} */
function get(ctx) {
	const { query, brandId } = read(ctx, { image_generation_type: { type: 'string', required: true, enum: TYPES } });
	const task = ctx.world.imageTasks.get(taskKey(ctx.account.id, brandId, ctx.params.task_id));
	if (!task || task.image_generation_type !== query.image_generation_type) {
		throw notFound('图片生成任务不存在', `no ${query.image_generation_type} task ${ctx.params.task_id} for this account and brand`, NUMERIC.objectNotFound);
	}
	return { status: 200, body: Buffer.from(JSON.stringify(taskView(task)), 'utf8') };
}

/** @type {import('../router').RouteSpec[]} */
const IMAGE_TASK_ROUTES = [
	{ method: 'POST', path: '/image-generation-tasks', rateClass: 'imageTask', handler: submit },
	{ method: 'GET', path: '/image-generation-tasks/{task_id}', rateClass: 'management', handler: get },
];

module.exports = { IMAGE_TASK_ROUTES, finishTask, taskView, taskKey };
