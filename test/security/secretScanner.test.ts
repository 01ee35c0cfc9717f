import { generateRsaKeyPair } from '../helpers/keys';
import { SecretScanner, serialise } from './secretScanner';

// The leak scan is only as good as its scanner: it must find each kind of leak it claims to look for.
describe('the secret scanner finds planted leaks', () => {
	const { privateKeyPem } = generateRsaKeyPair();
	const body = privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-')).join('');
	const apiV3Key = 'Abcdefghijklmnopqrstuvwxyz012345';
	const message = 'GET\n/v3/x\n1700000000\nNONCE1234567890\n\n';

	const planted: Array<[string, string]> = [
		['a 32-character slice from the middle of the key', `oops ${body.slice(500, 532)} oops`],
		['a slice split across PEM lines', privateKeyPem.slice(300, 400)],
		['a slice inside JSON with escaped line breaks', serialise({ error: privateKeyPem.slice(200, 330) })],
		['the APIv3 key', `decrypt failed with ${apiV3Key}`],
		['a signed message, JSON-escaped', serialise({ signed: message })],
		['a key inside a serialised Buffer', serialise({ body: Buffer.from(body.slice(100, 140)) })],
	];

	it.each(planted)('%s', (_, text) => {
		const scanner = new SecretScanner();
		scanner.addPrivateKey(privateKeyPem);
		scanner.addExact(apiV3Key);
		scanner.addExact(message);
		scanner.collect('planted', text);
		expect(scanner.scanAll()).toHaveLength(1);
	});

	it('stays quiet on text without secrets', () => {
		const scanner = new SecretScanner();
		scanner.addPrivateKey(privateKeyPem);
		scanner.addExact(apiV3Key);
		scanner.collect('clean', serialise({ message: 'The Private Key field does not contain a readable RSA private key', body: body.slice(0, 31) }));
		expect(scanner.scanAll()).toEqual([]);
	});
});
