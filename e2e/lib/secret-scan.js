// @ts-check
// Looks for the sandbox credentials' secrets (private key material, APIv3 key) in what real n8n printed, logged,
// saved or replied. Same idea as test/security/secretScanner.ts, in plain JS for this no-build folder.
'use strict';

const { createPrivateKey } = require('crypto');
const fs = require('fs');
const path = require('path');

function createSecretScan(credentialList) {
	const keySlices = new Set();
	const exact = [];
	for (const credential of credentialList) {
		const key = createPrivateKey(credential.privateKey);
		for (const type of /** @type {const} */ (['pkcs8', 'pkcs1'])) {
			const body = key.export({ type, format: 'der' }).toString('base64');
			for (let i = 0; i + 32 <= body.length; i++) keySlices.add(body.slice(i, i + 32));
		}
		exact.push(credential.apiV3Key);
	}
	/** @returns {string | null} what was found, never the secret itself */
	function find(text) {
		for (const candidate of [text, text.replace(/\\n|\\r|\s/g, '')]) {
			for (let i = 0; i + 32 <= candidate.length; i++) if (keySlices.has(candidate.slice(i, i + 32))) return `private key material at ${i}`;
		}
		return exact.some((secret) => text.includes(secret)) ? 'an APIv3 key' : null;
	}
	/** @param {Record<string, string>} texts label → text @returns {string[]} findings */
	function scan(texts) {
		const findings = [];
		for (const [label, text] of Object.entries(texts)) {
			const found = find(text);
			if (found) findings.push(`${label}: ${found}`);
		}
		return findings;
	}
	/** Every file of a folder (n8n's command and server logs). */
	function filesOf(dir) {
		const texts = {};
		for (const name of fs.readdirSync(dir)) texts[name] = fs.readFileSync(path.join(dir, name), 'utf8');
		return texts;
	}
	return { scan, filesOf };
}

module.exports = { createSecretScan };
