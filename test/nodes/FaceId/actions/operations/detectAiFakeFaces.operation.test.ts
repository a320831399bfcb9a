/**
 * The "Detect AI Attack" operation (DetectAIFakeFaces). Its request: the photo or the video as
 * FaceInput with its FaceInputType, checked before sending. Then through n8n's engine against the
 * sandbox: a low risk passes, a medium one goes to Review, a high one fails and lists the traces;
 * a photo Tencent cannot check goes to Review unbilled.
 */
import { Base64Bytes } from '../../../../../lib/tencent/requestBody';
import { detectAiFakeFaces } from '../../../../../nodes/FaceId/actions/operations/detectAiFakeFaces.operation';
import { testJpeg, type ImageScenario } from '../../../../../sandbox/actions/testImages';
import { testMp4 } from '../../../../../sandbox/actions/testVideos';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import type { TestItem } from '../../../../support/faceIdItems';
import { executeContext, failure } from './support/executeContext';
import { faceRun } from './support/routedRun';

const PHOTO = { faceInputType: 'photo', suspectPhotoSource: 'binary', suspectPhotoBinaryProperty: 'face' };
const VIDEO = { faceInputType: 'video', suspectVideoSource: 'binary', suspectVideoBinaryProperty: 'face' };

describe('the request', () => {
	test('a photo: { FaceInput, FaceInputType: 1 }; a video: FaceInputType 2', async () => {
		const photo = testJpeg();
		const fromPhoto = await detectAiFakeFaces.buildRequest.call(executeContext({ parameters: PHOTO, files: [{ face: photo }] }), 0);
		expect(fromPhoto.FaceInputType).toBe(1);
		expect((fromPhoto.FaceInput as Base64Bytes).bytes.equals(photo)).toBe(true);
		const fromVideo = await detectAiFakeFaces.buildRequest.call(executeContext({ parameters: VIDEO, files: [{ face: testMp4() }] }), 0);
		expect(fromVideo.FaceInputType).toBe(2);
	});

	test('a video given as the photo, or a photo as the video, is refused before sending', async () => {
		expect((await failure(() => detectAiFakeFaces.buildRequest.call(executeContext({ parameters: PHOTO, files: [{ face: testMp4() }] }), 0))).message).toBe(
			'Photo (binary property "face") is not a PNG or JPEG image; only PNG and JPEG images are accepted [item 0]',
		);
		expect((await failure(() => detectAiFakeFaces.buildRequest.call(executeContext({ parameters: VIDEO, files: [{ face: testJpeg() }] }), 0))).message).toBe(
			'Video (binary property "face") is a JPEG image; only MP4, AVI and FLV videos are accepted [item 0]',
		);
	});
});

describe('through the engine, against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const photo = (scenario: ImageScenario): TestItem => ({ json: {}, files: { face: { bytes: testJpeg(scenario), mimeType: 'image/jpeg' } } });

	test('low risk passes, medium goes to Review, high fails with its traces spelled out; every verdict is billed', async () => {
		const CASES: Array<[scenario: ImageScenario, route: string, code: string, billable: boolean]> = [
			[{}, 'Passed', 'Low', true],
			[{ attack: 'Mid' }, 'Review', 'Mid', true],
			[{ attack: 'High', traces: ['SuspectedSynthesisImage', 'SuspectedWatermark'] }, 'Failed', 'High', true],
			[{ face: 'none' }, 'Review', 'FailedOperation.IncompleteFace', false],
		];
		const run = await faceRun(sandbox, { operation: 'detectAiFakeFaces', ...PHOTO }, CASES.map(([scenario]) => photo(scenario)));
		expect(CASES.map((entry, index) => [entry[0], run.routes[index], run.outcomes[index].code, run.outcomes[index].billable])).toEqual(CASES);
		expect(run.billed).toBe(3);
		expect(run.outcomes[2].description).toBe('Very likely an attack: a synthesised image, a watermark');
		expect(run.items[2].json.AttackRiskDetailList).toEqual([{ Type: 'SuspectedSynthesisImage' }, { Type: 'SuspectedWatermark' }]);
	});

	test('a video: a high risk fails, a synthesised video by default', async () => {
		const item: TestItem = { json: {}, files: { face: { bytes: testMp4({ attack: 'High' }), mimeType: 'video/mp4' } } };
		const run = await faceRun(sandbox, { operation: 'detectAiFakeFaces', ...VIDEO }, [item], { credential: { site: 'china' } });
		expect(run.routes).toEqual(['Failed']);
		expect(run.outcomes[0].description).toBe('Very likely an attack: a synthesised video');
	});
});
