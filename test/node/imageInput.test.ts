/**
 * Images from anywhere, through n8n's engine: a binary property, a URL (Tencent downloads it, or
 * n8n does for the action that takes none), a base64 string. Bad images are refused before
 * anything is sent, with the field and the item named.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { MEGABYTE } from '../../lib/tencent/images';
import { GIF_BYTES, testJpeg, testPng } from '../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from '../support/faceIdItems';

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };

/** Serves test images over HTTP, as a storage bucket would. */
const IMAGES: Record<string, { bytes: Buffer; type: string }> = {
	'/zhang-san-card.jpg': { bytes: testJpeg({ person: ZHANG_SAN.id }), type: 'image/jpeg' },
	'/zhang-san-face.png': { bytes: testPng({ person: ZHANG_SAN.id }), type: 'image/png' },
	'/animation.gif': { bytes: GIF_BYTES, type: 'image/gif' },
};

let sandbox: Sandbox;
let imageServer: Server;
let imageBase: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	imageServer = createServer((req, res) => {
		const image = IMAGES[req.url ?? ''];
		if (!image) {
			res.statusCode = 404;
			res.end('not found');
			return;
		}
		res.setHeader('Content-Type', image.type);
		res.end(image.bytes);
	});
	await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
	imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await sandbox.close();
	await new Promise<void>((resolve) => imageServer.close(() => resolve()));
});
beforeEach(() => sandbox.clearRequests());

const OCR = { operation: 'idCardOcrVerification', verifyBy: 'photo' };
const CHECK = { operation: 'checkIdCardInformation' };
const FACE = { operation: 'imageRecognitionV2', name: '={{ $json.name }}', idCard: '={{ $json.id }}' };

describe('every source reaches a verdict', () => {
	test('URL for IdCardOCRVerification: sent as ImageUrl, Tencent (the sandbox) downloads it', async () => {
		const run = await runFaceId(sandbox.url, { ...OCR, idCardPhotoSource: 'url', idCardPhotoUrl: `${imageBase}/zhang-san-card.jpg` }, [{ json: {} }]);
		expect(counts(run)).toEqual([1, 0, 0]);
		expect(run.outputs[0][0].json).toMatchObject({ Result: '0', Name: '张*', IdCard: '1****************2', Birth: '1985/06/15' });
	});

	test('URL for CheckIdCardInformation, from an expression', async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, idCardPhotoSource: 'url', idCardPhotoUrl: '={{ $json.cardUrl }}' }, [
			{ json: { cardUrl: `${imageBase}/zhang-san-card.jpg` } },
		]);
		expect(outcomeOf(run.outputs[0][0])).toMatchObject({ status: 'passed', code: 'Success' });
	});

	test('a URL Tencent cannot download is a Review verdict (FailedOperation.DownLoadError), not a crash', async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, idCardPhotoSource: 'url', idCardPhotoUrl: `${imageBase}/missing.jpg` }, [{ json: {} }]);
		expect(counts(run)).toEqual([0, 0, 1]);
		expect(outcomeOf(run.outputs[2][0])).toMatchObject({ code: 'FailedOperation.DownLoadError', retryable: true, billable: false });
	});

	test('URL for ImageRecognitionV2: n8n downloads it and checks it like a file', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE, facePhotoSource: 'url', facePhotoUrl: `${imageBase}/zhang-san-face.png` }, [{ json: ZHANG_SAN }]);
		expect(outcomeOf(run.outputs[0][0])).toMatchObject({ status: 'passed', similarity: 89.88 });
	});

	test('base64 with a data: URI prefix, for every operation', async () => {
		const dataUri = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;
		const card = dataUri(testJpeg({ person: ZHANG_SAN.id }));
		const ocr = await runFaceId(sandbox.url, { ...OCR, idCardPhotoSource: 'base64', idCardPhotoBase64: card }, [{ json: {} }]);
		const check = await runFaceId(sandbox.url, { ...CHECK, idCardPhotoSource: 'base64', idCardPhotoBase64: card }, [{ json: {} }]);
		const face = await runFaceId(sandbox.url, { ...FACE, facePhotoSource: 'base64', facePhotoBase64: '={{ $json.photo }}' }, [
			{ json: { ...ZHANG_SAN, photo: dataUri(testJpeg({ person: ZHANG_SAN.id })) } },
		]);
		expect([ocr, check, face].map((run) => counts(run))).toEqual([
			[1, 0, 0],
			[1, 0, 0],
			[1, 0, 0],
		]);
	});

	test('a binary file from an earlier node (Read File, HTTP Request, a form upload), PNG or JPEG', async () => {
		const items: TestItem[] = [testPng({ person: ZHANG_SAN.id }), testJpeg({ person: ZHANG_SAN.id })].map((bytes) => ({
			json: ZHANG_SAN,
			files: { data: { bytes, mimeType: 'application/octet-stream', fileName: 'upload.bin' } },
		}));
		const run = await runFaceId(sandbox.url, { ...FACE, facePhotoSource: 'binary' }, items);
		expect(counts(run)).toEqual([2, 0, 0]);
	});
});

