/**
 * The "Compare Face Photo" operation: a name, an ID number and one face photo become Tencent's
 * request, the photo always as ImageBase64 (this action takes no URL, so n8n downloads one and
 * checks it like a file), Optional and Extra only when given; what "Simplify" keeps. The request
 * is built with a stand-in n8n context; the answers come through n8n's engine from the sandbox.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { imageRecognitionV2 } from '../../../../../nodes/FaceId/actions/operations/imageRecognitionV2.operation';
import { GIF_BYTES, testJpeg, testPng, type ImageScenario } from '../../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceId, type TestItem } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
const PERSON = { name: ZHANG_SAN.name, idCard: ZHANG_SAN.id };

describe('the request', () => {
	test('IdCard, Name and the photo\'s bytes as ImageBase64; nothing optional unless given', async () => {
		const face = testJpeg({ person: ZHANG_SAN.id });
		const context = executeContext({ parameters: { ...PERSON, facePhotoSource: 'binary', facePhotoBinaryProperty: 'face' }, files: [{ face }] });
		const request = await imageRecognitionV2.buildRequest.call(context, 0);
		expect(Object.keys(request)).toEqual(['IdCard', 'Name', 'ImageBase64']);
		expect(request).toMatchObject({ IdCard: ZHANG_SAN.id, Name: ZHANG_SAN.name });
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(face)).toBe(true);
	});

	test('Optional and Extra are sent as given; empty ones are left out', async () => {
		const parameters = { ...PERSON, facePhotoSource: 'base64', facePhotoBase64: testPng().toString('base64') };
		const both = await imageRecognitionV2.buildRequest.call(executeContext({ parameters: { ...parameters, additionalFields: { optional: '{"x":1}', extra: 'CRM-7' } } }), 0);
		expect(both).toMatchObject({ Optional: '{"x":1}', Extra: 'CRM-7' });
		const empty = await imageRecognitionV2.buildRequest.call(executeContext({ parameters: { ...parameters, additionalFields: { optional: '', extra: '' } } }), 0);
		expect(empty).not.toHaveProperty('Optional');
		expect(empty).not.toHaveProperty('Extra');
	});

	test('a URL is downloaded by n8n (GET, as a file, with the execution\'s cancel signal) and sent as ImageBase64', async () => {
		const face = testPng({ person: ZHANG_SAN.id });
		const signal = new AbortController().signal;
		const context = executeContext({
			parameters: { ...PERSON, facePhotoSource: 'url', facePhotoUrl: 'https://bucket.example.com/face.png' },
			httpRequest: async () => face,
			signal,
		});
		const request = await imageRecognitionV2.buildRequest.call(context, 0);
		expect(request).not.toHaveProperty('ImageUrl');
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(face)).toBe(true);
		expect(context.downloads).toHaveLength(1);
		expect(context.downloads[0]).toMatchObject<Partial<IHttpRequestOptions>>({ method: 'GET', url: 'https://bucket.example.com/face.png', encoding: 'arraybuffer', json: false, abortSignal: signal });
	});

	test('what the URL brings is checked like a file; a failed download names the field and the item', async () => {
		const gif = executeContext({ parameters: { ...PERSON, facePhotoSource: 'url', facePhotoUrl: 'https://bucket.example.com/a.gif' }, httpRequest: async () => GIF_BYTES });
		expect((await failure(() => imageRecognitionV2.buildRequest.call(gif, 0))).message).toBe(
			'Face Photo (downloaded from the URL) is a GIF image; only PNG and JPEG images are accepted [item 0]',
		);
		const down = executeContext({
			parameters: { ...PERSON, facePhotoSource: 'url', facePhotoUrl: 'https://bucket.example.com/gone.png' },
			httpRequest: async () => Promise.reject(new Error('404 Not Found')),
		});
		expect((await failure(() => imageRecognitionV2.buildRequest.call(down, 0))).message).toBe('Face Photo URL could not be downloaded: 404 Not Found [item 0]');
	});

	test('the name and ID number are checked before the photo is even read', async () => {
		const context = executeContext({ parameters: { name: ZHANG_SAN.name, idCard: '', facePhotoSource: 'url', facePhotoUrl: 'https://bucket.example.com/face.png' }, httpRequest: async () => testPng() });
		expect((await failure(() => imageRecognitionV2.buildRequest.call(context, 0))).message).toBe('ID Card Number is empty [item 0]');
		expect(context.downloads).toEqual([]);
	});
});

test('Simplify keeps the verdict, the similarity and the echoed Extra', () => {
	expect(imageRecognitionV2.simplify({ RequestId: 'r', Encryption: null, Extra: 'CRM-7', Sim: 89.88, Description: 'd', Result: 'Success' })).toEqual({
		Result: 'Success',
		Description: 'd',
		Sim: 89.88,
		Extra: 'CRM-7',
	});
});

describe('through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const FACE_CHECK = {
		operation: 'imageRecognitionV2',
		name: '={{ $json.name }}',
		idCard: '={{ $json.id }}',
		facePhotoSource: 'binary',
		facePhotoBinaryProperty: 'face',
	};
	const faceItem = (person: { name: string; id: string }, scenario: ImageScenario): TestItem => ({
		json: { ...person },
		files: { face: { bytes: testJpeg(scenario), mimeType: 'image/jpeg' } },
	});

	test('ImageRecognitionV2 echoes Extra, which Simplify keeps', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, additionalFields: { extra: 'CRM-7' } }, [
			faceItem(ZHANG_SAN, { person: ZHANG_SAN.id }),
		]);
		expect(run.outputs[0][0].json).toMatchObject({ Result: 'Success', Sim: 89.88, Extra: 'CRM-7' });
	});
});
