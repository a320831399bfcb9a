/**
 * The sandbox's side of Encryption, through the API client over real HTTP: it decrypts what
 * encryptFields produced with the test key pair, refuses what it cannot decrypt with Tencent's
 * codes, and encrypts answers that decryptResponse reads back.
 */
import { generateKeyPairSync } from 'crypto';
import { z } from 'zod';

import { TencentCloudClient } from '../../lib/tencent/client';
import { callEncrypted, decryptResponse, encryptFields } from '../../lib/tencent/encryption';
import { TencentCloudError } from '../../lib/tencent/errors';
import { CheckIdCardInformation } from '../../lib/tencent/actions/CheckIdCardInformation';
import { defineAction, type BaseResponse } from '../../lib/tencent/actions/common';
import { IdCardVerification, type IdCardVerificationRequest } from '../../lib/tencent/actions/IdCardVerification';
import { defineSandboxAction, SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { createUndiciTransport } from '../support/undiciTransport';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const otherPublicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
	.publicKey.export({ type: 'spki', format: 'pem' })
	.toString();

/** A stand-in answering like CheckIdCardInformation (IdNum and Name), so the answer side can be sealed. */
const ID_PHOTO_ANSWER = { Result: 'Success', Sim: 91.5, Name: '张三', IdNum: '110105198506150022', Sex: '男' };
const checkIdCardStandIn = defineSandboxAction(CheckIdCardInformation, { handler: () => ({ ...ID_PHOTO_ANSWER }) });
const CheckIdCard = defineAction<Record<string, unknown>, BaseResponse>({
	name: 'CheckIdCardInformation',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	rateLimit: 100,
	responseSchema: z.object({ RequestId: z.string() }).passthrough(),
});

let sandbox: Sandbox;
let keylessSandbox: Sandbox;
let client: TencentCloudClient;
let keylessClient: TencentCloudClient;

beforeAll(async () => {
	sandbox = await startSandbox({ encryptionPrivateKeyPem: privateKeyPem, actions: [checkIdCardStandIn] });
	keylessSandbox = await startSandbox();
	client = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: sandbox.url }));
	keylessClient = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: keylessSandbox.url }));
});
afterAll(async () => {
	await sandbox.close();
	await keylessSandbox.close();
});
beforeEach(() => sandbox.clearRequests());

