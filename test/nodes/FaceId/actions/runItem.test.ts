/**
 * One item's pipeline (runItem), through n8n's engine against the sandbox: the similarity
 * threshold checked per item, a verdict that arrives as Response.Error, and "Simplify" off (the
 * whole answer, files moved out of the JSON).
 */
import { testJpeg, testPng, type ImageScenario } from '../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from '../../../support/faceIdItems';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.clearRequests());

/**
 * The sandbox's log entry for a RequestId. Looked up by id, not by position: when an item fails
 * the node, items already in flight (the node works on several at once) may land later.
 */
function requestWithId(requestId: unknown) {
	const found = sandbox.requests.find((request) => request.requestId === requestId);
	expect(found).toBeDefined();
	return found;
}

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };

const FACE_CHECK = {
	operation: 'imageRecognitionV2',
	name: '={{ $json.name }}',
	idCard: '={{ $json.id }}',
	facePhotoSource: 'binary',
	facePhotoBinaryProperty: 'face',
};

const faceItem = (person: { name: string; id: string }, scenario: ImageScenario, bytes?: Buffer): TestItem => ({
	json: { ...person },
	files: { face: { bytes: bytes ?? testJpeg(scenario), mimeType: 'image/jpeg' } },
});

describe('similarity threshold (Tencent answered Success)', () => {
	const at = (sim: number) => [faceItem(ZHANG_SAN, { person: ZHANG_SAN.id, sim })];

	test('default 70: Sim 65 goes to Failed, code Success, saying why', async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, at(65));
		expect(counts(run)).toEqual([0, 1, 0]);
		expect(outcomeOf(run.outputs[1][0])).toMatchObject({
			status: 'failed',
			code: 'Success',
			similarity: 65,
			billable: true,
			description: 'Similarity 65 is below the threshold 70 (Tencent answered Success)',
		});
	});

	test('Sim equal to the threshold passes', async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, at(70));
		expect(counts(run)).toEqual([1, 0, 0]);
	});

	test('a lower threshold (60) passes Sim 65; a stricter one (90) fails Tencent\'s default match', async () => {
		const lower = await runFaceId(sandbox.url, { ...FACE_CHECK, options: { similarityThreshold: 60 } }, at(65));
		expect(counts(lower)).toEqual([1, 0, 0]);
		const stricter = await runFaceId(sandbox.url, { ...FACE_CHECK, options: { similarityThreshold: 90 } }, [
			faceItem(ZHANG_SAN, { person: ZHANG_SAN.id }),
		]);
		expect(counts(stricter)).toEqual([0, 1, 0]);
		expect(outcomeOf(stricter.outputs[1][0]).description).toBe('Similarity 89.88 is below the threshold 90 (Tencent answered Success)');
	});

	test("CompareLowSimilarity stays Failed whatever the threshold: it is Tencent's own verdict", async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, options: { similarityThreshold: 0 } }, at(30));
		expect(outcomeOf(run.outputs[1][0])).toMatchObject({ code: 'FailedOperation.CompareLowSimilarity', similarity: 30 });
	});

	test('the threshold is read only for actions that return Sim', async () => {
		const run = await runFaceId(
			sandbox.url,
			{ operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.id }}', options: { similarityThreshold: '={{ 170 }}' } },
			[{ json: ZHANG_SAN }],
		);
		expect(counts(run)).toEqual([1, 0, 0]);
	});

	test('a threshold outside 0-100 (from an expression) is an error naming the option and the item', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, options: { similarityThreshold: '={{ 170 }}' } }, at(80));
		expect(run.error?.message).toBe('Similarity Threshold must be a number from 0 to 100 [item 0]');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('a verdict sent as Response.Error routes like the same code in Result', () => {
	test('CompareLowSimilarity as Error → Failed, with Error kept in the item', async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, [
			faceItem(ZHANG_SAN, { result: 'FailedOperation.CompareLowSimilarity', via: 'error' }),
		]);
		expect(counts(run)).toEqual([0, 1, 0]);
		const item = run.outputs[1][0];
		expect(item.json.Error).toEqual({ Code: 'FailedOperation.CompareLowSimilarity', Message: expect.any(String) });
		// Simplified: the Error alone, the RequestId inside outcome.
		expect(Object.keys(item.json)).toEqual(['Error', 'outcome']);
		const outcome = outcomeOf(item);
		expect(outcome).toMatchObject({ status: 'failed', billable: true, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect(requestWithId(outcome.requestId)).toMatchObject({ code: 'FailedOperation.CompareLowSimilarity', billable: true });
	});
});

describe('Simplify off', () => {
	const CHECK = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card' };
	const cardItem: TestItem = { json: {}, files: { card: { bytes: testPng({ person: ZHANG_SAN.id }), mimeType: 'image/png' } } };

	test("off: Tencent's whole answer (RequestId, Quality, Encryption…) plus outcome, still without the base64 Portrait", async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, simplify: false }, [cardItem]);
		const json = run.outputs[0][0].json;
		expect(json).toMatchObject({ Quality: 95, Encryption: null, Result: 'Success' });
		expect(requestWithId(json.RequestId)).toMatchObject({ action: 'CheckIdCardInformation' });
		expect(outcomeOf(run.outputs[0][0]).requestId).toBe(json.RequestId);
		expect(json).not.toHaveProperty('Portrait');
	});

	test('a verdict sent as Response.Error keeps its Error and RequestId', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, simplify: false }, [
			faceItem(ZHANG_SAN, { result: 'FailedOperation.CompareLowSimilarity', via: 'error' }),
		]);
		const json = run.outputs[1][0].json;
		expect(json).toEqual({
			Error: { Code: 'FailedOperation.CompareLowSimilarity', Message: expect.any(String) },
			RequestId: outcomeOf(run.outputs[1][0]).requestId,
			outcome: expect.objectContaining({ status: 'failed' }),
		});
	});
});
