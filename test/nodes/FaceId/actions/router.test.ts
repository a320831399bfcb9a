/**
 * The node's router, through n8n's engine against the sandbox: the operation chosen, Route by
 * Outcome on and off, and "continue" on errors (regular output and n8n's error output) or not.
 */
import { testJpeg, GIF_BYTES, type ImageScenario } from '../../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from '../../../support/faceIdItems';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.clearRequests());

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

test('an operation the node does not have fails the node, naming it, before anything is sent', async () => {
	const run = await runFaceId(sandbox.url, { operation: 'deleteEverything' }, [{ json: {} }]);
	expect(run.error?.message).toBe('The operation "deleteEverything" is not supported');
	expect(sandbox.requests).toHaveLength(0);
});

test('from version 2, an operation saved under another resource fails the node, naming both, before anything is sent', async () => {
	const run = await runFaceId(sandbox.url, { resource: 'face', operation: 'idCardVerification', name: '张三', idCard: ZHANG_SAN.id }, [{ json: {} }]);
	expect(run.error?.message).toBe('The operation "idCardVerification" belongs to the resource "identityCard", not "face"');
	expect(sandbox.requests).toHaveLength(0);
});

test('version 1 has no resource: the operation alone decides', async () => {
	const run = await runFaceId(sandbox.url, { operation: 'idCardVerification', name: '张三', idCard: ZHANG_SAN.id }, [{ json: {} }], { typeVersion: 1 });
	expect(run.error).toBeUndefined();
	expect(run.outputs[0].map((item) => outcomeOf(item).code)).toEqual(['0']);
});

test("an operation its credential's site does not offer fails the node before anything is sent, naming both sites", async () => {
	const apply = { operation: 'applyCardVerification', documentFrontSource: 'base64', documentFrontBase64: '={{ $json.front }}' };
	const run = await runFaceId(sandbox.url, apply, [{ json: { front: testJpeg({ result: 'PASSED' }).toString('base64') } }], { credential: { site: 'china' } });
	expect(run.error?.message).toBe(`"Apply Card Verification" is offered on Tencent Cloud's International site only; this credential is for the China site`);
	expect(run.error?.description).toBe('Nothing was sent. Use a credential of a Tencent Cloud account on that site.');
	expect(sandbox.requests).toHaveLength(0);
});
