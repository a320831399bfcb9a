import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, randomBytes } from 'crypto';
import { inspect } from 'util';

import {
	aes256CbcEncrypt,
	decryptResponse,
	encryptFields,
	EncryptionSession,
	FieldEncryptionError,
	nodeOffersSm4Gcm,
	parseRsaPublicKey,
	SM4_GCM_UNAVAILABLE,
	TENCENT_RSA_PUBLIC_KEY_PEM,
} from '../../../lib/tencent/encryption';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const spkiPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** What Tencent does with a request: unwrap the key with its private key, decrypt each listed field. */
function unwrapKey(ciphertextBlob: string): Buffer {
	return privateDecrypt({ key: pair.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(ciphertextBlob, 'base64'));
}
function decryptField(key: Buffer, ivBase64: string, value: string): string {
	const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(ivBase64, 'base64'));
	return Buffer.concat([decipher.update(Buffer.from(value, 'base64')), decipher.final()]).toString('utf8');
}

const request = { Name: '韦小宝', IdCard: '11010119900307803X', Extra: 'kept' };

describe('encryptFields (AES-256-CBC, RSA PKCS#1 v1.5 key wrap)', () => {
	it('encrypts the listed fields so the private-key holder reads them back, and leaves the rest alone', () => {
		const { params, encryption } = encryptFields(request, ['Name', 'IdCard'], { publicKeyPem });
		expect(params.Name).not.toBe(request.Name);
		expect(params.IdCard).not.toContain('11010119900307803X');
		expect(params.Extra).toBe('kept');
		expect(params.Encryption).toBe(encryption);
		expect(encryption).toMatchObject({ EncryptList: ['Name', 'IdCard'], Algorithm: 'AES-256-CBC' });
		expect(Buffer.from(encryption.Iv, 'base64')).toHaveLength(16);

		const key = unwrapKey(encryption.CiphertextBlob);
		expect(key).toHaveLength(32);
		expect(decryptField(key, encryption.Iv, params.Name)).toBe('韦小宝');
		expect(decryptField(key, encryption.Iv, params.IdCard)).toBe('11010119900307803X');
		expect(request.Name).toBe('韦小宝'); // the caller's object is not modified
	});

	it('uses a fresh key and IV for every request', () => {
		const first = encryptFields(request, ['Name'], { publicKeyPem });
		const second = encryptFields(request, ['Name'], { publicKeyPem });
		expect(unwrapKey(first.encryption.CiphertextBlob).equals(unwrapKey(second.encryption.CiphertextBlob))).toBe(false);
		expect(first.encryption.Iv).not.toBe(second.encryption.Iv);
		expect(first.params.Name).not.toBe(second.params.Name);
	});

	it('skips absent or null fields and still sends Encryption (the key for an encrypted answer), with extra params', () => {
		const { params, encryption } = encryptFields({ ImageBase64: 'abc', Name: null }, ['Name', 'IdCard'], {
			publicKeyPem,
			extraParams: { IsEncrypt: true },
		});
		expect(encryption.EncryptList).toEqual([]);
		expect(params).toMatchObject({ ImageBase64: 'abc', Name: null, IsEncrypt: true });
		expect(unwrapKey(encryption.CiphertextBlob)).toHaveLength(32);
	});

	it('encrypts nested dotted paths', () => {
		const { params, encryption } = encryptFields({ Text: { IdCard: '11010119900307803X' } }, ['Text.IdCard'], {
			publicKeyPem,
		});
		expect(decryptField(unwrapKey(encryption.CiphertextBlob), encryption.Iv, params.Text.IdCard)).toBe(
			'11010119900307803X',
		);
	});

	it('refuses a non-text field, a request that already has Encryption, and SM4-GCM, saying why', () => {
		expect(() => encryptFields({ IdCard: 110101 }, ['IdCard'], { publicKeyPem })).toThrow(
			'Field IdCard must be text to be encrypted, not number',
		);
		expect(() => encryptFields({ Encryption: {} }, [], { publicKeyPem })).toThrow('already has an Encryption');
		expect(() => encryptFields(request, ['Name'], { algorithm: 'SM4-GCM' })).toThrow(SM4_GCM_UNAVAILABLE);
	});

	it('top-level placement (the older actions): CiphertextBlob, EncryptList and Iv beside the fields, no Encryption object and no Algorithm', () => {
		const { params, encryption, session } = encryptFields(request, ['Name', 'IdCard'], { publicKeyPem, placement: 'topLevel' });
		expect(params).not.toHaveProperty('Encryption');
		expect(params).not.toHaveProperty('Algorithm');
		expect(params).toMatchObject({ EncryptList: ['Name', 'IdCard'], CiphertextBlob: encryption.CiphertextBlob, Iv: encryption.Iv, Extra: 'kept' });
		expect(session.decrypt(String(params.Name), Buffer.from(encryption.Iv, 'base64'))).toBe(request.Name);
		expect(() => encryptFields({ CiphertextBlob: 'x' }, [], { publicKeyPem, placement: 'topLevel' })).toThrow('already has a CiphertextBlob');
	});

	it('wraps with Tencent\'s published 1024-bit RSA key by default', () => {
		const key = parseRsaPublicKey(TENCENT_RSA_PUBLIC_KEY_PEM);
		expect(key.asymmetricKeyDetails?.modulusLength).toBe(1024);
		const { encryption } = encryptFields(request, ['Name']);
		expect(Buffer.from(encryption.CiphertextBlob, 'base64')).toHaveLength(128);
		// A blank key in the credential means the default, not "no key".
		expect(Buffer.from(encryptFields(request, ['Name'], { publicKeyPem: '  ' }).encryption.CiphertextBlob, 'base64')).toHaveLength(128);
	});
});

