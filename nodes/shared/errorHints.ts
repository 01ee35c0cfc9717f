/** What a user needs to fix for each WeChat Pay error code: node errors and the Test button both say it. */
export const ERROR_HINTS: Record<string, string> = {
	SIGN_ERROR:
		"WeChat Pay refused the signature: check the Merchant ID / Brand ID, the Certificate Serial Number and the Private Key in the credential, and that this machine's clock is right",
	INVALID_REQUEST: 'The request breaks an APIv3 rule; the message above says which',
	PARAM_ERROR: 'A parameter was refused; the message above says which',
	NO_AUTH: 'This account has not enabled product coupons (商品券), or is not allowed to call this API',
	RESOURCE_NOT_EXISTS: 'No notify URL has been set for this account yet: run "Set notify URL" first',
	RATELIMIT_EXCEEDED: 'More than 20 requests per second for this account: slow the workflow down or retry later',
	FREQUENCY_LIMITED: 'Too many requests for this account: slow the workflow down or retry later',
	MCH_NOT_EXISTS: 'WeChat Pay knows no such merchant: check the Merchant ID in the credential',
	SYSTEM_ERROR: 'WeChat Pay had a server-side problem: retry later',
	SERVICE_UNAVAILABLE: 'WeChat Pay is temporarily unavailable: retry later',
};
