/**
 * The per-action verdict tables of the action definitions (lib/tencent/actions/) against Tencent's API pages:
 * every documented Result and FailedOperation.* code has a meaning, errors stay errors, the
 * similarity threshold and the warnings behave, and nothing billed is ever marked retryable.
 */
import { TencentCloudError } from '../../lib/tencent/errors';
import { parseWarnings } from '../../lib/tencent/actions/CheckIdCardInformation';
import {
	DEFAULT_SIMILARITY_THRESHOLD,
	isBillable,
	outcomeOfApiError,
	outcomeOfResult,
	returnsSimilarity,
} from '../../lib/tencent/outcomes';
import { OUTCOME_TABLES } from '../../lib/tencent/catalogue';

/** The FailedOperation.* codes each API page lists (error-code table, plus codes shown in its Result examples). */
const DOCUMENTED_FAILED_OPERATIONS: Record<string, string[]> = {
	IdCardVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	IdCardOCRVerification: [
		'DecryptSystemError', 'DownLoadError', 'EmptyImageError', 'ImageBlur', 'ImageDecodeFailed', 'ImageNoIdCard',
		'ImageSizeTooLarge', 'OcrFailed', 'StsUnAuthErrError', 'UnKnown',
	],
	CheckIdCardInformation: [
		'CompareFail', 'CompareLowSimilarity', 'CompareSystemError', 'DownLoadError', 'EmptyImageError', 'EncryptSystemError',
		'FileSaveError', 'IdFormatError', 'IdNameMisMatch', 'IdNoExistSystem', 'IdPhotoNoExist', 'IdPhotoPoorQuality',
		'IdPhotoSystemNoanswer', 'ImageBlur', 'ImageDecodeFailed', 'ImageNoIdCard', 'ImageSizeTooLarge', 'LifePhotoDetectFaces',
		'LifePhotoDetectFake', 'LifePhotoDetectNoFaces', 'LifePhotoPoorQuality', 'LifePhotoSizeError', 'OcrFailed',
		'OcrWarningOccurred', 'RequestLimitExceeded', 'StsUnAuthErrError', 'UnKnown',
	],
	ImageRecognitionV2: [
		'CompareFail', 'CompareLibServiceUnavailable', 'CompareLowSimilarity', 'CompareSystemError', 'DecryptSystemError',
		'IdFormatError', 'IdNameMisMatch', 'IdNoExistSystem', 'IdPhotoNoExist', 'IdPhotoPoorQuality', 'IdPhotoSystemNoanswer',
		'IdentityAuthLimitExceeded', 'LifePhotoDetectFaces', 'LifePhotoDetectFake', 'LifePhotoDetectNoFaces',
		'LifePhotoPoorQuality', 'LifePhotoSizeError', 'NameFormatError', 'StsUnAuthErrError', 'UnKnown',
	],
};

const DOCUMENTED_RESULTS: Record<string, string[]> = {
	IdCardVerification: ['0', '-1', '-2', '-3', '-4', '-5', '-6', '-7'],
	IdCardOCRVerification: ['0', '-1', '-2', '-3', '-4', '-5', '-6', '-7'],
	CheckIdCardInformation: ['Success'],
	ImageRecognitionV2: ['Success'],
};

const ACTIONS = Object.keys(DOCUMENTED_RESULTS);

function apiError(action: string, code: string): TencentCloudError {
	return new TencentCloudError({ kind: 'api', code, message: code, action, requestId: 'req-1', httpStatus: 200 });
}

describe.each(ACTIONS)('%s', (action) => {
	const table = OUTCOME_TABLES[action];

	test('every documented Result code and FailedOperation code is in the table, as a verdict or as an error', () => {
		expect(Object.keys(table.results).sort()).toEqual([...DOCUMENTED_RESULTS[action]].sort());
		const covered = [...Object.keys(table.failedOperations), ...Object.keys(table.errors)].sort();
		expect(covered).toEqual(DOCUMENTED_FAILED_OPERATIONS[action].map((name) => `FailedOperation.${name}`).sort());
		// No code is both.
		for (const code of Object.keys(table.errors)) expect(table.failedOperations[code]).toBeUndefined();
	});

	test('a verdict means the same whether it comes in Result or as Response.Error', () => {
		for (const code of Object.keys(table.failedOperations)) {
			const inResult = outcomeOfResult(action, { Result: code, RequestId: 'req-1' });
			const asError = outcomeOfApiError(action, apiError(action, code));
			expect(asError).toEqual({ ...inResult, description: table.failedOperations[code].description });
			expect(inResult.status).toBe(table.failedOperations[code].status);
		}
	});

	test('auth, quota and encryption FailedOperation codes are errors: never an outcome, never billed', () => {
		for (const code of Object.keys(table.errors)) {
			expect(outcomeOfApiError(action, apiError(action, code))).toBeUndefined();
			expect(isBillable(action, code)).toBe(false);
			// In Result, the same code throws the error it stands for.
			const thrown = (() => {
				try {
					outcomeOfResult(action, { Result: code, Description: 'from Tencent', RequestId: 'req-9' });
				} catch (error) {
					return error;
				}
				return undefined;
			})();
			expect(thrown).toBeInstanceOf(TencentCloudError);
			expect(thrown).toMatchObject({ kind: 'api', code, action, requestId: 'req-9', message: 'from Tencent' });
		}
	});

	test('nothing billed is retryable: a retry would pay twice', () => {
		for (const rule of [...Object.values(table.results), ...Object.values(table.failedOperations)]) {
			expect(rule.billable && rule.retryable).toBe(false);
		}
	});

	test('only a match passes; every "failed" verdict is billed (Tencent reached a verdict)', () => {
		const all = { ...table.results, ...table.failedOperations };
		const passed = Object.keys(all).filter((code) => all[code].status === 'passed');
		expect(passed).toEqual([DOCUMENTED_RESULTS[action][0]]);
		for (const rule of Object.values(all).filter((candidate) => candidate.status === 'failed')) {
			expect(rule.billable).toBe(true);
		}
	});
});

