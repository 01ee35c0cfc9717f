import { createNonce } from '../../shared/crypto/signature';

/**
 * A request number of its own for one item of one execution: "N8N", the time in base 36 and 20 random
 * characters (31 in all, within every request number's 6–40 and its characters). Made once per item, before the
 * first attempt, so every retry of the item carries the same number and WeChat Pay applies the request once.
 */
export function newRequestNumber(now = Date.now()): string {
	return `N8N${now.toString(36).toUpperCase()}${createNonce(20)}`;
}