describe('SM4-GCM availability', () => {
	it('is not offered: this Node has no sm4-gcm cipher (and no SM2 encryption for the key wrap)', () => {
		expect(nodeOffersSm4Gcm()).toBe(false);
	});
});

describe('parseRsaPublicKey', () => {
	it.each([
		['PKCS#1 PEM', publicKeyPem],
		['SPKI PEM', spkiPem],
		['PEM pasted on one line', publicKeyPem.replace(/\n/g, ' ')],
		["base64 of the PEM (Tencent's console and libraries)", Buffer.from(publicKeyPem).toString('base64')],
		['bare base64 body', spkiPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
	])('reads a %s', (_label, text) => {
		const key = parseRsaPublicKey(text);
		expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
	});

	it('rejects text that is not a key without repeating it', () => {
		const garbage = 'not-a-key-SECRETISH-VALUE';
		let thrown: unknown;
		try {
			parseRsaPublicKey(garbage);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(FieldEncryptionError);
		expect((thrown as Error).message).toMatch(/not a readable RSA public key/);
		expect((thrown as Error).message).not.toContain('SECRETISH');
	});

	it('rejects a non-RSA key', () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' });
		expect(() => parseRsaPublicKey(ec.toString())).toThrow('is an ec key, not RSA');
	});
});

describe('EncryptionSession', () => {
	it('never serialises its key', () => {
		const key = randomBytes(32);
		const session = new EncryptionSession('AES-256-CBC', key);
		const hex = key.toString('hex');
		const b64 = key.toString('base64');
		for (const text of [JSON.stringify(session), inspect(session, { showHidden: true, depth: 5 }), JSON.stringify(structuredClone(session))]) {
			expect(text).not.toContain(hex);
			expect(text).not.toContain(b64);
		}
		expect(JSON.parse(JSON.stringify(session))).toEqual({ algorithm: 'AES-256-CBC' });
	});
});

describe('decryptResponse', () => {
	const key = randomBytes(32);
	const session = new EncryptionSession('AES-256-CBC', key);
	const iv = randomBytes(16);
	const ivText = iv.toString('base64');

	it('decrypts the Response.* paths of Encryption.EncryptList and keeps everything else', () => {
		const response = {
			Result: 'Success',
			Sim: 88.5,
			Name: aes256CbcEncrypt(key, iv, '韦小宝'),
			IdNum: aes256CbcEncrypt(key, iv, '11010119900307803X'),
			Encryption: { EncryptList: ['Response.IdNum', 'Response.Name'], Iv: ivText, Algorithm: 'AES-256-CBC', CiphertextBlob: null },
			RequestId: 'r-1',
		};
		const decrypted = decryptResponse(response, session);
		expect(decrypted).toEqual({ ...response, Name: '韦小宝', IdNum: '11010119900307803X' });
		expect(response.Name).not.toBe('韦小宝'); // input untouched
	});

	it('decrypts nested paths and skips listed fields that are null or absent', () => {
		const response = {
			Text: { IdCard: aes256CbcEncrypt(key, iv, '11010119900307803X'), Name: null },
			Encryption: { EncryptList: ['Response.Text.IdCard', 'Response.Text.Name', 'Response.Missing'], Iv: ivText },
			RequestId: 'r-2',
		};
		expect(decryptResponse(response, session).Text).toEqual({ IdCard: '11010119900307803X', Name: null });
	});

	it('decrypts EncryptedBody and merges it in place of the ciphertext', () => {
		const body = JSON.stringify({ Result: 'Success', Sim: 90, IdNum: '11010119900307803X', Name: '韦小宝' });
		const response = {
			EncryptedBody: aes256CbcEncrypt(key, iv, body),
			Encryption: { EncryptList: ['EncryptionBody'], Iv: ivText, Algorithm: 'AES-256-CBC' },
			RequestId: 'r-3',
		};
		const decrypted = decryptResponse(response, session);
		expect(decrypted).toEqual({
			Result: 'Success',
			Sim: 90,
			IdNum: '11010119900307803X',
			Name: '韦小宝',
			Encryption: response.Encryption,
			RequestId: 'r-3',
		});
		expect(decrypted).not.toHaveProperty('EncryptedBody');
	});

	it('returns an answer with nothing encrypted unchanged', () => {
		const response = { Result: '0', Description: 'ok', Encryption: null, RequestId: 'r-4' };
		expect(decryptResponse(response, session)).toBe(response);
	});

	it.each([
		['a field encrypted with another key', { Name: aes256CbcEncrypt(randomBytes(32), iv, 'x'), Encryption: { EncryptList: ['Response.Name'], Iv: ivText } }, /Could not decrypt Response\.Name/],
		['an IV that is not 16 bytes', { Name: 'abc', Encryption: { EncryptList: ['Response.Name'], Iv: 'short' } }, /Iv is not 16 bytes/],
		['no IV', { Name: 'abc', Encryption: { EncryptList: ['Response.Name'] } }, /no Iv/],
		['another algorithm', { Name: 'abc', Encryption: { EncryptList: ['Response.Name'], Iv: ivText, Algorithm: 'SM4-GCM' } }, /encrypted with SM4-GCM/],
		['a prototype-polluting path', { Encryption: { EncryptList: ['Response.__proto__.polluted'], Iv: ivText } }, /not a usable field path/],
		['an encrypted field that is not text', { Name: 42, Encryption: { EncryptList: ['Response.Name'], Iv: ivText } }, /is not text/],
		['an EncryptedBody that is not JSON', { EncryptedBody: aes256CbcEncrypt(key, iv, 'hello'), Encryption: { Iv: ivText } }, /not JSON/],
	])('throws FieldEncryptionError for %s, without the value', (_label, response, message) => {
		let thrown: unknown;
		try {
			decryptResponse({ ...response, RequestId: 'r' } as Record<string, unknown>, session);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(FieldEncryptionError);
		expect((thrown as Error).message).toMatch(message);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
