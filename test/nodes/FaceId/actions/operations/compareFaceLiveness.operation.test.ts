/**
 * The "Compare Live Video with Photo (International)" operation (CompareFaceLiveness). Its request:
 * the mode, the actions for ACTION, the video and the photo always as base64 (a URL is downloaded by
 * n8n and checked like a file). Then through n8n's engine against the sandbox: each outcome class
 * by its output; on the China site nothing is sent.
 */
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { compareFaceLiveness } from '../../../../../nodes/FaceId/actions/operations/compareFaceLiveness.operation';
import { testJpeg, type ImageScenario } from '../../../../../sandbox/actions/testImages';
import { testMp4 } from '../../../../../sandbox/actions/testVideos';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceId } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';
import { faceRun, videoAndPhoto } from './support/routedRun';

const ZHANG_SAN = '110105198506150022';
const WANG_WU = '51010720000229007X';
const FILES = { faceLivenessVideoSource: 'binary', faceLivenessVideoBinaryProperty: 'video', faceLivenessPhotoSource: 'binary', faceLivenessPhotoBinaryProperty: 'photo' };
const files = () => ({ video: testMp4({ person: ZHANG_SAN }), photo: testJpeg({ person: ZHANG_SAN }) });

describe('the request', () => {
	test('{ ImageBase64, VideoBase64, LivenessType } for SILENT; ValidateData added for ACTION', async () => {
		const { video, photo } = files();
		const silent = await compareFaceLiveness.buildRequest.call(executeContext({ parameters: { ...FILES, livenessType: 'SILENT' }, files: [{ video, photo }] }), 0);
		expect(Object.keys(silent)).toEqual(['ImageBase64', 'VideoBase64', 'LivenessType']);
		expect((silent.VideoBase64 as Base64Bytes).bytes.equals(video)).toBe(true);
		const action = await compareFaceLiveness.buildRequest.call(executeContext({ parameters: { ...FILES, livenessType: 'ACTION', validateData: '4, 2' }, files: [files()] }), 0);
		expect(action).toMatchObject({ LivenessType: 'ACTION', ValidateData: '4,2' });
	});

	test('a video URL is downloaded by n8n and sent as VideoBase64, checked like a file', async () => {
		const video = testMp4({ person: ZHANG_SAN });
		const parameters = { ...FILES, livenessType: 'SILENT', faceLivenessVideoSource: 'url', faceLivenessVideoUrl: 'https://cdn.example.com/v.mp4' };
		const context = executeContext({ parameters, files: [files()], httpRequest: async () => video });
		const request = await compareFaceLiveness.buildRequest.call(context, 0);
		expect((request.VideoBase64 as Base64Bytes).bytes.equals(video)).toBe(true);
		expect(context.downloads.map((download) => download.url)).toEqual(['https://cdn.example.com/v.mp4']);
		const html = executeContext({ parameters, files: [files()], httpRequest: async () => Buffer.from('<html>not found</html>') });
		expect((await failure(() => compareFaceLiveness.buildRequest.call(html, 0))).message).toBe(
			'Video (downloaded from the URL) is not an MP4, AVI or FLV video; only MP4, AVI and FLV videos are accepted [item 0]',
		);
	});

	test.each([
		['five actions', '1,2,3,4,1'],
		['an action that does not exist', '5'],
		['words', 'blink'],
	])('ACTION with %s is refused before sending', async (_label, validateData) => {
		const error = await failure(() => compareFaceLiveness.buildRequest.call(executeContext({ parameters: { ...FILES, livenessType: 'ACTION', validateData }, files: [files()] }), 0));
		expect(error.message).toBe('Validate Data must be one or two actions, 1 (open mouth), 2 (blink), 3 (nod) or 4 (shake head), separated by a comma, such as 4,2 [item 0]');
	});

	test('LIP is not one of its modes', async () => {
		const error = await failure(() => compareFaceLiveness.buildRequest.call(executeContext({ parameters: { ...FILES, livenessType: 'LIP' }, files: [files()] }), 0));
		expect(error.message).toBe('Liveness Type must be one of SILENT, ACTION, not LIP [item 0]');
	});
});

describe('through the engine, against the sandbox (International site)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const item = (video: ImageScenario, photo: ImageScenario = { person: ZHANG_SAN }) => videoAndPhoto(video, photo);
	const parameters = { operation: 'compareFaceLiveness', livenessType: 'ACTION', validateData: '4,2', ...FILES };

	test("each outcome class leaves by its output, with Tencent's code and billing", async () => {
		const CASES: Array<[video: ImageScenario, route: string, code: string, billable: boolean]> = [
			[{ person: ZHANG_SAN }, 'Passed', 'Success', true],
			[{ person: WANG_WU }, 'Failed', 'FailedOperation.CompareLowSimilarity', true],
			[{ person: ZHANG_SAN, live: 'spoof' }, 'Failed', 'FailedOperation.LivessDetectFake', true],
			[{ person: ZHANG_SAN, live: 'multiple' }, 'Review', 'FailedOperation.SilentMultiFaceFail', false],
			[{ person: ZHANG_SAN, result: 'FailedOperation.UnKnown', via: 'error' }, 'Review', 'FailedOperation.UnKnown', false],
		];
		const run = await faceRun(sandbox, parameters, CASES.map(([video]) => item(video)));
		expect(CASES.map((entry, index) => [entry[0], run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		expect(run.billed).toBe(3);
		expect(run.items[0].binary?.bestFrame).toMatchObject({ mimeType: 'image/jpeg' });
	});

	test('on the China site the node fails before sending, naming both sites', async () => {
		sandbox.clearRequests();
		const result = await runFaceId(sandbox.url, parameters, [item({ person: ZHANG_SAN })], { credential: { site: 'china' } });
		expect(result.error?.message).toBe(`"Compare Live Video with Photo (International)" is offered on Tencent Cloud's International site only; this credential is for the China site`);
		expect(sandbox.requests).toHaveLength(0);
	});
});
