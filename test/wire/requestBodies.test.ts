/**
 * The exact request each operation puts on the wire, for every input mode: the node runs in
 * n8n's engine with the credential pointed at https://faceid.test, and nock answers there (it
 * intercepts n8n's HTTP helper, axios, at the socket level). Each body is compared byte for byte
 * with the JSON Tencent's API page documents for that input.
 */
import nock from 'nock';
import type { NodeParameterValueType } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/FaceId/actions/operations';
import { isFlowOperation, type SingleCallOperation } from '../../nodes/FaceId/actions/types';
import { testJpeg, testPng } from '../../sandbox/actions/testImages';
import { testMp4 } from '../../sandbox/actions/testVideos';
import { runFaceId, type FaceIdRun, type TestItem } from '../support/faceIdItems';

const ENDPOINT = 'https://faceid.test';
const IMAGES = 'https://images.test';

/** The Tencent action an operation of the node calls. */
const actionOf = (operation: string): string | undefined =>
	OPERATIONS.filter((candidate): candidate is SingleCallOperation => !isFlowOperation(candidate)).find((candidate) => candidate.value === operation)?.action.name;

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
const CARD = testJpeg({ person: ZHANG_SAN.id });
const FACE = testPng({ person: ZHANG_SAN.id });

interface Captured {
	body: string;
	headers: Record<string, string>;
}

/** Answers one FaceID call with `response` and records what was sent. */
function tencentAnswers(response: Record<string, unknown>): Captured[] {
	const seen: Captured[] = [];
	const scope = nock(ENDPOINT)
		.post('/')
		.reply(200, JSON.stringify({ Response: { ...response, RequestId: 'wire-request-1' } }), { 'Content-Type': 'application/json' });
	// nock 15 hands over the Fetch API Request and the raw body text as it was sent.
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		seen.push({ body, headers: Object.fromEntries(req.headers.entries()) });
	});
	return seen;
}

async function send(parameters: Record<string, NodeParameterValueType>, item: TestItem, response: Record<string, unknown>, site = 'international') {
	const seen = tencentAnswers(response);
	const run: FaceIdRun = await runFaceId(ENDPOINT, parameters, [item], { credential: { site } });
	expect(run.error).toBeUndefined();
	expect(seen).toHaveLength(1);
	expect(seen[0].headers['x-tc-action']).toBe(actionOf(String(parameters.operation)));
	return { run, sent: seen[0] };
}

/** The body must be exactly this JSON: same keys, same values, nothing added, nothing dropped. */
function expectBody(sent: Captured, expected: Record<string, unknown>): void {
	expect(JSON.parse(sent.body)).toStrictEqual(expected);
	expect(sent.body).toBe(JSON.stringify(expected));
}

beforeAll(() => {
	// A file run earlier in this jest worker may have restored (unhooked) nock's interceptor.
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => {
	nock.enableNetConnect();
	// Unhook the interceptor: Node's http module is shared by every test file this worker runs next.
	nock.restore();
});

const binaryItem = (name: string, bytes: Buffer, json: TestItem['json'] = {}): TestItem => ({
	json,
	files: { [name]: { bytes, mimeType: 'image/jpeg', fileName: `${name}.jpg` } },
});
const dataUri = (bytes: Buffer, mime: string) => `data:${mime};base64,${bytes.toString('base64')}`;

const OCR_ANSWER = { Result: '0', Description: 'match', Name: '张*', IdCard: '1****************2', Sex: '', Nation: '', Birth: '', Address: '' };
const CHECK_ANSWER = { Result: 'Success', Description: 'Success', Sim: 91.5, Name: '张三', IdNum: ZHANG_SAN.id, Portrait: null, Warnings: '' };
const FACE_ANSWER = { Result: 'Success', Description: 'Success', Sim: 88.2, Extra: '' };

describe('IdCardVerification', () => {
	test('{ Name, IdCard }, trimmed and with the check character upper-cased; signed TC3 headers', async () => {
		const { sent } = await send(
			{ operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.id }}' },
			{ json: { name: ' 王五 ', id: '51010720000229007x' } },
			{ Result: '0', Description: 'match' },
		);
		expectBody(sent, { Name: '王五', IdCard: '51010720000229007X' });
		expect(sent.headers['x-tc-action']).toBe('IdCardVerification');
		expect(sent.headers['x-tc-version']).toBe('2018-03-01');
		expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(sent.headers.host).toBe('faceid.test');
		expect(sent.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDSANDBOX\w+\/\d{4}-\d\d-\d\d\/faceid\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/);
	});
});

