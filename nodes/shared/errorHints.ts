/** A table whose only keys are the ones written here: WeChat Pay's text can never reach Object's own properties. */
function table(entries: Record<string, string>): Readonly<Record<string, string>> {
	return Object.freeze(Object.assign(Object.create(null) as Record<string, string>, entries));
}

/** What a user needs to fix for each WeChat Pay error code: node errors and the Test button both say it. */
export const ERROR_HINTS = table({
	SIGN_ERROR:
		"WeChat Pay refused the signature: check the Merchant ID / Brand ID, the Certificate Serial Number and the Private Key in the credential, and that this machine's clock is right",
	INVALID_REQUEST: 'The request breaks an APIv3 rule; the message above says which',
	PARAM_ERROR: 'A parameter was refused; the message above says which',
	NO_AUTH: 'This account has not enabled product coupons (商品券), or is not allowed to call this API (a service provider also needs the brand\'s authorisation)',
	RESOURCE_NOT_EXISTS: 'WeChat Pay has no such object for this account; for "Get notify URL": no notify URL has been set yet, run "Set notify URL" first',
	RATELIMIT_EXCEEDED: "Over WeChat Pay's rate limit for this account (20 requests/s for management calls, 500/s for user coupons): slow the workflow down or retry later",
	FREQUENCY_LIMITED: 'Too many requests for this account: slow the workflow down or retry later',
	MCH_NOT_EXISTS: 'WeChat Pay knows no such merchant: check the Merchant ID in the credential',
	SYSTEM_ERROR: 'WeChat Pay had a server-side problem: retry later',
	SERVICE_UNAVAILABLE: 'WeChat Pay is temporarily unavailable: retry later',
});

/**
 * WeChat Pay's numeric business codes, the last "-" segment of the Request-ID (product coupon digest §9.2), with
 * what each means for the user.
 */
export const NUMERIC_HINTS = table({
	'268578776': 'The user coupon has expired: nothing more can be done with it',
	'272756790': 'The user coupon has expired: nothing more can be done with it',
	'268578367': 'The coupon state does not allow this: a coupon must be confirmed before it is redeemed, and a deactivated or used coupon cannot be changed (run "Get" to see its state)',
	'272756745': 'The coupon was already redeemed for another order (another request number)',
	'272756746': 'The coupon is locked by another order being redeemed',
	'272756769': 'The user deleted this coupon from their card wallet (卡包)',
	'268578851': 'No such user coupon for this user: check the OpenID and the coupon code',
	'268577984': 'The stock is not sending (SENDING): check its state with "Get" on the stock',
	'272755715': "Outside the coupon's validity period",
	'272755717': "Outside the period in which the coupon's rules allow it",
	'272756740': "The user has reached the stock's per-user limit (coupons still CONFIRMING count too)",
	'272755200': 'This user already got a coupon of this stock with another send request number: reuse the first number to retry',
	'268578927': 'This request number was already used with different data: retry with the same data, or use a new number for a new request',
	'268435461': 'A parameter is not valid; the message above says which',
	'268435462': 'A parameter is too long; the message above says which',
	'268435463': 'A parameter is too short; the message above says which',
	'268435464': 'A parameter is out of range; the message above says which',
	'268578526': 'The OpenID cannot be read: it must be an OpenID of the AppID given',
	'268578532': 'The OpenID does not belong to the AppID given',
	'268578101': 'A field is not valid; the message above says which',
	'268578224': 'A field breaks a rule of this API (for example a validity span or a count out of range); the message above says which',
	'268578704': 'The AppID is not bound to the brand (or not authorised for this service provider)',
	'268578608': 'No such object for this brand (or it was created by another service provider)',
	'268578404': 'A coupon image is missing',
	'268584404': 'A store cannot be used with this stock',
	'268578813': 'The stock is valid in all stores (store scope ALL): stores cannot be associated with it',
	'268579803': 'This service provider has no permission for this API: ask the brand to authorise it',
	'268586067': 'Each round of a bundle must be at least as generous as the round before it',
	'270924289': "Over WeChat Pay's rate limit for this account: slow the workflow down",
	'270087680': 'The image is too large (at most 2 MB)',
});

/** The hint for a code, looked up as an own key only. */
export function hintFor(hints: Readonly<Record<string, string>>, code: string | undefined): string | undefined {
	return code !== undefined && Object.prototype.hasOwnProperty.call(hints, code) ? hints[code] : undefined;
}
