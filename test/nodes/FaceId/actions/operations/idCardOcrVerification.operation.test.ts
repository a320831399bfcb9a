/**
 * The "Verify ID Card (Photo or Number)" operation: exactly one input mode per item (a name and
 * number, or one photo from a file, a URL or base64), so Tencent's silent priority never hides
 * what the user gave; its checks before sending; what "Simplify" keeps. Its fields are read with a
 * stand-in n8n context; one run goes through n8n's engine against the sandbox.
 */
import { NodeOperationError } from 'n8n-workflow';

import { ID_CARD_OCR_IMAGE_LIMIT } from '../../../../../lib/tencent/actions/IdCardOCRVerification';
import { base64Length } from '../../../../../lib/tencent/images';
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { idCardOcrVerification } from '../../../../../nodes/FaceId/actions/operations/idCardOcrVerification.operation';
import { GIF_BYTES, testJpeg, testPng } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { counts, runFaceId } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };

const build = (parameters: Record<string, unknown>, files?: Array<Record<string, Buffer>>) =>
	idCardOcrVerification.buildRequest.call(executeContext({ parameters, files }), 0);

describe('the request', () => {
	test('by name and number: Name and IdCard only, trimmed and with the check character upper-cased', async () => {
		const request = await build({ verifyBy: 'nameAndIdNumber', name: '  王五 ', idCard: ' 51010720000229007x ', idCardPhotoSource: 'binary' });
		expect(request).toEqual({ Name: '王五', IdCard: '51010720000229007X' });
	});

	test('by photo from a binary property: ImageBase64 holding the file\'s exact bytes, and no name or number', async () => {
		const bytes = testJpeg({ person: ZHANG_SAN.id });
		const request = await build({ verifyBy: 'photo', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card', name: ZHANG_SAN.name }, [{ card: bytes }]);
		expect(Object.keys(request)).toEqual(['ImageBase64']);
		expect(request.ImageBase64).toBeInstanceOf(Base64Bytes);
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(bytes)).toBe(true);
	});

	test('by photo from a URL: ImageUrl, for Tencent to download (n8n does not)', async () => {
		const context = executeContext({ parameters: { verifyBy: 'photo', idCardPhotoSource: 'url', idCardPhotoUrl: ' https://bucket.example.com/card.jpg ' } });
		expect(await idCardOcrVerification.buildRequest.call(context, 0)).toEqual({ ImageUrl: 'https://bucket.example.com/card.jpg' });
		expect(context.downloads).toEqual([]);
	});

	test('by photo as base64 with a data: URI prefix: the decoded bytes', async () => {
		const bytes = testPng({ person: ZHANG_SAN.id });
		const request = await build({ verifyBy: 'photo', idCardPhotoSource: 'base64', idCardPhotoBase64: `data:image/png;base64,${bytes.toString('base64')}` });
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(bytes)).toBe(true);
	});

	test('the photo is the default mode', async () => {
		const request = await build({ idCardPhotoSource: 'url', idCardPhotoUrl: 'https://bucket.example.com/card.jpg', name: ZHANG_SAN.name, idCard: ZHANG_SAN.id });
		expect(request).toEqual({ ImageUrl: 'https://bucket.example.com/card.jpg' });
	});
});

