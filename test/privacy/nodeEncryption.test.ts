/**
 * "Encrypt Sensitive Fields" and "Mask Personal Data in Output" through n8n's engine, against the
 * sandbox started with a test RSA key pair: the sandbox decrypts what the node encrypted (or the
 * check could not have matched), and answers with encrypted fields the node decrypts.
 */
import { generateKeyPairSync } from 'crypto';

import type { INodeProperties } from 'n8n-workflow';

import { SM4_GCM_UNAVAILABLE } from '../../lib/tencent/encryption';
import { faceIdDescription } from '../../nodes/FaceId/description';
import { testJpeg, testPng } from '../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from '../support/faceIdItems';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = pair.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
const WANG_WU = { name: '王五', id: '51010720000229007X' };

let sandbox: Sandbox;
let keylessSandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ encryptionPrivateKeyPem: privateKeyPem });
	keylessSandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
	await keylessSandbox.close();
});
beforeEach(() => sandbox.clearRequests());

const ENCRYPTED = { encryption: 'AES-256-CBC' };
const testKey = { credential: { encryptionPublicKey: publicKeyPem } };
const NAME_AND_ID = { name: '={{ $json.name }}', idCard: '={{ $json.id }}' };
const photoOf = (person: string, png = false): TestItem['files'] => ({
	data: { bytes: png ? testPng({ person }) : testJpeg({ person }), mimeType: png ? 'image/png' : 'image/jpeg' },
});

describe('the sandbox decrypts what the node encrypted', () => {
	it('IdCardVerification: Name and IdCard go encrypted, the matching pair passes and the mismatching one fails', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardVerification', ...NAME_AND_ID, options: ENCRYPTED }, [
			{ json: ZHANG_SAN },
			{ json: { ...ZHANG_SAN, name: '李四' } },
		], testKey);
		expect(counts(run)).toEqual([1, 1, 0]);
		expect(sandbox.requests.map((r) => [r.code, r.encryptedFields])).toEqual([
			['0', ['Name', 'IdCard']],
			['-1', ['Name', 'IdCard']],
		]);
	});

	it('BankCard4EVerification: name, ID number, card and phone go encrypted, and the holder passes', async () => {
		const card = { ...ZHANG_SAN, card: '6222020200001234567', phone: '13800138000' };
		const parameters = { operation: 'bankCard4EVerification', ...NAME_AND_ID, bankCard: '={{ $json.card }}', phone: '={{ $json.phone }}', options: ENCRYPTED };
		const run = await runFaceId(sandbox.url, parameters, [{ json: card }, { json: { ...card, phone: '13900139000' } }], testKey);
		expect(counts(run)).toEqual([1, 1, 0]);
		expect(sandbox.requests.map((r) => [r.code, r.encryptedFields])).toEqual([
			['0', ['Name', 'IdCard', 'Phone', 'BankCard']],
			['-1', ['Name', 'IdCard', 'Phone', 'BankCard']],
		]);
	});

	it('PhoneVerification: its key and field list go at the top of the request; the sandbox reads them there, and the holder passes', async () => {
		const person = { ...ZHANG_SAN, phone: '13800138000' };
		const parameters = { operation: 'phoneVerification', ...NAME_AND_ID, phone: '={{ $json.phone }}', options: ENCRYPTED };
		const run = await runFaceId(sandbox.url, parameters, [{ json: person }, { json: { ...person, name: '李四' } }], testKey);
		expect(counts(run)).toEqual([1, 1, 0]);
		expect(sandbox.requests.map((r) => [r.code, r.encryptedFields])).toEqual([
			['0', ['IdCard', 'Name', 'Phone']],
			['-4', ['IdCard', 'Name', 'Phone']],
		]);
	});

	it('IdCardOCRVerification by name and number: both fields encrypted', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardOcrVerification', verifyBy: 'nameAndIdNumber', ...NAME_AND_ID, options: ENCRYPTED }, [
			{ json: WANG_WU },
		], testKey);
		expect(outcomeOf(run.outputs[0][0])).toMatchObject({ status: 'passed', code: '0' });
		expect(sandbox.requests[0].encryptedFields).toEqual(['Name', 'IdCard']);
	});

	it('IdCardOCRVerification by photo: no name or number to encrypt, the photo goes as it is', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardOcrVerification', verifyBy: 'photo', idCardPhotoSource: 'binary', options: ENCRYPTED }, [
			{ json: {}, files: photoOf(ZHANG_SAN.id) },
		], testKey);
		expect(outcomeOf(run.outputs[0][0])).toMatchObject({ status: 'passed' });
		expect(sandbox.requests[0].encryptedFields).toBeUndefined();
	});

	it('ImageRecognitionV2: Name and IdCard encrypted next to the face photo', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'imageRecognitionV2', ...NAME_AND_ID, facePhotoSource: 'binary', options: ENCRYPTED }, [
			{ json: ZHANG_SAN, files: photoOf(ZHANG_SAN.id, true) },
		], testKey);
		expect(outcomeOf(run.outputs[0][0])).toMatchObject({ status: 'passed' });
		expect(sandbox.requests[0].encryptedFields).toEqual(['Name', 'IdCard']);
	});
});