describe('IdCardOCRVerification: one input mode, so Tencent\'s priority never hides anything', () => {
	const base = { operation: 'idCardOcrVerification' };

	test('name and ID number → { Name, IdCard } and no image', async () => {
		const { sent } = await send(
			{ ...base, verifyBy: 'nameAndIdNumber', name: '={{ $json.name }}', idCard: '={{ $json.id }}' },
			// A photo on the item is not sent: the user chose name and number.
			binaryItem('data', CARD, ZHANG_SAN),
			OCR_ANSWER,
		);
		expectBody(sent, { Name: '张三', IdCard: ZHANG_SAN.id });
	});

	test('binary file → { ImageBase64 } with the file\'s exact bytes', async () => {
		const { sent } = await send(
			{ ...base, verifyBy: 'photo', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card' },
			binaryItem('card', CARD),
			OCR_ANSWER,
		);
		expectBody(sent, { ImageBase64: CARD.toString('base64') });
	});

	test('URL → { ImageUrl }, not downloaded by n8n', async () => {
		const { sent } = await send(
			{ ...base, verifyBy: 'photo', idCardPhotoSource: 'url', idCardPhotoUrl: '={{ $json.url }}' },
			{ json: { url: ' https://cos.example.com/cards/zhang-san.jpg ' } },
			OCR_ANSWER,
		);
		expectBody(sent, { ImageUrl: 'https://cos.example.com/cards/zhang-san.jpg' });
	});

	test('base64 with a data: URI prefix and line breaks → { ImageBase64 } as standard base64', async () => {
		const wrapped = dataUri(CARD, 'image/jpeg').replace(/(.{60})/g, '$1\n');
		const { sent } = await send(
			{ ...base, verifyBy: 'photo', idCardPhotoSource: 'base64', idCardPhotoBase64: '={{ $json.photo }}' },
			{ json: { photo: wrapped } },
			OCR_ANSWER,
		);
		expectBody(sent, { ImageBase64: CARD.toString('base64') });
	});
});

describe('CheckIdCardInformation', () => {
	const base = { operation: 'checkIdCardInformation' };

	test('binary file, no warnings → { ImageBase64 } without Config (all off is Tencent\'s default)', async () => {
		const { sent } = await send({ ...base, idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, binaryItem('data', CARD), CHECK_ANSWER);
		expectBody(sent, { ImageBase64: CARD.toString('base64') });
	});

	test('URL with warnings → { ImageUrl, Config } where Config is a JSON string', async () => {
		const { sent } = await send(
			{
				...base,
				idCardPhotoSource: 'url',
				idCardPhotoUrl: 'https://cos.example.com/cards/1.png',
				warnPhotocopy: true,
				warnReshoot: true,
				warnBlurry: true,
			},
			{ json: {} },
			CHECK_ANSWER,
		);
		expectBody(sent, { ImageUrl: 'https://cos.example.com/cards/1.png', Config: '{"CopyWarn":true,"ReshootWarn":true,"Quality":true}' });
	});

	test('base64 (data: prefix) with every warning → all six switches, in Tencent\'s order', async () => {
		const { sent } = await send(
			{
				...base,
				idCardPhotoSource: 'base64',
				idCardPhotoBase64: dataUri(CARD, 'image/jpeg'),
				warnPhotocopy: true,
				warnBorder: true,
				warnReshoot: true,
				warnEdited: true,
				warnTemporaryCard: true,
				warnBlurry: true,
			},
			{ json: {} },
			CHECK_ANSWER,
		);
		expectBody(sent, {
			ImageBase64: CARD.toString('base64'),
			Config: '{"CopyWarn":true,"BorderCheckWarn":true,"ReshootWarn":true,"DetectPsWarn":true,"TempIdWarn":true,"Quality":true}',
		});
	});
});

describe('ImageRecognitionV2', () => {
	const base = { operation: 'imageRecognitionV2', name: '={{ $json.name }}', idCard: '={{ $json.id }}' };

	test('binary file → { IdCard, Name, ImageBase64 }', async () => {
		const { sent } = await send(
			{ ...base, facePhotoSource: 'binary', facePhotoBinaryProperty: 'selfie' },
			binaryItem('selfie', FACE, ZHANG_SAN),
			FACE_ANSWER,
		);
		expectBody(sent, { IdCard: ZHANG_SAN.id, Name: '张三', ImageBase64: FACE.toString('base64') });
	});

	test('URL → n8n downloads the photo and sends ImageBase64 (the action takes no URL)', async () => {
		const image = nock(IMAGES).get('/faces/zhang-san.png').reply(200, FACE, { 'Content-Type': 'image/png' });
		const { sent } = await send(
			{ ...base, facePhotoSource: 'url', facePhotoUrl: `${IMAGES}/faces/zhang-san.png` },
			{ json: ZHANG_SAN },
			FACE_ANSWER,
		);
		expect(image.isDone()).toBe(true);
		expectBody(sent, { IdCard: ZHANG_SAN.id, Name: '张三', ImageBase64: FACE.toString('base64') });
		expect(sent.body).not.toContain('ImageUrl');
	});

	test('base64 with a data: prefix, Optional and Extra → all five documented fields', async () => {
		const { sent } = await send(
			{
				...base,
				facePhotoSource: 'base64',
				facePhotoBase64: '={{ $json.photo }}',
				additionalFields: { optional: 'opt-1', extra: '={{ $json.crmId }}' },
			},
			{ json: { ...ZHANG_SAN, photo: dataUri(FACE, 'image/png'), crmId: 'CRM-42 客户' } },
			{ ...FACE_ANSWER, Extra: 'CRM-42 客户' },
		);
		expectBody(sent, { IdCard: ZHANG_SAN.id, Name: '张三', ImageBase64: FACE.toString('base64'), Optional: 'opt-1', Extra: 'CRM-42 客户' });
	});
});

describe('the bank-card checks: the elements Tencent documents for each, tidied, and nothing else', () => {
	const person = { name: ' 张三 ', id: '110105198506150022', card: '6222 0202 0000 1234 567', phone: '+86 138 0013 8000' };
	const parameters = { name: '={{ $json.name }}', idCard: '={{ $json.id }}', bankCard: '={{ $json.card }}', phone: '={{ $json.phone }}' };
	const answer = { Result: '0', Description: 'Verification passed' };

	test('BankCard4EVerification: { Name, IdCard, BankCard, Phone }, the card without its spaces, the phone without +86', async () => {
		const { sent } = await send({ operation: 'bankCard4EVerification', ...parameters }, { json: person }, answer);
		expectBody(sent, { Name: '张三', IdCard: ZHANG_SAN.id, BankCard: '6222020200001234567', Phone: '13800138000' });
	});

	test('BankCardVerification: { Name, IdCard, BankCard }', async () => {
		const { sent } = await send({ operation: 'bankCardVerification', ...parameters }, { json: person }, answer);
		expectBody(sent, { Name: '张三', IdCard: ZHANG_SAN.id, BankCard: '6222020200001234567' });
	});

	test('BankCard2EVerification: { Name, BankCard }', async () => {
		const { sent } = await send({ operation: 'bankCard2EVerification', ...parameters }, { json: person }, answer);
		expectBody(sent, { Name: '张三', BankCard: '6222020200001234567' });
	});
});

describe('the phone checks', () => {
	test('MobileStatus: { Mobile }, the 11 digits', async () => {
		const { sent } = await send({ operation: 'mobileStatus', phone: '={{ $json.phone }}' }, { json: { phone: '+86 138 0013 8000' } }, { Result: '0', StatusCode: 0 });
		expectBody(sent, { Mobile: '13800138000' });
	});

	test('MobileNetworkTimeVerification: { Mobile }', async () => {
		const { sent } = await send({ operation: 'mobileNetworkTimeVerification', phone: '={{ $json.phone }}' }, { json: { phone: '13800138000' } }, { Result: '0', Range: '[24,+)' });
		expectBody(sent, { Mobile: '13800138000' });
	});

	test('CheckPhoneAndName (China site): { Name, Mobile }', async () => {
		const { sent } = await send(
			{ operation: 'checkPhoneAndName', name: '={{ $json.name }}', phone: '={{ $json.phone }}' },
			{ json: { name: ' 张三 ', phone: '138-0013-8000' } },
			{ Result: '0', Description: 'Consistent' },
			'china',
		);
		expectBody(sent, { Name: '张三', Mobile: '13800138000' });
	});
});

describe('the bank-card lookup', () => {
	test('CheckBankCardInformation: { BankCard }, the digits only', async () => {
		const answer = { Result: '0', Description: 'Query succeeded', AccountBank: '中国工商银行', AccountType: 1 };
		const { sent } = await send({ operation: 'checkBankCardInformation', bankCard: '={{ $json.card }}' }, { json: { card: '6222-0202-0000-1234-567' } }, answer);
		expectBody(sent, { BankCard: '6222020200001234567' });
	});
});

describe('PhoneVerification', () => {
	const parameters = { operation: 'phoneVerification', name: '={{ $json.name }}', idCard: '={{ $json.id }}', phone: '={{ $json.phone }}' };
	const person = { json: { name: ' 张三 ', id: ZHANG_SAN.id, phone: '+86 138 0013 8000' } };
	const answer = { Result: '0', Description: 'Consistent', Isp: '移动' };

	test('the basic check: { IdCard, Name, Phone }, no VerifyMode', async () => {
		const { sent } = await send(parameters, person, answer);
		expectBody(sent, { IdCard: ZHANG_SAN.id, Name: '张三', Phone: '13800138000' });
	});

	test('the detailed result on the China site adds VerifyMode "1"', async () => {
		const { sent } = await send({ ...parameters, detailedResult: true }, person, answer, 'china');
		expectBody(sent, { IdCard: ZHANG_SAN.id, Name: '张三', Phone: '13800138000', VerifyMode: '1' });
	});

	test('encrypted: CiphertextBlob, EncryptList and Iv at the top of the request, as this older action takes them, and no Encryption object', async () => {
		const seen = tencentAnswers(answer);
		const run = await runFaceId(ENDPOINT, { ...parameters, options: { encryption: 'AES-256-CBC' } }, [person], { credential: { site: 'international' } });
		expect(run.error).toBeUndefined();
		const body = JSON.parse(seen[0].body) as Record<string, unknown>;
		expect(Object.keys(body)).toEqual(['IdCard', 'Name', 'Phone', 'EncryptList', 'CiphertextBlob', 'Iv']);
		expect(body.EncryptList).toEqual(['IdCard', 'Name', 'Phone']);
		expect(seen[0].body).not.toContain(ZHANG_SAN.id);
		expect(seen[0].body).not.toContain('13800138000');
		expect(Buffer.from(String(body.Iv), 'base64')).toHaveLength(16);
	});
});

describe('CheckIdNameDate', () => {
	test('{ Name, IdCard, ValidityBegin, ValidityEnd }: the dates as YYYYMMDD, a lifelong card as 00000000', async () => {
		const { sent } = await send(
			{ operation: 'checkIdNameDate', name: '={{ $json.name }}', idCard: '={{ $json.id }}', validFrom: '={{ $json.from }}', validUntil: '={{ $json.until }}' },
			{ json: { name: '张三', id: ZHANG_SAN.id, from: '2015.07.01', until: '长期' } },
			{ Result: '0', Description: 'Consistent' },
		);
		expectBody(sent, { Name: '张三', IdCard: ZHANG_SAN.id, ValidityBegin: '20150701', ValidityEnd: '00000000' });
	});
});

describe('the face liveness and AI-attack checks: files as base64, exactly as Tencent documents the fields', () => {
	const video = testMp4({ person: ZHANG_SAN.id });
	const b64 = (bytes: Buffer) => bytes.toString('base64');
	const files = (bytes: Buffer, mimeType: string) => ({ bytes, mimeType });
	const LIVE = { Result: 'Success', Description: 'Success', Sim: 90, BestFrameBase64: null };

	test('LivenessCompare (China site): { LivenessType, VideoBase64, ImageBase64, ValidateData, Optional }', async () => {
		const parameters = {
			operation: 'livenessCompare',
			livenessType: 'LIP',
			validateData: '5721',
			bestFrames: 2,
			livenessVideoSource: 'binary',
			livenessVideoBinaryProperty: 'video',
			livenessPhotoSource: 'binary',
			livenessPhotoBinaryProperty: 'photo',
		};
		const item = { json: {}, files: { video: files(video, 'video/mp4'), photo: files(FACE, 'image/png') } };
		const { sent } = await send(parameters, item, LIVE, 'china');
		expectBody(sent, { LivenessType: 'LIP', VideoBase64: b64(video), ImageBase64: b64(FACE), ValidateData: '5721', Optional: '{"BestFrameNum":2}' });
	});

	test('LivenessCompare with URLs: { LivenessType, VideoUrl, ImageUrl }, nothing downloaded by n8n', async () => {
		const parameters = {
			operation: 'livenessCompare',
			livenessType: 'SILENT',
			livenessVideoSource: 'url',
			livenessVideoUrl: `${IMAGES}/selfie.mp4`,
			livenessPhotoSource: 'url',
			livenessPhotoUrl: `${IMAGES}/face.png`,
		};
		const { sent } = await send(parameters, { json: {} }, LIVE, 'china');
		expectBody(sent, { LivenessType: 'SILENT', VideoUrl: `${IMAGES}/selfie.mp4`, ImageUrl: `${IMAGES}/face.png` });
	});

	test('CompareFaceLiveness (International site): { ImageBase64, VideoBase64, LivenessType, ValidateData }', async () => {
		const parameters = {
			operation: 'compareFaceLiveness',
			livenessType: 'ACTION',
			validateData: '4,2',
			faceLivenessVideoSource: 'binary',
			faceLivenessVideoBinaryProperty: 'video',
			faceLivenessPhotoSource: 'binary',
			faceLivenessPhotoBinaryProperty: 'photo',
		};
		const item = { json: {}, files: { video: files(video, 'video/mp4'), photo: files(FACE, 'image/png') } };
		const { sent } = await send(parameters, item, LIVE);
		expectBody(sent, { ImageBase64: b64(FACE), VideoBase64: b64(video), LivenessType: 'ACTION', ValidateData: '4,2' });
	});

	test('DetectAIFakeFaces: { FaceInput, FaceInputType } — 1 for a photo, 2 for a video', async () => {
		const answer = { AttackRiskLevel: 'Low', AttackRiskDetailList: [], ExtraInfo: {} };
		const photo = await send({ operation: 'detectAiFakeFaces', faceInputType: 'photo', suspectPhotoSource: 'binary', suspectPhotoBinaryProperty: 'data' }, binaryItem('data', FACE), answer);
		expectBody(photo.sent, { FaceInput: b64(FACE), FaceInputType: 1 });
		const fromVideo = await send(
			{ operation: 'detectAiFakeFaces', faceInputType: 'video', suspectVideoSource: 'base64', suspectVideoBase64: `data:video/mp4;base64,${b64(video)}` },
			{ json: {} },
			answer,
		);
		expectBody(fromVideo.sent, { FaceInput: b64(video), FaceInputType: 2 });
	});
});