async function apiErrorOf(promise: Promise<unknown>): Promise<TencentCloudError> {
	const error = await promise.then(
		() => undefined,
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(TencentCloudError);
	return error as TencentCloudError;
}

const zhangSan = { Name: '张三', IdCard: '110105198506150022' };

describe('requests with Encryption', () => {
	it('are decrypted before the handler: an encrypted registered identity matches (Result "0")', async () => {
		const { params } = encryptFields(zhangSan, ['Name', 'IdCard'], { publicKeyPem });
		const response = await client.call(IdCardVerification, params);
		expect(response.Result).toBe('0');
		expect(sandbox.requests).toEqual([expect.objectContaining({ code: '0', billable: true, encryptedFields: ['Name', 'IdCard'] })]);
	});

	it('decrypt to what was sent: an encrypted mismatching pair still gets "-1"', async () => {
		const { params } = encryptFields({ ...zhangSan, Name: '李四' }, ['Name', 'IdCard'], { publicKeyPem });
		expect((await client.call(IdCardVerification, params)).Result).toBe('-1');
	});

	it.each<[string, () => Record<string, unknown>, string]>([
		['a key wrapped for another public key', () => encryptFields(zhangSan, ['Name'], { publicKeyPem: otherPublicKeyPem }).params, 'FailedOperation.DecryptSystemError'],
		['a listed field sent in plain text', () => ({ ...encryptFields(zhangSan, ['Name'], { publicKeyPem }).params, Name: '张三' }), 'FailedOperation.DecryptSystemError'],
		['a listed field that is missing', () => {
			const { params } = encryptFields(zhangSan, ['Name', 'IdCard'], { publicKeyPem });
			return { ...params, IdCard: undefined };
		}, 'FailedOperation.DecryptSystemError'],
		['a field the action does not encrypt', () => {
			const { params, encryption } = encryptFields({ ...zhangSan, Extra: 'x' }, ['Name', 'Extra'], { publicKeyPem });
			return { ...params, Encryption: encryption };
		}, 'InvalidParameter.UnsupportEncryptField'],
		['SM4-GCM', () => {
			const { params, encryption } = encryptFields(zhangSan, ['Name'], { publicKeyPem });
			return { ...params, Encryption: { ...encryption, Algorithm: 'SM4-GCM' } };
		}, 'FailedOperation.DecryptSystemError'],
		['a bad IV', () => {
			const { params, encryption } = encryptFields(zhangSan, ['Name'], { publicKeyPem });
			return { ...params, Encryption: { ...encryption, Iv: 'AAAA' } };
		}, 'FailedOperation.DecryptSystemError'],
	])('are refused, not billed, for %s', async (_label, build, code) => {
		const error = await apiErrorOf(client.call(IdCardVerification, build() as unknown as IdCardVerificationRequest));
		expect(error.code).toBe(code);
		expect(sandbox.requests).toEqual([expect.objectContaining({ code, billable: false })]);
	});

	it('get DecryptSystemError from a sandbox started without a key pair', async () => {
		const { params } = encryptFields(zhangSan, ['Name', 'IdCard'], { publicKeyPem });
		expect((await apiErrorOf(keylessClient.call(IdCardVerification, params))).code).toBe('FailedOperation.DecryptSystemError');
	});
});

describe('answers the request asks to encrypt', () => {
	it('IsEncrypt: IdNum and Name come back encrypted, listed in Encryption, and decrypt with the request key', async () => {
		const { params, session } = encryptFields({ ImageBase64: 'x' }, [], { publicKeyPem, extraParams: { IsEncrypt: true } });
		const response = await client.call(CheckIdCard, params);
		expect(response.IdNum).not.toBe(ID_PHOTO_ANSWER.IdNum);
		expect(response.Name).not.toBe(ID_PHOTO_ANSWER.Name);
		expect(response.Sex).toBe('男');
		expect(response.Encryption).toMatchObject({ EncryptList: ['Response.IdNum', 'Response.Name'], Algorithm: 'AES-256-CBC' });
		expect(decryptResponse(response, session)).toMatchObject({ ...ID_PHOTO_ANSWER, RequestId: response.RequestId });
	});

	it('IsEncryptResponse: the whole answer comes back in EncryptedBody', async () => {
		const { params, session } = encryptFields({ ImageBase64: 'x' }, [], { publicKeyPem, extraParams: { IsEncryptResponse: true } });
		const response = await client.call(CheckIdCard, params);
		expect(Object.keys(response).sort()).toEqual(['EncryptedBody', 'Encryption', 'RequestId']);
		const decrypted = decryptResponse(response, session);
		expect(decrypted).toMatchObject({ ...ID_PHOTO_ANSWER, RequestId: response.RequestId });
		expect(decrypted).not.toHaveProperty('EncryptedBody');
	});

	it('IsEncrypt without Encryption → MissingParameter, before the handler runs', async () => {
		expect((await apiErrorOf(client.call(CheckIdCard, { ImageBase64: 'x', IsEncrypt: true }))).code).toBe('MissingParameter');
	});

	it('IdCardVerification answers are never encrypted: nothing sensitive in them', async () => {
		const { params } = encryptFields(zhangSan, ['Name', 'IdCard'], { publicKeyPem });
		const response = await client.call(IdCardVerification, { ...params, IsEncrypt: true } as unknown as IdCardVerificationRequest);
		expect(response.Encryption ?? null).toBeNull();
	});
});

describe('callEncrypted: what the action model declares, both ways', () => {
	it('IdCardVerification: Name and IdCard go encrypted, the plain answer comes back', async () => {
		const response = await callEncrypted(client, IdCardVerification, zhangSan, { algorithm: 'AES-256-CBC', publicKeyPem });
		expect(response.Result).toBe('0');
		expect(sandbox.requests.map((r) => r.encryptedFields)).toEqual([['Name', 'IdCard']]);
	});

	it('CheckIdCardInformation: asks for IsEncrypt and decrypts IdNum and Name', async () => {
		const response = await callEncrypted(client, CheckIdCardInformation, { ImageBase64: 'x' }, { algorithm: 'AES-256-CBC', publicKeyPem });
		expect(response).toMatchObject({ ...ID_PHOTO_ANSWER, Encryption: { EncryptList: ['Response.IdNum', 'Response.Name'] } });
	});

	it('says the call may have been billed when the answer does not decrypt', async () => {
		const tampering = { call: async (...args: Parameters<TencentCloudClient['call']>) => {
			const response = (await client.call(...args)) as Record<string, unknown>;
			return { ...response, IdNum: Buffer.alloc(32).toString('base64') };
		} } as unknown as TencentCloudClient;
		await expect(
			callEncrypted(tampering, CheckIdCardInformation, { ImageBase64: 'x' }, { algorithm: 'AES-256-CBC', publicKeyPem }),
		).rejects.toThrow(/^Tencent answered \(RequestId [\w-]+\) but the answer could not be decrypted: Could not decrypt Response\.IdNum.*may have been billed/);
	});
});

describe('PhoneVerification: the older top-level encryption fields', () => {
	const holder = { IdCard: '110105198506150022', Name: '张三', Phone: '13800138000' };
	const PhoneCheck = defineAction<Record<string, unknown>, BaseResponse>({ ...CheckIdCard, name: 'PhoneVerification' });

	it('CiphertextBlob, EncryptList and Iv at the top decrypt before the handler: the holder gets "0"', async () => {
		const { params } = encryptFields(holder, ['IdCard', 'Name', 'Phone'], { publicKeyPem, placement: 'topLevel' });
		expect(params).not.toHaveProperty('Encryption');
		const response = await client.call(PhoneCheck, params as Record<string, unknown>);
		expect(response.Result).toBe('0');
		expect(sandbox.requests[0].encryptedFields).toEqual(['IdCard', 'Name', 'Phone']);
	});

	it('an Encryption object is refused: this action does not take one', async () => {
		const { params } = encryptFields(holder, ['IdCard', 'Name', 'Phone'], { publicKeyPem });
		const error = await apiErrorOf(client.call(PhoneCheck, params as Record<string, unknown>));
		expect(error.code).toBe('UnknownParameter');
	});
});
