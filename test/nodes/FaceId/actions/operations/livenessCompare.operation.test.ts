/**
 * The "Compare Live Video with Photo" operation (LivenessCompare, China site). Its request: the
 * liveness mode, what the customer was asked to do, the video and the photo as base64 or as URLs
 * Tencent downloads, the best frames asked for; every file checked before sending. Then through
 * n8n's engine against the sandbox: a live video of the photo's person passes, a spoof or another
 * person fails, a recording problem goes to Review unbilled; the best frame comes as a binary file.
 */
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { livenessCompare } from '../../../../../nodes/FaceId/actions/operations/livenessCompare.operation';
import { testJpeg, testPng, type ImageScenario } from '../../../../../sandbox/actions/testImages';
import { testAvi, testFlv, testMp4 } from '../../../../../sandbox/actions/testVideos';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceId, type TestItem } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';
import { faceRun, videoAndPhoto } from './support/routedRun';

const ZHANG_SAN = '110105198506150022';
const WANG_WU = '51010720000229007X';
const FILES = { livenessVideoSource: 'binary', livenessVideoBinaryProperty: 'video', livenessPhotoSource: 'binary', livenessPhotoBinaryProperty: 'photo' };
const build = (parameters: Record<string, unknown>, files: Record<string, Buffer> = { video: testMp4({ person: ZHANG_SAN }), photo: testJpeg({ person: ZHANG_SAN }) }) =>
	livenessCompare.buildRequest.call(executeContext({ parameters: { ...FILES, ...parameters }, files: [files] }), 0);

