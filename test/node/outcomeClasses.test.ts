/**
 * Every synchronous FaceID action × every outcome class (passed, failed, review, error), run as a
 * workflow through n8n's engine against the sandbox over real HTTP. Each case says which output
 * the item leaves by, with which Tencent code, and what the sandbox billed.
 */
import type { NodeParameterValueType } from 'n8n-workflow';

import { testJpeg, testPng, type ImageScenario } from '../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { counts, outcomeOf, runFaceId, type TestItem } from '../support/faceIdItems';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.clearRequests());

const ZHANG_SAN = { name: '张三', id: '110105198506150022' };
/** 孙八's number always meets a daily limit (sandbox/README.md). */
const SUN_BA = { name: '孙八', id: '110102197501010051' };

type Parameters = Record<string, NodeParameterValueType>;

const PARAMETERS: Record<string, Parameters> = {
	IdCardVerification: { operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.id }}' },
	IdCardOCRVerification: {
		operation: 'idCardOcrVerification',
		verifyBy: 'photo',
		idCardPhotoSource: 'binary',
		idCardPhotoBinaryProperty: 'card',
	},
	CheckIdCardInformation: {
		operation: 'checkIdCardInformation',
		idCardPhotoSource: 'binary',
		idCardPhotoBinaryProperty: 'card',
		warnPhotocopy: true,
	},
	ImageRecognitionV2: {
		operation: 'imageRecognitionV2',
		name: '={{ $json.name }}',
		idCard: '={{ $json.id }}',
		facePhotoSource: 'binary',
		facePhotoBinaryProperty: 'face',
	},
};

const card = (scenario: ImageScenario): TestItem => ({ json: {}, files: { card: { bytes: testJpeg(scenario), mimeType: 'image/jpeg' } } });
const face = (person: { name: string; id: string }, scenario: ImageScenario): TestItem => ({
	json: { name: person.name, id: person.id },
	files: { face: { bytes: testPng(scenario), mimeType: 'image/png' } },
});

interface VerdictCase {
	action: string;
	item: TestItem;
	output: 0 | 1 | 2;
	code: string;
	billable: boolean;
	retryable: boolean;
	/** Where the verdict travelled: the Result field or Response.Error. */
	via: 'result' | 'error';
	extra?: (outcome: Record<string, unknown>) => void;
}

const VERDICTS: Record<string, VerdictCase> = {
	'IdCardVerification passed': { action: 'IdCardVerification', item: { json: ZHANG_SAN }, output: 0, code: '0', billable: true, retryable: false, via: 'result' },
	'IdCardVerification failed': {
		action: 'IdCardVerification',
		item: { json: { name: '李四', id: ZHANG_SAN.id } },
		output: 1,
		code: '-1',
		billable: true,
		retryable: false,
		via: 'result',
	},
	'IdCardVerification review': {
		action: 'IdCardVerification',
		item: { json: { name: '周七', id: '320106199305120062' } },
		output: 2,
		code: '-5',
		billable: false,
		retryable: false,
		via: 'result',
	},
	'IdCardOCRVerification passed': {
		action: 'IdCardOCRVerification',
		item: card({ person: ZHANG_SAN.id }),
		output: 0,
		code: '0',
		billable: true,
		retryable: false,
		via: 'result',
	},
	'IdCardOCRVerification failed': {
		action: 'IdCardOCRVerification',
		item: card({ person: ZHANG_SAN.id, name: '李四' }),
		output: 1,
		code: '-1',
		billable: true,
		retryable: false,
		via: 'result',
	},
	'IdCardOCRVerification review': {
		action: 'IdCardOCRVerification',
		item: card({}),
		output: 2,
		code: 'FailedOperation.ImageNoIdCard',
		billable: false,
		retryable: false,
		via: 'error',
	},
	'CheckIdCardInformation passed': {
		action: 'CheckIdCardInformation',
		item: card({ person: ZHANG_SAN.id }),
		output: 0,
		code: 'Success',
		billable: true,
		retryable: false,
		via: 'result',
		extra: (outcome) => expect(outcome.similarity).toBe(89.88),
	},
	'CheckIdCardInformation failed': {
		action: 'CheckIdCardInformation',
		item: card({ person: ZHANG_SAN.id, name: '李四' }),
		output: 1,
		code: 'FailedOperation.IdNameMisMatch',
		billable: true,
		retryable: false,
		via: 'result',
	},
	'CheckIdCardInformation review': {
		action: 'CheckIdCardInformation',
		item: card({ person: ZHANG_SAN.id, warn: ['-9102', '-9104'] }),
		output: 2,
		code: 'FailedOperation.OcrWarningOccurred',
		billable: true,
		retryable: false,
		via: 'result',
		// -9104 (temporary card) is on the card, but the node only asked about photocopies.
		extra: (outcome) => expect(outcome.warnings).toEqual([{ code: '-9102', description: 'ID card photocopy' }]),
	},
	'ImageRecognitionV2 passed': {
		action: 'ImageRecognitionV2',
		item: face(ZHANG_SAN, { person: ZHANG_SAN.id }),
		output: 0,
		code: 'Success',
		billable: true,
		retryable: false,
		via: 'result',
		extra: (outcome) => expect(outcome.similarity).toBe(89.88),
	},
	'ImageRecognitionV2 failed': {
		action: 'ImageRecognitionV2',
		item: face(ZHANG_SAN, { person: '51010720000229007X' }),
		output: 1,
		code: 'FailedOperation.CompareLowSimilarity',
		billable: true,
		retryable: false,
		via: 'result',
		extra: (outcome) => expect(outcome.similarity).toBe(26.04),
	},
	'ImageRecognitionV2 review': {
		action: 'ImageRecognitionV2',
		item: face(ZHANG_SAN, { person: ZHANG_SAN.id, face: 'multiple' }),
		output: 2,
		code: 'FailedOperation.LifePhotoDetectFaces',
		billable: false,
		retryable: false,
		via: 'result',
	},
};

