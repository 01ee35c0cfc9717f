import { createHash, timingSafeEqual } from 'crypto';

import { SignatureVerificationError } from '../crypto/responseVerifier';

/**
 * An unsigned download (a bill file) is WeChat Pay's only if its SHA-1 is the hash_value its signed bill answer
 * gave (apiv3 doc §5). Without an expected hash there is nothing to check it with, and it is refused.
 */
export function checkDownloadHash(raw: Buffer, expectedSha1: string | undefined): void {
	if (!expectedSha1) {
		throw new SignatureVerificationError(
			'the download is unsigned and no expected SHA-1 was given: pass the hash_value of its bill answer as Expected SHA-1',
		);
	}
	const actual = createHash('sha1').update(raw).digest();
	const expected = /^[0-9a-fA-F]{40}$/.test(expectedSha1) ? Buffer.from(expectedSha1, 'hex') : Buffer.alloc(0);
	if (expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
		throw new SignatureVerificationError(`the downloaded file's SHA-1 is ${actual.toString('hex')}, not the ${expectedSha1.slice(0, 40)} its bill answer gave`);
	}
}
