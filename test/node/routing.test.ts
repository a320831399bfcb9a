/**
 * How the node hands items on, through n8n's engine against the sandbox: Route by Outcome on and
 * off, "continue" on errors (regular output and n8n's error output), the similarity threshold,
 * verdicts that arrive as Response.Error, Simplify, and the Portrait as binary data.
 */
import { detectImageFormat } from '../../lib/tencent/images';
import { SANDBOX_PORTRAIT, testJpeg, testPng, GIF_BYTES, type ImageScenario } from '../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from './workflow';

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
const WANG_WU = { name: '王五', id: '51010720000229007X' };

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

/** Passed, failed (another face), review (no face), in that order. */
const THREE_OUTCOMES: TestItem[] = [
	faceItem(ZHANG_SAN, { person: ZHANG_SAN.id }),
	faceItem(ZHANG_SAN, { person: WANG_WU.id }),
	faceItem(ZHANG_SAN, { face: 'none' }),
];

describe('Route by Outcome', () => {
	test('on (default): Passed, Failed and Review outputs, each item paired with its input', async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, THREE_OUTCOMES);
		expect(counts(run)).toEqual([1, 1, 1]);
		expect(run.outputs.map((items) => items[0].pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.outputs.map((items) => outcomeOf(items[0]).status)).toEqual(['passed', 'failed', 'review']);
	});

	test('off: one output, items in input order, each with its outcome', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, routeByOutcome: false }, THREE_OUTCOMES);
		expect(counts(run)).toEqual([3]);
		expect(run.outputs[0].map((item) => [item.pairedItem, outcomeOf(item).status, outcomeOf(item).code])).toEqual([
			[{ item: 0 }, 'passed', 'Success'],
			[{ item: 1 }, 'failed', 'FailedOperation.CompareLowSimilarity'],
			[{ item: 2 }, 'review', 'FailedOperation.LifePhotoDetectNoFaces'],
		]);
	});
});

describe('errors with "continue"', () => {
	/** Item 1 is a GIF: refused before sending. Item 2 meets an API error (encryption settings). */
	const items: TestItem[] = [
		faceItem(ZHANG_SAN, { person: ZHANG_SAN.id }),
		faceItem(ZHANG_SAN, {}, GIF_BYTES),
		faceItem(ZHANG_SAN, { result: 'FailedOperation.StsUnAuthErrError', via: 'error' }),
		faceItem(ZHANG_SAN, { person: WANG_WU.id }),
	];

	test('regular output: error items go to Review with the message naming field and item; the rest still run', async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, items, { onError: 'continueRegularOutput' });
		expect(run.error).toBeUndefined();
		expect(counts(run)).toEqual([1, 1, 2]);
		const [gif, api] = run.outputs[2];
		expect(gif.pairedItem).toEqual({ item: 1 });
		expect(gif.json.error).toBe('Face Photo (binary property "face") is a GIF image; only PNG and JPEG images are accepted [item 1]');
		expect(api.pairedItem).toEqual({ item: 2 });
		expect(api.json.error).toMatch(/^FailedOperation\.StsUnAuthErrError: .* \[item 2\]$/);
		expect(api.json.details).toMatch(/^RequestId: [0-9a-f-]{36}/);
		// A Review branch reads one shape: error items carry an outcome like every Review item.
		expect(gif.json.outcome).toEqual({ status: 'review', code: 'InvalidInput', description: gif.json.error, billable: false, retryable: false });
		expect(api.json.outcome).toMatchObject({ status: 'review', code: 'FailedOperation.StsUnAuthErrError', billable: false, retryable: false });
		expect((api.json.outcome as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
		// The GIF was never sent.
		// Three calls (items are checked several at a time, so in any order); the GIF was not one.
		expect(sandbox.requests.map((request) => request.code).sort()).toEqual(
			['FailedOperation.CompareLowSimilarity', 'FailedOperation.StsUnAuthErrError', 'Success'],
		);
	});

	test("error output: n8n's fourth output gets the failed items, merged with their input", async () => {
		const run = await runFaceId(sandbox.url, FACE_CHECK, items, { onError: 'continueErrorOutput' });
		expect(run.error).toBeUndefined();
		expect(counts(run)).toEqual([1, 1, 0, 2]);
		expect(run.outputs[3].map((item) => [item.pairedItem, item.json.name, item.json.error])).toEqual([
			[{ item: 1 }, '张三', 'Face Photo (binary property "face") is a GIF image; only PNG and JPEG images are accepted [item 1]'],
			[{ item: 2 }, '张三', 'FailedOperation.StsUnAuthErrError: STS unauthorized. [item 2]'],
		]);
	});

	test('without "continue", the first bad item fails the node, naming field and item; the GIF is never sent', async () => {
		// Its own sandbox: items already in flight when the node fails must not land in other tests' logs.
		const own = await startSandbox();
		try {
			const run = await runFaceId(own.url, FACE_CHECK, items);
			expect(run.error?.message).toBe('Face Photo (binary property "face") is a GIF image; only PNG and JPEG images are accepted [item 1]');
			expect(run.outputs).toEqual([]);
			// The sandbox would answer a GIF with InvalidParameterValue.
			expect(own.requests.map((request) => request.code)).not.toContain('InvalidParameterValue');
		} finally {
			await own.close();
		}
	});
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
		const outcome = outcomeOf(item);
		expect(outcome).toMatchObject({ status: 'failed', billable: true, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect(requestWithId(outcome.requestId)).toMatchObject({ code: 'FailedOperation.CompareLowSimilarity', billable: true });
	});
});