describe('the node decrypts what the sandbox encrypted', () => {
	const CHECK = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', simplify: false };

	it('CheckIdCardInformation: IsEncrypt is asked for, and IdNum and Name arrive decrypted, as in a plain run', async () => {
		const items = [{ json: {}, files: photoOf(ZHANG_SAN.id) }];
		const plain = await runFaceId(sandbox.url, CHECK, items);
		const encrypted = await runFaceId(sandbox.url, { ...CHECK, options: ENCRYPTED }, items, testKey);
		const plainJson = plain.outputs[0][0].json;
		const json = encrypted.outputs[0][0].json;
		expect(json).toMatchObject({ Result: 'Success', IdNum: ZHANG_SAN.id, Name: plainJson.Name, Sex: plainJson.Sex });
		expect(json.Encryption).toMatchObject({ EncryptList: ['Response.IdNum', 'Response.Name'], Algorithm: 'AES-256-CBC' });
		expect(plainJson.Encryption).toBeNull();
	});

	it('with masking on, the decrypted name and number are masked in the output', async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, simplify: true, options: { ...ENCRYPTED, maskPersonalData: true } }, [
			{ json: {}, files: photoOf(ZHANG_SAN.id) },
		], testKey);
		expect(run.outputs[0][0].json).toMatchObject({ IdNum: '1****************2', Result: 'Success' });
		expect(String(run.outputs[0][0].json.Name)).toMatch(/^\S\*+$/);
	});
});

describe('masking without encryption', () => {
	it('masks the name and ID number CheckIdCardInformation returns in full', async () => {
		const parameters = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary' };
		const items = [{ json: {}, files: photoOf(WANG_WU.id) }];
		const plain = await runFaceId(sandbox.url, parameters, items);
		const masked = await runFaceId(sandbox.url, { ...parameters, options: { maskPersonalData: true } }, items);
		expect(plain.outputs[0][0].json).toMatchObject({ IdNum: WANG_WU.id, Name: expect.stringMatching(/^[^*]+$/) });
		const name = String(plain.outputs[0][0].json.Name);
		expect(masked.outputs[0][0].json).toMatchObject({
			Result: 'Success',
			IdNum: '5****************X',
			Name: `${Array.from(name)[0]}${'*'.repeat(Array.from(name).length - 1)}`,
			Sex: plain.outputs[0][0].json.Sex,
		});
		expect(JSON.stringify(masked.outputs)).not.toContain(WANG_WU.id);
	});
});

describe('the options in the editor', () => {
	const options = (faceIdDescription.properties.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[];

	it('offers encryption only for the operations whose action takes Encryption, and AES-256-CBC only', () => {
		const encryption = options.find((option) => option.name === 'encryption');
		expect(encryption?.displayOptions?.show?.['/operation']).toEqual([
			'idCardVerification',
			'idCardOcrVerification',
			'checkIdCardInformation',
			'checkIdNameDate',
			'imageRecognitionV2',
			'bankCard4EVerification',
			'bankCardVerification',
			'bankCard2EVerification',
			'checkBankCardInformation',
			'phoneVerification',
			'mobileStatus',
			'mobileNetworkTimeVerification',
			'checkPhoneAndName',
		]);
		expect((encryption?.options as Array<{ value: string }>).map((option) => option.value)).toEqual(['off', 'AES-256-CBC']);
		expect(encryption?.description).toContain('SM4-GCM, is not offered');
	});

	it('offers masking for every operation, off by default', () => {
		expect(options.find((option) => option.name === 'maskPersonalData')).toMatchObject({ type: 'boolean', default: false });
		expect(options.find((option) => option.name === 'maskPersonalData')?.displayOptions).toBeUndefined();
	});
});

describe('refusals', () => {
	it("with Tencent's default key, the sandbox (holding only the test key) cannot decrypt: DecryptSystemError, not billed", async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardVerification', ...NAME_AND_ID, options: ENCRYPTED }, [{ json: ZHANG_SAN }]);
		expect(run.error?.message).toMatch(/^FailedOperation\.DecryptSystemError: .* \[item 0\]$/);
		expect(sandbox.requests).toEqual([expect.objectContaining({ billable: false })]);
	});

	it('a sandbox without a key pair answers DecryptSystemError, and continue-on-fail puts the error item in place', async () => {
		const run = await runFaceId(keylessSandbox.url, { operation: 'idCardVerification', ...NAME_AND_ID, options: ENCRYPTED }, [
			{ json: ZHANG_SAN },
			{ json: WANG_WU },
		], { ...testKey, onError: 'continueRegularOutput' });
		expect(counts(run)).toEqual([0, 0, 2]);
		expect(run.outputs[2].map((item) => [item.pairedItem, String(item.json.error)])).toEqual([
			[{ item: 0 }, expect.stringMatching(/^FailedOperation\.DecryptSystemError: .*\[item 0\]$/)],
			[{ item: 1 }, expect.stringMatching(/^FailedOperation\.DecryptSystemError: .*\[item 1\]$/)],
		]);
	});

	it('an unreadable public key in the credential stops the node before anything is sent, naming the field', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardVerification', ...NAME_AND_ID, options: ENCRYPTED }, [{ json: ZHANG_SAN }], {
			credential: { encryptionPublicKey: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----' },
		});
		expect(run.error?.message).toBe(
			'Credential field "Encryption Public Key (PEM)": The encryption public key is not a readable RSA public key (PEM "BEGIN RSA PUBLIC KEY" or "BEGIN PUBLIC KEY")',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('SM4-GCM (set in workflow JSON; the editor does not offer it) is refused with the plain reason', async () => {
		const run = await runFaceId(sandbox.url, { operation: 'idCardVerification', ...NAME_AND_ID, options: { encryption: 'SM4-GCM' } }, [
			{ json: ZHANG_SAN },
		]);
		expect(run.error?.message).toBe(SM4_GCM_UNAVAILABLE);
		expect(sandbox.requests).toHaveLength(0);
	});
});