describe('the similarity threshold, for the actions that return Sim', () => {
	test('only CheckIdCardInformation and ImageRecognitionV2 return Sim', () => {
		expect(ACTIONS.filter(returnsSimilarity)).toEqual(['CheckIdCardInformation', 'ImageRecognitionV2']);
		expect(DEFAULT_SIMILARITY_THRESHOLD).toBe(70);
	});

	test.each([
		[89.88, undefined, 'passed'],
		[70, undefined, 'passed'],
		[69.99, undefined, 'failed'],
		[65, 60, 'passed'],
		[89.88, 90, 'failed'],
		[0, 0, 'passed'],
	])('Success with Sim %s, threshold %s → %s', (sim, threshold, status) => {
		const outcome = outcomeOfResult('ImageRecognitionV2', { Result: 'Success', Sim: sim, RequestId: 'r' }, { similarityThreshold: threshold });
		expect(outcome).toMatchObject({ status, code: 'Success', similarity: sim, billable: true, retryable: false });
		if (status === 'failed') {
			expect(outcome.description).toBe(`Similarity ${sim} is below the threshold ${threshold ?? 70} (Tencent answered Success)`);
		}
	});

	test('Success without a Sim goes to review: the threshold cannot be checked', () => {
		const outcome = outcomeOfResult('CheckIdCardInformation', { Result: 'Success', Sim: null, RequestId: 'r' });
		expect(outcome.status).toBe('review');
		expect(outcome).not.toHaveProperty('similarity');
	});

	test('CompareLowSimilarity keeps its Sim and stays failed, even under a threshold of 0', () => {
		const outcome = outcomeOfResult(
			'ImageRecognitionV2',
			{ Result: 'FailedOperation.CompareLowSimilarity', Sim: 26.04, RequestId: 'r' },
			{ similarityThreshold: 0 },
		);
		expect(outcome).toMatchObject({ status: 'failed', similarity: 26.04 });
	});

	test('an action without Sim ignores the threshold', () => {
		const outcome = outcomeOfResult('IdCardVerification', { Result: '0', Sim: 10, RequestId: 'r' }, { similarityThreshold: 99 });
		expect(outcome.status).toBe('passed');
	});
});

describe('warnings', () => {
	test('OcrWarningOccurred goes to review with every code spelled out', () => {
		const outcome = outcomeOfResult('CheckIdCardInformation', {
			Result: 'FailedOperation.OcrWarningOccurred',
			Warnings: '-9101|-9102|-9103|-9104|-9105|-9106|-8001',
			Sim: 0,
			RequestId: 'r',
		});
		expect(outcome.status).toBe('review');
		expect(outcome.warnings).toEqual([
			{ code: '-9101', description: 'ID card border incomplete' },
			{ code: '-9102', description: 'ID card photocopy' },
			{ code: '-9103', description: 'ID card re-shot (photo of a screen or of a photo)' },
			{ code: '-9104', description: 'Temporary ID card' },
			{ code: '-9105', description: 'ID card frame occluded' },
			{ code: '-9106', description: 'ID card edited (suspected PS traces)' },
			{ code: '-8001', description: 'Blurry image' },
		]);
	});

	test('a passing answer that still carries warnings goes to review', () => {
		const outcome = outcomeOfResult('CheckIdCardInformation', { Result: 'Success', Sim: 95, Warnings: '-9104', RequestId: 'r' });
		expect(outcome).toMatchObject({ status: 'review', warnings: [{ code: '-9104', description: 'Temporary ID card' }] });
	});

	test('empty Warnings add nothing; an unknown code is kept, marked undocumented', () => {
		expect(outcomeOfResult('CheckIdCardInformation', { Result: 'Success', Sim: 95, Warnings: '', RequestId: 'r' })).not.toHaveProperty('warnings');
		expect(parseWarnings(' -9102 | -9999 ')).toEqual([
			{ code: '-9102', description: 'ID card photocopy' },
			{ code: '-9999', description: 'Warning -9999 (not documented by Tencent)' },
		]);
	});
});