describe('refused before sending, naming the field and the item', () => {
	/** Runs one operation over items with continue-on-fail and returns each item's error text. */
	async function errorsOf(parameters: Record<string, string>, items: TestItem[]): Promise<string[]> {
		const run = await runFaceId(sandbox.url, parameters, items, { onError: 'continueRegularOutput' });
		expect(sandbox.requests).toHaveLength(0);
		return run.outputs[2].map((item) => String(item.json.error));
	}
	const withFile = (bytes: Buffer, property = 'data'): TestItem => ({ json: ZHANG_SAN, files: { [property]: { bytes } } });

	test('GIF, empty, not an image, missing binary property', async () => {
		const errors = await errorsOf({ ...FACE, facePhotoSource: 'binary' }, [
			withFile(GIF_BYTES),
			withFile(Buffer.alloc(0)),
			withFile(Buffer.from('<html><body>Login</body></html>')),
			withFile(testJpeg({ person: ZHANG_SAN.id }), 'selfie'),
		]);
		expect(errors).toEqual([
			'Face Photo (binary property "data") is a GIF image; only PNG and JPEG images are accepted [item 0]',
			'Face Photo (binary property "data") is empty [item 1]',
			'Face Photo (binary property "data") is an HTML/XML document; only PNG and JPEG images are accepted [item 2]',
			'Face Photo has no binary property "data" on the input item [item 3]',
		]);
	});

	test("each action's own size limit, measured after base64: 3 MB for a face, 7 MB for an ID card", async () => {
		// 2.5 MB of bytes is about 3.33 MB of base64: over 3 MB, under 7 MB.
		const big = testJpeg({ person: ZHANG_SAN.id }, { minBytes: 2.5 * MEGABYTE });
		const faceErrors = await errorsOf({ ...FACE, facePhotoSource: 'binary' }, [withFile(big)]);
		expect(faceErrors).toEqual([
			'Face Photo (binary property "data") is 3.3 MB (3,495,256 bytes) after base64, over this action\'s limit of 3.0 MB (3,145,728 bytes) [item 0]',
		]);

		const check = await runFaceId(sandbox.url, { ...CHECK, idCardPhotoSource: 'binary' }, [withFile(big)]);
		expect(outcomeOf(check.outputs[0][0])).toMatchObject({ status: 'passed' });

		sandbox.clearRequests();
		const huge = testJpeg({ person: ZHANG_SAN.id }, { minBytes: 5.5 * MEGABYTE });
		const checkErrors = await errorsOf({ ...CHECK, idCardPhotoSource: 'binary' }, [withFile(huge)]);
		expect(checkErrors[0]).toMatch(/^ID Card Photo \(binary property "data"\) is 7\.3 MB .* over this action's limit of 7\.0 MB .* \[item 0\]$/);
	});

	test('base64 that is not base64, a data: URI that is not base64, an empty string', async () => {
		const errors = await errorsOf({ ...CHECK, idCardPhotoSource: 'base64', idCardPhotoBase64: '={{ $json.photo }}' }, [
			{ json: { photo: 'this is not an image!' } },
			{ json: { photo: 'data:image/png,rawbytes' } },
			{ json: { photo: '' } },
		]);
		expect(errors).toEqual([
			'ID Card Photo (base64) is not valid base64 [item 0]',
			'ID Card Photo (base64) is a data: URI that is not base64-encoded [item 1]',
			'ID Card Photo (base64) is empty [item 2]',
		]);
	});

	test('URLs: not http(s), not absolute; a download that fails or brings a GIF (n8n downloads)', async () => {
		const ocrErrors = await errorsOf({ ...OCR, idCardPhotoSource: 'url', idCardPhotoUrl: '={{ $json.url }}' }, [
			{ json: { url: 'ftp://files.example.com/card.jpg' } },
			{ json: { url: 'card.jpg' } },
		]);
		expect(ocrErrors).toEqual([
			'ID Card Photo URL must use http or https, not ftp [item 0]',
			'ID Card Photo URL is not an absolute URL (it needs http:// or https://) [item 1]',
		]);
		const faceErrors = await errorsOf({ ...FACE, facePhotoSource: 'url', facePhotoUrl: '={{ $json.url }}' }, [
			{ json: { ...ZHANG_SAN, url: `${imageBase}/missing.png` } },
			{ json: { ...ZHANG_SAN, url: `${imageBase}/animation.gif` } },
		]);
		expect(faceErrors[0]).toMatch(/^Face Photo URL could not be downloaded: .*404.* \[item 0\]$/);
		expect(faceErrors[1]).toBe('Face Photo (downloaded from the URL) is a GIF image; only PNG and JPEG images are accepted [item 1]');
	});

	test('an invalid ID number is refused with the number masked, never in full', async () => {
		const errors = await errorsOf({ ...FACE, facePhotoSource: 'binary' }, [
			{ json: { name: '张三', id: '110105198506150023' }, files: { data: { bytes: testJpeg({ person: ZHANG_SAN.id }) } } },
		]);
		expect(errors).toEqual(['ID Card Number has a wrong check digit (GB 11643) [item 0]']);
		const run = await runFaceId(sandbox.url, { ...FACE, facePhotoSource: 'binary' }, [
			{ json: { name: '张三', id: '110105198506150023' }, files: { data: { bytes: testJpeg({}) } } },
		]);
		expect(run.error?.description).toContain('1****************3');
		expect(JSON.stringify(run.error)).not.toContain('110105198506150023');
	});
});
