import type { IDataObject } from 'n8n-workflow';

import type { WeChatPayAccount } from '../../shared/account';
import { brandId as brandIdField } from './fields';
import type { ItemParameters } from './itemParameters';

/** A product coupon endpoint's path for this account type; path parameters were checked, and are encoded. */
export function productCouponPath(account: WeChatPayAccount, ...segments: string[]): string {
	return `${account.scheme.productCouponPrefix}/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * Where a request says which brand it is about (product coupon digest §1): a service provider names the brand it
 * acts for as brand_id (in the body, or the query of a GET); a brand's own account is the brand, so it sends
 * none, and a Brand ID other than its own is a mistake worth stopping.
 */
export function brandScope(account: WeChatPayAccount, params: ItemParameters): IDataObject {
	const given = params.optional(brandIdField);
	if (account.accountType === 'serviceProvider') {
		if (!given) {
			throw params.refuse(brandIdField.property, 'is empty', 'a service provider credential must name the brand it acts for (brand_id)');
		}
		return { brand_id: given };
	}
	if (given !== undefined && given !== account.accountId) {
		throw params.refuse(
			brandIdField.property,
			`is ${given}, but the credential is brand ${account.accountId}`,
			'leave it empty with a brand credential (the brand is the account), or use the credential of brand ' + given,
		);
	}
	return {};
}