describe.each(Object.entries(VERDICTS))('%s', (_title, verdict) => {
	test(`leaves by output ${verdict.output} with ${verdict.code}`, async () => {
		const run = await runFaceId(sandbox.url, PARAMETERS[verdict.action], [verdict.item]);

		expect(run.error).toBeUndefined();
		const expectedCounts = [0, 0, 0];
		expectedCounts[verdict.output] = 1;
		expect(counts(run)).toEqual(expectedCounts);
		const item = run.outputs[verdict.output][0];
		const outcome = outcomeOf(item);
		expect(outcome).toMatchObject({
			status: ['passed', 'failed', 'review'][verdict.output],
			code: verdict.code,
			billable: verdict.billable,
			retryable: verdict.retryable,
			requestId: sandbox.requests[0].requestId,
		});
		expect(String(outcome.description).length).toBeGreaterThan(0);
		verdict.extra?.(outcome);
		if (verdict.via === 'error') {
			expect(item.json.Error).toEqual({ Code: verdict.code, Message: expect.any(String) });
		} else {
			expect(item.json.Result).toBe(verdict.code);
		}
		// One call, billed exactly as the decision table says.
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ action: verdict.action, code: verdict.code, billable: verdict.billable });
	});
});

describe('errors are not outcomes: the node fails with the code, the item and the RequestId', () => {
	test('IdCardVerification: a wrong SecretKey (AuthFailure.SignatureFailure)', async () => {
		const run = await runFaceId(sandbox.url, PARAMETERS.IdCardVerification, [{ json: ZHANG_SAN }], {
			credential: { secretKey: 'not-the-sandbox-key' },
		});
		expect(run.error?.message).toMatch(/^AuthFailure\.SignatureFailure: .* \[item 0\]$/);
		expect(run.error?.description).toContain(`RequestId: ${sandbox.requests[0].requestId}`);
		expect(run.outputs).toEqual([]);
	});

	test('IdCardOCRVerification: FailedOperation.StsUnAuthErrError (auth) as Response.Error', async () => {
		const run = await runFaceId(sandbox.url, PARAMETERS.IdCardOCRVerification, [card({ result: 'FailedOperation.StsUnAuthErrError' })]);
		expect(run.error?.message).toMatch(/^FailedOperation\.StsUnAuthErrError: .* \[item 0\]$/);
		expect(sandbox.requests).toMatchObject([{ code: 'FailedOperation.StsUnAuthErrError', billable: false }]);
	});

	test('CheckIdCardInformation: FailedOperation.RequestLimitExceeded (quota) carried in Result', async () => {
		const run = await runFaceId(sandbox.url, PARAMETERS.CheckIdCardInformation, [card({ person: SUN_BA.id, name: SUN_BA.name })]);
		expect(run.error?.message).toMatch(/^FailedOperation\.RequestLimitExceeded: The number of calls exceeded the limit\. \[item 0\]$/);
		expect(run.error?.description).toContain(`RequestId: ${sandbox.requests[0].requestId}`);
	});

	test('ImageRecognitionV2: FailedOperation.DecryptSystemError (encryption settings) as Response.Error', async () => {
		const run = await runFaceId(sandbox.url, PARAMETERS.ImageRecognitionV2, [
			face(ZHANG_SAN, { person: ZHANG_SAN.id, result: 'FailedOperation.DecryptSystemError', via: 'error' }),
		]);
		expect(run.error?.message).toMatch(/^FailedOperation\.DecryptSystemError: .* \[item 0\]$/);
	});

});
