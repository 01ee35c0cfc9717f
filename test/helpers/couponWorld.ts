import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { engineFor, workflow, type Sandbox, type SandboxCredential } from './world';

export type AccountType = 'serviceProvider' | 'brand';

/** One account with a seeded product coupon, and a way to run one WeChat Pay node on items through n8n-core's engine. */
export function couponWorld(sandbox: Sandbox, accountType: AccountType, seed: Parameters<Sandbox['seedProductCoupon']>[1] = {}) {
	const credential: SandboxCredential = sandbox.createAccount({ accountType });
	const coupon = sandbox.seedProductCoupon(credential, seed);
	const accountId = String(credential.merchantId ?? credential.brandId);
	const prefix = accountType === 'brand' ? '/brand/marketing/product-coupon' : '/v3/marketing/partner/product-coupon';
	/** brandId as each account type sends it: a service provider names the brand, a brand leaves it empty. */
	const brand = accountType === 'brand' ? {} : { brandId: coupon.brand_id };
	const engine = engineFor({ ...credential, backupBaseUrl: '' });

	return {
		credential,
		coupon,
		accountId,
		prefix,
		brand,
		engine,
		/** Runs the node with these parameters over these items; resolves with the run. */
		run: (parameters: INodeParameters, items: IDataObject[] = [{}], settings = {}) =>
			engine.runWorkflow(workflow({ ...brand, ...parameters }, items, settings)),
		/** What the sandbox received from this account, in order. */
		received: () => sandbox.requests.filter((request) => request.accountId === accountId),
		/** The identity of the seeded coupon's stock, as parameters. */
		stockParameters: { productCouponId: coupon.product_coupon_id, stockId: coupon.stock_id, appid: coupon.appid },
	};
}

export type CouponWorld = ReturnType<typeof couponWorld>;

/** The body the sandbox received, parsed. */
export const bodyOf = (request: { body: string }): IDataObject => JSON.parse(request.body) as IDataObject;
