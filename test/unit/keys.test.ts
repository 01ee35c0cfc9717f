import { createPrivateKey, generateKeyPairSync } from 'crypto';

import { loadPrivateKey } from '../../nodes/shared/crypto/privateKey';
import { verificationKeysOf, normaliseSerial } from '../../nodes/shared/crypto/verificationKeys';
import { readAccount } from '../../nodes/shared/account';
import { generateRsaKeyPair, pkcs1Pem } from '../helpers/keys';

const { privateKeyPem, publicKeyPem } = generateRsaKeyPair();
const body = (pem: string) => pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
const header = (pem: string) => pem.split('\n')[0];
const footer = (pem: string) => pem.trim().split('\n').slice(-1)[0];

/** The same key as users paste it into web forms. */
const pasted: Array<[string, string]> = [
	['clean PKCS#8 PEM', privateKeyPem],
	['one line (line breaks lost)', `${header(privateKeyPem)}${body(privateKeyPem)}${footer(privateKeyPem)}`],
	['one line with spaces for line breaks', privateKeyPem.split('\n').join(' ')],
	['literal \\n sequences', privateKeyPem.split('\n').join('\\n')],
	['CRLF line ends', privateKeyPem.split('\n').join('\r\n')],
	['stray spaces and tabs', `  \t${privateKeyPem.split('\n').join('  \n\t')}  `],
	['PKCS#1 (the RSA-labelled PEM)', pkcs1Pem(privateKeyPem)],
	['PKCS#1 on one line', pkcs1Pem(privateKeyPem).split('\n').join('')],
	['bare base64 body without BEGIN/END', body(privateKeyPem)],
	['bare PKCS#1 base64 body', body(pkcs1Pem(privateKeyPem))],
];

describe('private key normalisation', () => {
	const expected = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });

	it.each(pasted)('reads %s as the same key', (_, text) => {
		expect(loadPrivateKey(text).export({ type: 'pkcs8', format: 'der' }).equals(expected)).toBe(true);
	});

	const garbage: Array<[string, string, RegExp]> = [
		['empty', '   ', /Private Key field is empty/],
		['random words', 'not a key at all', /does not contain a readable RSA private key/],
		['a truncated key', privateKeyPem.slice(0, 400) + footer(privateKeyPem), /does not contain a readable RSA private key/],
		['a public key', publicKeyPem, /does not contain a readable RSA private key/],
		[
			'an EC key',
			generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
			/holds a ec key; WeChat Pay API keys are RSA 2048/,
		],
	];

	it.each(garbage)('explains %s clearly, naming the field and quoting none of the key', (_, text, message) => {
		let error: Error | undefined;
		try {
			loadPrivateKey(text);
		} catch (caught) {
			error = caught as Error;
		}
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/apiclient_key\.pem/);
		for (let start = 0; start + 32 <= body(text).length; start += 16) {
			expect(error?.message).not.toContain(body(text).slice(start, start + 32));
		}
	});

	it('parses each distinct key text once (cached KeyObject)', () => {
		expect(loadPrivateKey(privateKeyPem)).toBe(loadPrivateKey(privateKeyPem));
	});
});

describe('WeChat Pay verification keys', () => {
	const account = (fields: Record<string, string>) =>
		readAccount({ merchantId: '1900000109', certificateSerialNumber: 'AB', privateKey: privateKeyPem, ...fields });

	it('reads a public key pasted on one line, under its id', () => {
		const keys = verificationKeysOf(account({ wechatPayPublicKeyId: 'PUB_KEY_ID_01', wechatPayPublicKey: publicKeyPem.split('\n').join('') }));
		expect([...keys.keys()]).toEqual(['PUB_KEY_ID_01']);
	});

	it('says where the merchant platform shows the public key when none is set', () => {
		expect(() => verificationKeysOf(account({}))).toThrow(/Account Center → API Security → WeChat Pay public key/);
	});

	it('wants both the id and the key', () => {
		expect(() => verificationKeysOf(account({ wechatPayPublicKey: publicKeyPem }))).toThrow(/Public Key ID is empty/);
		expect(() => verificationKeysOf(account({ wechatPayPublicKeyId: 'PUB_KEY_ID_1' }))).toThrow(/Public Key is empty/);
	});

	it('refuses a public key that is not RSA', () => {
		const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
		expect(() => verificationKeysOf(account({ wechatPayPublicKeyId: 'PUB_KEY_ID_02', wechatPayPublicKey: ed25519 }))).toThrow(
			/does not contain a readable RSA public key/,
		);
	});

	it('compares certificate serials without case or leading zeros', () => {
		expect(normaliseSerial('0a1b')).toBe('A1B');
		expect(normaliseSerial('PUB_KEY_ID_0114')).toBe('PUB_KEY_ID_0114');
	});
});