describe('refused before sending, naming the field and the item', () => {
	test('an invalid ID number, shown masked', async () => {
		const error = await failure(() => build({ verifyBy: 'nameAndIdNumber', name: ZHANG_SAN.name, idCard: '110105198506150023' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^ID Card Number .* \[item 0\]$/);
		expect((error as NodeOperationError).description).toContain('1****************3');
		expect(JSON.stringify(error)).not.toContain('110105198506150023');
	});

	test('a GIF, and a photo over 3 MB after base64', async () => {
		const gif = await failure(() => build({ verifyBy: 'photo', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, [{ data: GIF_BYTES }]));
		expect(gif.message).toBe('ID Card Photo (binary property "data") is a GIF image; only PNG and JPEG images are accepted [item 0]');

		// Exactly at the limit after base64 is sent; three bytes more are not.
		const limitBytes = Math.floor(ID_CARD_OCR_IMAGE_LIMIT / 4) * 3;
		const atLimit = testJpeg({}, { minBytes: limitBytes });
		expect(base64Length(atLimit.length)).toBe(ID_CARD_OCR_IMAGE_LIMIT);
		await expect(build({ verifyBy: 'photo', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, [{ data: atLimit }])).resolves.toHaveProperty('ImageBase64');
		const tooLarge = testJpeg({}, { minBytes: limitBytes + 3 });
		const large = await failure(() => build({ verifyBy: 'photo', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data' }, [{ data: tooLarge }]));
		expect(large.message).toBe(
			'ID Card Photo (binary property "data") is 3.0 MB (3,145,732 bytes) after base64, over this action\'s limit of 3.0 MB (3,145,728 bytes) [item 0]',
		);
	});

	test('a URL that is not http(s)', async () => {
		const error = await failure(() => build({ verifyBy: 'photo', idCardPhotoSource: 'url', idCardPhotoUrl: 'file:///etc/passwd' }));
		expect(error.message).toMatch(/^ID Card Photo URL .* \[item 0\]$/);
	});
});

test('Simplify keeps the verdict and what Tencent read from the card, in that order, without the RequestId', () => {
	const response = {
		RequestId: 'r-1',
		Address: 'Beijing',
		Result: '0',
		Description: 'match',
		Name: '张*',
		IdCard: '1****************2',
		Sex: '男',
		Nation: '汉',
		Birth: '1985/06/15',
		Extra: 'x',
	};
	expect(Object.keys(idCardOcrVerification.simplify(response))).toEqual(['Result', 'Description', 'Name', 'IdCard', 'Sex', 'Nation', 'Birth', 'Address']);
	expect(idCardOcrVerification.simplify({ Result: '-5', RequestId: 'r', Name: null })).toEqual({ Result: '-5', Name: null });
});

test('the name and number fields show only for that mode, the photo fields only for the photo mode', () => {
	const byName = Object.fromEntries(idCardOcrVerification.properties.map((property) => [property.name, property.displayOptions?.show]));
	expect(byName.name).toEqual({ verifyBy: ['nameAndIdNumber'] });
	expect(byName.idCard).toEqual({ verifyBy: ['nameAndIdNumber'] });
	expect(byName.idCardPhotoSource).toEqual({ verifyBy: ['photo'] });
	expect(byName.idCardPhotoUrl).toEqual({ verifyBy: ['photo'], idCardPhotoSource: ['url'] });
});

describe('through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	test('a name and number and a photo of the same card both pass; Tencent masks what it read from the photo', async () => {
		const byNumber = await runFaceId(sandbox.url, { operation: 'idCardOcrVerification', verifyBy: 'nameAndIdNumber', name: '={{ $json.name }}', idCard: '={{ $json.id }}' }, [
			{ json: ZHANG_SAN },
		]);
		expect(counts(byNumber)).toEqual([1, 0, 0]);
		expect(byNumber.outputs[0][0].json).toMatchObject({ Result: '0' });

		const byPhoto = await runFaceId(sandbox.url, { operation: 'idCardOcrVerification', verifyBy: 'photo', idCardPhotoBinaryProperty: 'card' }, [
			{ json: {}, files: { card: { bytes: testJpeg({ person: ZHANG_SAN.id }), mimeType: 'image/jpeg' } } },
		]);
		expect(counts(byPhoto)).toEqual([1, 0, 0]);
		expect(byPhoto.outputs[0][0].json).toMatchObject({ Result: '0', Name: '张*', IdCard: '1****************2' });
		expect(sandbox.requests.map((request) => request.action)).toEqual(['IdCardOCRVerification', 'IdCardOCRVerification']);
	});
});
