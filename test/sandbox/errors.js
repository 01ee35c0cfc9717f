// @ts-check
'use strict';
/**
 * WeChat Pay error answers: HTTP status + `{code, message, detail?}` (unsigned). A business error also carries its
 * numeric code as the last `-` segment of the Request-ID header (product coupon digest §9.2), so handlers throw an
 * ApiError holding both and the server writes them out.
 */

/** Numeric codes of the product coupon digest §9.2 that the sandbox answers with. */
const NUMERIC = Object.freeze({
	paramIllegal: 268435461,
	paramTooLong: 268435462,
	paramTooShort: 268435463,
	paramOutOfRange: 268435464,
	requestNoReused: 268578927,
	stateIllegal: 268578367,
	expired: 268578776,
	alreadyUsed: 272756745,
	deletedByUser: 272756769,
	userCouponNotFound: 268578851, // brand list
	objectNotFound: 268578608, // not found, not this brand, or created by another service provider
	stockNotSending: 268577984,
	outsideValidity: 272755715,
	perUserLimit: 272756740,
	appidIllegal: 268578704,
	noPermission: 268579803,
	fieldRuleViolated: 268578224,
	storeScopeNotSpecific: 268578813, // association calls on a stock whose store_scope is not SPECIFIC
	roundsNotIncreasing: 268586067, // a bundle round less generous than the one before
	imageTooLarge: 270087680,
});

class ApiError extends Error {
	/**
	 * @param {number} status @param {string} code @param {string} message
	 * @param {Record<string, unknown>} [detail] @param {number} [numeric] numeric business code for the Request-ID
	 */
	constructor(status, code, message, detail, numeric) {
		super(`${status} ${code}: ${message}`);
		this.status = status;
		this.code = code;
		this.apiMessage = message;
		this.detail = detail;
		this.numeric = numeric;
	}
}

/** 400 PARAM_ERROR about one field. @param {string} field @param {string} location body | query | path @param {string} issue @param {number} [numeric] */
function paramError(field, location, issue, numeric = NUMERIC.paramIllegal) {
	return new ApiError(400, 'PARAM_ERROR', `参数错误：${issue}`, { field, location, issue }, numeric);
}

/**
 * 400 PARAM_ERROR about a rule between fields (digest §4: scope/type pairs, periods, images from #3, ...), with the
 * digest's "field rule violated" code unless another one is given.
 * @param {string} field @param {string} issue @param {number} [numeric]
 */
function fieldRule(field, issue, numeric = NUMERIC.fieldRuleViolated) {
	return new ApiError(400, 'PARAM_ERROR', `参数错误：${issue}`, { field, location: 'body', issue }, numeric);
}

/** 400 INVALID_REQUEST: the request is well formed but breaks a state or business rule. @param {string} message @param {string} issue @param {number} [numeric] */
function invalidRequest(message, issue, numeric) {
	return new ApiError(400, 'INVALID_REQUEST', message, { issue }, numeric);
}

/** 404 RESOURCE_NOT_EXISTS. @param {string} message @param {string} issue @param {number} numeric */
function notFound(message, issue, numeric) {
	return new ApiError(404, 'RESOURCE_NOT_EXISTS', message, { issue }, numeric);
}

/** 403 NO_AUTH (the brand has not authorised this service provider). @param {string} issue */
function noAuth(issue) {
	return new ApiError(403, 'NO_AUTH', '品牌未授权该服务商', { issue }, NUMERIC.noPermission);
}

module.exports = { ApiError, NUMERIC, paramError, fieldRule, invalidRequest, notFound, noAuth };