describe('Simplify and the Portrait', () => {
	const CHECK = { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'card' };
	const cardItem: TestItem = { json: {}, files: { card: { bytes: testPng({ person: ZHANG_SAN.id }), mimeType: 'image/png' } } };

	test('on (default): the fields a workflow needs plus outcome; RequestId only inside outcome', async () => {
		const run = await runFaceId(sandbox.url, CHECK, [cardItem]);
		const json = run.outputs[0][0].json;
		expect(Object.keys(json)).toEqual(['Result', 'Description', 'Sim', 'Name', 'Sex', 'Nation', 'Birth', 'Address', 'IdNum', 'Warnings', 'outcome']);
		expect(json).toMatchObject({ Result: 'Success', Name: '张三', IdNum: ZHANG_SAN.id, Birth: '1985/06/15' });
		expect(requestWithId(outcomeOf(run.outputs[0][0]).requestId)).toMatchObject({ action: 'CheckIdCardInformation', code: 'Success' });
	});

	test("off: Tencent's whole answer (RequestId, Quality, Encryption…) plus outcome, still without the base64 Portrait", async () => {
		const run = await runFaceId(sandbox.url, { ...CHECK, simplify: false }, [cardItem]);
		const json = run.outputs[0][0].json;
		expect(json).toMatchObject({ Quality: 95, Encryption: null, Result: 'Success' });
		expect(requestWithId(json.RequestId)).toMatchObject({ action: 'CheckIdCardInformation' });
		expect(outcomeOf(run.outputs[0][0]).requestId).toBe(json.RequestId);
		expect(json).not.toHaveProperty('Portrait');
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

	test('Simplify on IdCardVerification keeps Result and Description; off keeps RequestId too', async () => {
		const parameters = { operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.id }}' };
		const simple = await runFaceId(sandbox.url, parameters, [{ json: ZHANG_SAN }]);
		expect(Object.keys(simple.outputs[0][0].json)).toEqual(['Result', 'Description', 'outcome']);
		const whole = await runFaceId(sandbox.url, { ...parameters, simplify: false }, [{ json: ZHANG_SAN }]);
		expect(Object.keys(whole.outputs[0][0].json).sort()).toEqual(['Description', 'RequestId', 'Result', 'outcome']);
	});

	test('ImageRecognitionV2 echoes Extra, which Simplify keeps', async () => {
		const run = await runFaceId(sandbox.url, { ...FACE_CHECK, additionalFields: { extra: 'CRM-7' } }, [
			faceItem(ZHANG_SAN, { person: ZHANG_SAN.id }),
		]);
		expect(run.outputs[0][0].json).toMatchObject({ Result: 'Success', Sim: 89.88, Extra: 'CRM-7' });
	});
});
