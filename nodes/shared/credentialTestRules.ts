import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';

import { ERROR_HINTS } from './errorHints';

/** Fails the Test when WeChat Pay's answer carries this error `code`. */
const onCode = (code: string, hint = ERROR_HINTS[code] ?? ''): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key: 'code', value: code, message: `${code}: ${hint}` },
});

/**
 * What the credential's Test button says about WeChat Pay's answer to a signed "Get notify URL". n8n's rules can
 * only compare a body field with a value, so an answer they do not recognise (an undocumented code, a body that
 * is neither JSON nor a web page) passes as success; README.md says so.
 *
 * The test request ignores HTTP status errors, so WeChat Pay's own error code decides: n8n 1.x reports a thrown
 * status only with its generic texts, and a 404 RESOURCE_NOT_EXISTS (no notify URL set yet) must count as
 * success, as WeChat Pay answers it only after accepting the signature. Fields that cannot work never get this
 * far: `authenticate` refuses them before sending, naming the field.
 */
export const credentialTestRules: IAuthenticateRuleResponseSuccessBody[] = [
	onCode('SIGN_ERROR'),
	onCode('INVALID_REQUEST', 'check the WeChat Pay Public Key ID (sent as Wechatpay-Serial) and the Merchant ID or Brand ID'),
	onCode('PARAM_ERROR', 'check the Merchant ID or Brand ID'),
	onCode('MCH_NOT_EXISTS'),
	onCode('NO_AUTH'),
	onCode('RATELIMIT_EXCEEDED'),
	onCode('FREQUENCY_LIMITED'),
	onCode('SYSTEM_ERROR'),
	onCode('SERVICE_UNAVAILABLE'),
	{
		// A web page instead of JSON: a gateway error page (502/504), or a Base URL that is not WeChat Pay's API.
		type: 'responseSuccessBody',
		properties: {
			key: '0',
			value: '<',
			message:
				"The answer was a web page, not WeChat Pay's API: test again in a minute (WeChat Pay's gateway may be failing), and check the Base URL if you changed it (normally https://api.mch.weixin.qq.com)",
		},
	},
];
