import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CredentialConfigError, readAccount } from '../shared/account';
import { attempt } from '../shared/attempt';
import { checkCallbackReady } from '../shared/checkedAccount';
import { ALL_EVENTS, handleCallback } from './handleCallback';

export class WeChatPayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Pay Trigger',
		name: 'weChatPayTrigger',
		icon: { light: 'file:wechatpay.svg', dark: 'file:wechatpay.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel shows this text for the whole package (the node and its trigger): it says what both do.
		description:
			'WeChat Pay (微信支付) APIv3: start workflows on every event (product coupons 商品券, payments, refunds), verified and decrypted; send, confirm and redeem coupons, build campaigns, call any endpoint',
		defaults: { name: 'WeChat Pay Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wechatPayApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'wechatpay' }],
		properties: [
			{
				displayName:
					'Register this node\'s <b>Production URL</b> as the notify URL, with the WeChat Pay node\'s "Set notify URL" operation or on the merchant platform. The notify URL is one setting for the whole account, so this node never changes it by itself, and the Test URL should never replace it.',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [ALL_EVENTS],
				description: 'Which events start the workflow; others are acknowledged to WeChat Pay and dropped',
				options: [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: 'Every event type, including ones WeChat Pay adds later',
					},
					{
						name: 'Payment Succeeded (TRANSACTION.SUCCESS)',
						value: 'TRANSACTION.SUCCESS',
						description: 'A payment succeeded; the resource is the transaction (out_trade_no, transaction_id, trade_state, amount, payer …)',
					},
					{
						name: 'Refund Abnormal (REFUND.ABNORMAL)',
						value: 'REFUND.ABNORMAL',
						description: 'A refund could not be paid out (for example a closed card); it needs handling',
					},
					{
						name: 'Refund Closed (REFUND.CLOSED)',
						value: 'REFUND.CLOSED',
						description: 'A refund was closed',
					},
					{
						name: 'Refund Succeeded (REFUND.SUCCESS)',
						value: 'REFUND.SUCCESS',
						description: 'A refund was paid out; the resource is the refund (out_refund_no, refund_id, refund_status, amount …)',
					},
					{
						name: 'Brand: Coupon Sent (PRODUCT_COUPON.SEND)',
						value: 'PRODUCT_COUPON.SEND',
						description: 'A user received a brand product coupon',
					},
					{
						name: 'Service Provider: Coupon Image Generated (PRODUCT_COUPON_SP.IMAGE_GENERATION)',
						value: 'PRODUCT_COUPON_SP.IMAGE_GENERATION',
						description: 'A coupon image has been generated',
					},
					{
						name: 'Service Provider: Coupon Sent (PRODUCT_COUPON_SP.SEND)',
						value: 'PRODUCT_COUPON_SP.SEND',
						description: 'A user received a product coupon; it stays CONFIRMING until confirmed',
					},
				],
			},
		],
	};

	/**
	 * The notify URL is one setting for the whole account, shared with other workflows and systems, so activation
	 * neither reads nor writes it. What activation does is refuse a credential that could never verify or decrypt
	 * an event: otherwise WeChat Pay's callbacks would all be refused and, after its retries, lost.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Never "exists", so that n8n runs create() on every activation, where the credential is checked.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials('wechatPayApi');
				const ready = attempt(() => checkCallbackReady(credentials));
				if (!ready.ok) {
					if (!(ready.error instanceof CredentialConfigError)) throw ready.error;
					throw new NodeOperationError(this.getNode(), `The WeChat Pay credential cannot take callbacks: ${ready.error.message}`, {
						description: 'Fix the field in the credential, then activate the workflow again. Until then WeChat Pay\'s events could not be verified or decrypted.',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const fail = (status: number, message: string, detail: string): IWebhookResponseData => {
			// The reason goes to the log only: a refused callback starts no execution, and the caller may not be WeChat Pay.
			this.logger.warn(`WeChat Pay Trigger refused a callback (${status}): ${detail}`);
			response.status(status).json({ code: 'FAIL', message });
			return { noWebhookResponse: true };
		};

		// Reading the fields never throws: the signature is checked before anything else of the credential is used.
		const account = readAccount(await this.getCredentials('wechatPayApi'));
		const events = this.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const outcome = handleCallback(account, request.headers, (request as { rawBody?: Buffer }).rawBody, events);

		if (outcome.kind === 'refused') return fail(outcome.status, outcome.message, outcome.detail);
		// Acknowledged, so that WeChat Pay does not send it again: 200 for an event left out or a repeat, 204 for one taken.
		if (outcome.kind === 'ignored' || outcome.kind === 'repeated') {
			if (outcome.kind === 'repeated') this.logger.info('WeChat Pay Trigger acknowledged a repeated callback without starting the workflow');
			response.status(200).end();
			return { noWebhookResponse: true };
		}
		response.status(204).end();
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([outcome.event as IDataObject])] };
	}
}
