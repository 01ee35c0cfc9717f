'use strict';
// Service-provider accounts for the many-accounts figures (2c, 5). A sandbox account costs two 2048-bit RSA key
// generations (0.1–0.4 s each on the bench machine), so hundreds of real ones would take minutes: the bench
// creates a few real accounts and registers the others in the sandbox as copies of them under new merchant ids
// (each its own account for the sandbox: own id, own notify URL, own rate-limit window), sharing the key
// material of the account they copy. Both sides of a figure then find every key already parsed (ours by a
// SHA-256 of the key text, the floor by the text): key parsing is a once-per-key cost, not a per-item one, and is
// out of these figures.
const notifyUrlOf = (merchantId) => `https://n8n.example.com/webhook/bench-${merchantId}/wechatpay`;
const UPDATE_TIME = '2026-11-27T15:04:05+08:00';

/**
 * @param {any} sandbox a started sandbox (test/sandbox)
 * @param {number} count accounts wanted
 * @param {{ distinct?: number }} [options] how many of them are real accounts with keys of their own (default 2)
 * @returns {object[]} credential data, each with `backupBaseUrl: ''`; every account's notify URL is set
 */
function createManyAccounts(sandbox, count, { distinct = 2 } = {}) {
	const credentials = [];
	for (let index = 0; index < count; index++) {
		let credential;
		if (index < distinct) {
			credential = sandbox.createAccount({ accountType: 'serviceProvider' });
		} else {
			const source = sandbox.account(credentials[index % distinct]);
			const id = String(sandbox.registry.nextMerchantId++);
			credential = { ...source.credential, merchantId: id };
			sandbox.registry.byId.set(id, { ...source, id, credential, faultQueue: [], faultRate: 0, faultList: [], rng: null, rateWindows: {} });
		}
		Object.assign(sandbox.account(credential), { notifyUrl: notifyUrlOf(credential.merchantId), updateTime: UPDATE_TIME });
		credentials.push({ ...credential, backupBaseUrl: '' });
	}
	return credentials;
}

module.exports = { createManyAccounts, notifyUrlOf };