describe('the request', () => {
	test('SILENT: { LivenessType, VideoBase64, ImageBase64 }, the files\' own bytes; no ValidateData, no Optional', async () => {
		const video = testMp4({ person: ZHANG_SAN });
		const photo = testPng({ person: ZHANG_SAN });
		const request = await build({ livenessType: 'SILENT' }, { video, photo });
		expect(Object.keys(request)).toEqual(['LivenessType', 'VideoBase64', 'ImageBase64']);
		expect((request.VideoBase64 as Base64Bytes).bytes.equals(video)).toBe(true);
		expect((request.ImageBase64 as Base64Bytes).bytes.equals(photo)).toBe(true);
	});

	test('URLs go as VideoUrl and ImageUrl for Tencent to download; AVI and FLV videos are accepted', async () => {
		const request = await build({ livenessType: 'SILENT', livenessVideoSource: 'url', livenessVideoUrl: 'https://cdn.example.com/v.mp4', livenessPhotoSource: 'url', livenessPhotoUrl: 'https://cdn.example.com/p.jpg' });
		expect(request).toEqual({ LivenessType: 'SILENT', VideoUrl: 'https://cdn.example.com/v.mp4', ImageUrl: 'https://cdn.example.com/p.jpg' });
		for (const video of [testAvi(), testFlv()]) expect(await build({ livenessType: 'SILENT' }, { video, photo: testJpeg() })).toHaveProperty('VideoBase64');
	});

	test('LIP sends the digits, ACTION the order; more than one best frame goes in Optional', async () => {
		expect(await build({ livenessType: 'LIP', validateData: ' 5721 ' })).toMatchObject({ LivenessType: 'LIP', ValidateData: '5721' });
		expect(await build({ livenessType: 'ACTION', validateData: '2,1', bestFrames: 3 })).toMatchObject({ ValidateData: '2,1', Optional: '{"BestFrameNum":3}' });
	});

	test.each([
		['no digits for LIP', { livenessType: 'LIP', validateData: '' }, undefined, 'Validate Data is empty: the digits the customer read must be given [item 0]'],
		['letters among the digits', { livenessType: 'LIP', validateData: '57a1' }, undefined, 'Validate Data must hold only the digits the customer read, such as 5721 [item 0]'],
		['an unknown mode', { livenessType: 'BLINK' }, undefined, 'Liveness Type must be one of SILENT, ACTION, LIP, not BLINK [item 0]'],
		['a JPEG as the video', { livenessType: 'SILENT' }, { video: testJpeg(), photo: testJpeg() }, 'Video (binary property "video") is a JPEG image; only MP4, AVI and FLV videos are accepted [item 0]'],
		['a video over 8 MB after base64', { livenessType: 'SILENT' }, { video: testMp4({}, { minBytes: 6.5 * 1024 * 1024 }), photo: testJpeg() }, /^Video \(binary property "video"\) is 8\.7 MB \([\d,]+ bytes\) after base64, over this action's limit of 8\.0 MB \(8,388,608 bytes\) \[item 0\]$/],
		['a video as the photo', { livenessType: 'SILENT' }, { video: testMp4(), photo: testMp4() }, 'Photo (binary property "photo") is not a PNG or JPEG image; only PNG and JPEG images are accepted [item 0]'],
	])('%s is refused before sending', async (_label, parameters, files, message) => {
		const error = await failure(() => build(parameters, files));
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
	});
});

describe('through the engine, against the sandbox (China site)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const item = (video: ImageScenario, photo: ImageScenario = { person: ZHANG_SAN }) => videoAndPhoto(video, photo);

	const CASES: Array<[video: ImageScenario, photo: ImageScenario | undefined, route: string, code: string, billable: boolean]> = [
		[{ person: ZHANG_SAN }, undefined, 'Passed', 'Success', true],
		[{ person: WANG_WU }, undefined, 'Failed', 'FailedOperation.CompareLowSimilarity', true],
		[{ person: ZHANG_SAN }, { person: ZHANG_SAN, sim: 55 }, 'Failed', 'Success', true], // under the node's threshold of 70
		[{ person: ZHANG_SAN, live: 'spoof' }, undefined, 'Failed', 'FailedOperation.LivessDetectFake', true],
		[{ person: ZHANG_SAN, live: 'recapture' }, undefined, 'Failed', 'FailedOperation.SilentPictureLiveFail', true],
		[{ person: ZHANG_SAN, live: 'tooShort' }, undefined, 'Review', 'FailedOperation.SilentTooShort', false],
		[{}, undefined, 'Review', 'FailedOperation.SilentFaceDetectFail', false],
		[{ person: ZHANG_SAN }, { person: ZHANG_SAN, face: 'multiple' }, 'Review', 'FailedOperation.LifePhotoDetectFaces', false],
		[{ person: ZHANG_SAN, result: 'FailedOperation.LivessSystemError' }, undefined, 'Review', 'FailedOperation.LivessSystemError', false],
	];

	test("each outcome class leaves by its output, with Tencent's code and billing; a compared video's best frame is a binary file", async () => {
		const parameters = { operation: 'livenessCompare', livenessType: 'SILENT', ...FILES };
		const run = await faceRun(sandbox, parameters, CASES.map(([video, photo]) => item(video, photo)), { credential: { site: 'china' } });
		expect(CASES.map((entry, index) => [...entry.slice(0, 2), run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		expect(run.billed).toBe(5);
		expect(run.outcomes[2].description).toBe('Similarity 55 is below the threshold 70 (Tencent answered Success)');
		expect(run.items[0].binary?.bestFrame).toMatchObject({ mimeType: 'image/jpeg', fileName: 'best-frame.jpg' });
		expect(run.items[0].json).not.toHaveProperty('BestFrameBase64');
	});

	test('a video and a photo within their own limits but over 10 MB together fail the item before sending, naming the files', async () => {
		sandbox.clearRequests();
		const big: TestItem = {
			json: {},
			files: {
				video: { bytes: testMp4({ person: ZHANG_SAN }, { minBytes: 5.8 * 1024 * 1024 }), mimeType: 'video/mp4' },
				photo: { bytes: testJpeg({ person: ZHANG_SAN }, { minBytes: 2.2 * 1024 * 1024 }), mimeType: 'image/jpeg' },
			},
		};
		const result = await runFaceId(sandbox.url, { operation: 'livenessCompare', livenessType: 'SILENT', ...FILES }, [big], { credential: { site: 'china' } });
		expect(result.error?.message).toBe("The files (VideoBase64 7.7 MB, ImageBase64 2.9 MB) make a 10.7 MB request, over Tencent's limit of 10.0 MB for one request [item 0]");
		expect(sandbox.requests).toHaveLength(0);
	});

	test('on the International site the node fails before sending, naming both sites', async () => {
		sandbox.clearRequests();
		const result = await runFaceId(sandbox.url, { operation: 'livenessCompare', livenessType: 'SILENT', ...FILES }, [item({ person: ZHANG_SAN })]);
		expect(result.error?.message).toBe(`"Compare Live Video with Photo" is offered on Tencent Cloud's China site only; this credential is for the International site`);
		expect(sandbox.requests).toHaveLength(0);
	});
});
