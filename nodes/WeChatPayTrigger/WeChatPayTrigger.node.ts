import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CredentialConfigError, readAccount } from '../shared/account';
import { ALL_EVENTS, handleCallback } from './handleCallback';

export class WeChatPayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat Pay Trigger',
		name: 'weChatPayTrigger',
		icon: { light: 'file:wechatpay.svg', dark: 'file:wechatpay.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when WeChat Pay (微信支付) sends a product coupon event; verified and decrypted',
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const fail = (status: number, message: string): IWebhookResponseData => {
			response.status(status).json({ code: 'FAIL', message });
			return { noWebhookResponse: true };
		};

		let account;
		try {
			account = readAccount(await this.getCredentials('wechatPayApi'));
		} catch (error) {
			if (error instanceof CredentialConfigError) return fail(500, 'The receiver is not configured for WeChat Pay');
			throw error;
		}
		const events = this.getNodeParameter('events', [ALL_EVENTS]) as string[];
		const outcome = handleCallback(account, request.headers, (request as { rawBody?: Buffer }).rawBody, events);

		if (outcome.kind === 'refused') return fail(outcome.status, outcome.message);
		response.status(204).end();
		if (outcome.kind === 'ignored') return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([outcome.event as IDataObject])] };
	}
}
