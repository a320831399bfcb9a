/**
 * The "Check ID Card Photo" operation: one ID-card photo (a file, a URL Tencent downloads, or
 * base64) and its warning switches become Tencent's request, with Config as the JSON string
 * Tencent expects; what "Simplify" keeps; the cropped Portrait as a binary property. The request
 * is built with a stand-in n8n context; the answers come through n8n's engine from the sandbox.
 */
import { CHECK_ID_CARD_BASE64_LIMIT, CHECK_ID_CARD_URL_LIMIT } from '../../../../../lib/tencent/actions/CheckIdCardInformation';
import { detectImageFormat } from '../../../../../lib/tencent/images';
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { checkIdCardInformation } from '../../../../../nodes/FaceId/actions/operations/checkIdCardInformation.operation';
import { SANDBOX_PORTRAIT, testJpeg, testPng } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { outcomeOf, runFaceId, type TestItem } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };

const build = (parameters: Record<string, unknown>, files?: Array<Record<string, Buffer>>) =>
	checkIdCardInformation.buildRequest.call(executeContext({ parameters, files }), 0);

const ALL_SWITCHES = { warnPhotocopy: true, warnBorder: true, warnReshoot: true, warnEdited: true, warnTemporaryCard: true, warnBlurry: true };

describe('the request', () => {
	test('a file and no warning switch: ImageBase64 alone, no Config (all off is Tencent\'s default)', async () => {
		const bytes = testPng({ person: ZHANG_SAN.id });
		const request = await build({ idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card' }, [{ card: bytes }]);
		expect(Object.keys(request)).toEqual(['ImageBase64']);
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(bytes)).toBe(true);
	});

	test('a URL and some switches: ImageUrl, and Config holding only the switches that are on', async () => {
		const request = await build({ idCardPhotoSource: 'url', idCardPhotoUrl: 'https://bucket.example.com/card.png', warnBlurry: true, warnPhotocopy: true, warnEdited: false });
		expect(request).toEqual({ ImageUrl: 'https://bucket.example.com/card.png', Config: '{"CopyWarn":true,"Quality":true}' });
	});

	test('every switch on: all six of Tencent\'s flags, in its documented order', async () => {
		const request = await build({ idCardPhotoSource: 'url', idCardPhotoUrl: 'https://bucket.example.com/card.png', ...ALL_SWITCHES });
		expect(JSON.parse(request.Config!)).toEqual({ CopyWarn: true, BorderCheckWarn: true, ReshootWarn: true, DetectPsWarn: true, TempIdWarn: true, Quality: true });
		expect(Object.keys(JSON.parse(request.Config!))).toEqual(['CopyWarn', 'BorderCheckWarn', 'ReshootWarn', 'DetectPsWarn', 'TempIdWarn', 'Quality']);
	});

	test('only a real true turns a switch on (an expression giving "true" as text does not)', async () => {
		const request = await build({ idCardPhotoSource: 'url', idCardPhotoUrl: 'https://bucket.example.com/card.png', warnPhotocopy: 'true', warnBorder: 1 });
		expect(request).not.toHaveProperty('Config');
	});

	test("a file may be up to 7 MB after base64, Tencent's limit for ImageBase64", async () => {
		expect(CHECK_ID_CARD_BASE64_LIMIT).toBe(7 * 1024 * 1024);
		expect(CHECK_ID_CARD_URL_LIMIT).toBe(3 * 1024 * 1024);
		// Over the 3 MB of the other photo actions, under 7 MB: sent.
		const fourMegabytes = testJpeg({}, { minBytes: 3 * 1024 * 1024 });
		await expect(build({ idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, [{ data: fourMegabytes }])).resolves.toHaveProperty('ImageBase64');
		const tooLarge = testJpeg({}, { minBytes: Math.floor(CHECK_ID_CARD_BASE64_LIMIT / 4) * 3 + 3 });
		const error = await failure(() => build({ idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, [{ data: tooLarge }]));
		expect(error.message).toMatch(/over this action's limit of 7\.0 MB .* \[item 0\]$/);
	});

	test('a missing binary property is named, with the item', async () => {
		const error = await failure(() => build({ idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'scan' }, [{ data: testPng() }]));
		expect(error.message).toBe('ID Card Photo has no binary property "scan" on the input item [item 0]');
	});
});

test('Simplify keeps the verdict, the similarity, what Tencent read and its warnings, in that order', () => {
	const response = { Portrait: 'base64…', Quality: 95, RequestId: 'r', Warnings: '', IdNum: ZHANG_SAN.id, Address: 'x', Birth: 'b', Nation: 'n', Sex: 's', Name: ZHANG_SAN.name, Sim: 90, Description: 'd', Result: 'Success' };
	expect(Object.keys(checkIdCardInformation.simplify(response))).toEqual(['Result', 'Description', 'Sim', 'Name', 'Sex', 'Nation', 'Birth', 'Address', 'IdNum', 'Warnings']);
});

describe('through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.clearRequests());

	function requestWithId(requestId: unknown) {
		const found = sandbox.requests.find((request) => request.requestId === requestId);
		expect(found).toBeDefined();
		return found;
	}

	const CHECK = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card' };
	const cardItem: TestItem = { json: {}, files: { card: { bytes: testPng({ person: ZHANG_SAN.id }), mimeType: 'image/png' } } };

	test('on (default): the fields a workflow needs plus outcome; RequestId only inside outcome', async () => {
		const run = await runFaceId(sandbox.url, CHECK, [cardItem]);
		const json = run.outputs[0][0].json;
		expect(Object.keys(json)).toEqual(['Result', 'Description', 'Sim', 'Name', 'Sex', 'Nation', 'Birth', 'Address', 'IdNum', 'Warnings', 'outcome']);
		expect(json).toMatchObject({ Result: 'Success', Name: '张三', IdNum: ZHANG_SAN.id, Birth: '1985/06/15' });
		expect(requestWithId(outcomeOf(run.outputs[0][0]).requestId)).toMatchObject({ action: 'CheckIdCardInformation', code: 'Success' });
	});

	test('the Portrait becomes a JPEG binary property, under the name the user chose', async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, portraitBinaryProperty: 'cardPortrait' }, [cardItem]);
		const item = run.outputs[0][0];
		expect(Object.keys(item.binary ?? {})).toEqual(['cardPortrait']);
		const portrait = item.binary!.cardPortrait;
		expect(portrait).toMatchObject({ fileName: 'portrait.jpg', mimeType: 'image/jpeg', fileExtension: 'jpg' });
		const bytes = Buffer.from(portrait.data, 'base64');
		expect(bytes.equals(SANDBOX_PORTRAIT)).toBe(true);
		expect(detectImageFormat(bytes)).toBe('jpeg');
		expect(JSON.stringify(item.json)).not.toContain(SANDBOX_PORTRAIT.toString('base64').slice(0, 40));
	});

	test('a switched-on warning Tencent raises sends the item to Review, the warning spelled out', async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, warnTemporaryCard: true }, [
			{ json: {}, files: { card: { bytes: testPng({ person: ZHANG_SAN.id, warn: ['-9104'] }), mimeType: 'image/png' } } },
		]);
		expect(run.outputs[2]).toHaveLength(1);
		expect(outcomeOf(run.outputs[2][0])).toMatchObject({ status: 'review', warnings: [{ code: '-9104', description: 'Temporary ID card' }] });
	});
});
