/**
 * The verdict tables of every action definition (lib/tencent/actions/<ActionName>.ts), checked
 * together against Tencent's API pages, and the shared vocabulary they are built from
 * (lib/tencent/actions/verdicts.ts): every documented Result and FailedOperation.* code has a
 * meaning, errors stay errors, the similarity threshold and the warnings behave, nothing billed is
 * ever marked retryable, and the document-check steps, whose verdict is a Status, cover theirs.
 */
import { TencentCloudError } from '../../../../lib/tencent/errors';
import { parseWarnings } from '../../../../lib/tencent/actions/CheckIdCardInformation';
import { LIVENESS_RESULTS } from '../../../../lib/tencent/actions/liveness';
import { parseMonthsInUse } from '../../../../lib/tencent/actions/MobileNetworkTimeVerification';
import {
	DEFAULT_SIMILARITY_THRESHOLD,
	isBillable,
	outcomeOfApiError,
	outcomeOfResult,
	returnsSimilarity,
} from '../../../../lib/tencent/outcomes';
import { ACTIONS, OUTCOME_TABLES } from '../../../../lib/tencent/catalogue';
import { failedOperationErrors, failedOperations, NAME_AND_ID_NUMBER_RESULTS, rule, SIMILARITY_RESULTS } from '../../../../lib/tencent/actions/verdicts';
import { outcomeOfCardVerification } from '../../../../lib/tencent/pendingVerifications/cardVerification/statuses';
import { outcomeOfHostedResult } from '../../../../lib/tencent/pendingVerifications/hostedVerification/results';

/** "-1", "-2", … down to `last`. */
function codesDown(first: number, last: number): string[] {
	return Array.from({ length: first - last + 1 }, (_, index) => String(first - index));
}

/** The FailedOperation.* codes each API page lists (error-code table, plus codes shown in its Result examples). */
const LIVENESS_ERROR_LIST = ['ActionCloseEye', 'ActionFaceClose', 'ActionFaceFar', 'ActionFaceLeft', 'ActionFaceRight', 'ActionFirstAction', 'ActionLightDark', 'ActionLightStrong', 'ActionNodetectFace', 'ActionOpenMouth', 'CompareFail', 'CompareLowSimilarity', 'CompareSystemError', 'CompressVideoError', 'DownLoadError', 'DownLoadTimeoutError', 'LifePhotoDetectFaces', 'LifePhotoDetectFake', 'LifePhotoDetectNoFaces', 'LifePhotoPoorQuality', 'LifePhotoSizeError', 'LipFaceIncomplete', 'LipMoveSmall', 'LipNetFailed', 'LipSizeError', 'LipVideoInvalid', 'LipVideoQuaility', 'LipVoiceDetect', 'LipVoiceLow', 'LipVoiceRecognize', 'LivessBestFrameError', 'LivessDetectFail', 'LivessDetectFake', 'LivessSystemError', 'LivessUnknownError', 'SilentDetectFail', 'SilentEyeLiveFail', 'SilentFaceDetectFail', 'SilentFaceQualityFail', 'SilentFaceWithMaskFail', 'SilentMouthLiveFail', 'SilentMultiFaceFail', 'SilentPictureLiveFail', 'SilentThreshold', 'SilentTooShort', 'UnKnown'];

const DOCUMENTED_FAILED_OPERATIONS: Record<string, string[]> = {
	IdCardVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	BankCard4EVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	BankCardVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	BankCard2EVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	MobileStatus: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	MobileNetworkTimeVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	CheckPhoneAndName: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	PhoneVerification: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	CheckBankCardInformation: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	CheckIdNameDate: ['DecryptSystemError', 'StsUnAuthErrError', 'UnKnown'],
	// Tencent's liveness comparison error list, the same on both sites.
	LivenessCompare: LIVENESS_ERROR_LIST,
	CompareFaceLiveness: LIVENESS_ERROR_LIST,
	DetectAIFakeFaces: [
		'CoveredFace', 'DetectEngineSystemError', 'ImageDecodeFailed', 'IncompleteFace', 'PoorImageQuality', 'UnKnown', 'VideoDecodeFailed',
		'VideoDurationExceeded',
	],
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
	BankCard4EVerification: ['0', ...codesDown(-1, -21)],
	BankCardVerification: ['0', ...codesDown(-1, -20)],
	BankCard2EVerification: ['0', ...codesDown(-1, -18)],
	MobileStatus: ['0', '-1', '-2', '-3', '-4', '-13'],
	MobileNetworkTimeVerification: ['0', '-1', '-2', '-3', '-4', '-5', '-13'],
	// A mismatch is "1" here.
	CheckPhoneAndName: ['0', '1', '-1', '-2', '-3', '-4', '-5', '-6', '-13'],
	PhoneVerification: ['0', '-4', '-6', '-7', '-8', '-9', '-11', '-12', '-13'],
	CheckBankCardInformation: ['0', '-1', '-2', '-3', '-4', '-5', '-6'],
	CheckIdNameDate: ['0', ...codesDown(-1, -8)],
	LivenessCompare: ['Success'],
	CompareFaceLiveness: ['Success'],
	// Its verdict is AttackRiskLevel.
	DetectAIFakeFaces: ['Low', 'Mid', 'High'],
};

/** What the pages of the phone checks, the card lookup and the validity check list as billed (收费); every other code is not billed. */
const PHONE_BILLED: Record<string, string[]> = {
	MobileStatus: ['0'],
	MobileNetworkTimeVerification: ['0', '-2', '-3'],
	CheckPhoneAndName: ['0', '1'],
	PhoneVerification: ['0', '-4'],
	CheckBankCardInformation: ['0', '-1', '-5'],
	CheckIdNameDate: ['0', '-1'],
};

/**
 * The "limit reached, retry tomorrow" code of each element check (Tencent's per-identity caps):
 * Review, not billed, never sent again by the node, worth asking again another day.
 */
const DAILY_LIMIT_CODES: Record<string, string> = {
	IdCardOCRVerification: '-7',
	BankCard4EVerification: '-19',
	BankCardVerification: '-18',
	BankCard2EVerification: '-17',
	CheckBankCardInformation: '-4',
	PhoneVerification: '-12',
	MobileStatus: '-4',
	MobileNetworkTimeVerification: '-5',
	CheckPhoneAndName: '-6',
	CheckIdNameDate: '-8',
};

test.each(Object.entries(DAILY_LIMIT_CODES))('%s: its daily-limit code %s goes to Review, not billed, to ask again tomorrow', (action, code) => {
	const found = OUTCOME_TABLES[action].results[code];
	expect(found).toMatchObject({ status: 'review', billable: false, retryable: true });
	expect(found.description).toMatch(/tomorrow/);
	expect(isBillable(action, code)).toBe(false);
});

/**
 * The bank-card checks' pages list their codes as billed (收费) and not billed (不收费); the other
 * codes of each page are billed. The "limit reached, retry tomorrow" code of each.
 */
const BANK_CARD_PAGES: Record<string, { notBilled: string[]; dailyLimit: string }> = {
	BankCard4EVerification: { notBilled: ['-2', '-3', '-4', '-5', '-18', '-19', '-20'], dailyLimit: '-19' },
	BankCardVerification: { notBilled: ['-2', '-3', '-4', '-17', '-18', '-19'], dailyLimit: '-18' },
	BankCard2EVerification: { notBilled: ['-2', '-3', '-16', '-17'], dailyLimit: '-17' },
};

/**
 * The document check's steps: the start step answers with a token, not a verdict; the result
 * step's verdict is its Status (the values its API page and Tencent's SDKs list).
 */
const DOCUMENT_CHECK_STEPS: Record<string, { starts: string } | { statuses: string[] }> = {
	ApplyCardVerification: { starts: 'faceid' },
	ApplyCardVerificationExternal: { starts: 'ocr' },
	GetCardVerificationResult: { statuses: ['PASSED', 'WARNING', 'REJECTED', 'PROCESSING'] },
	GetCardVerificationExternalResult: { statuses: ['PROCESSING', 'ABNORMAL', 'COMPLETED'] },
};

/**
 * The hosted verifications' steps: the start hands out a token and a link; the result's verdict is
 * its flow's code (the international ErrorCode, China's Text.ErrCode), from each flow's error-code page.
 */
const HOSTED_STEPS: Record<string, { flow: 'webVerification' | 'detectAuth'; step: 'start' | 'result'; link?: string }> = {
	ApplyWebVerificationBizTokenIntl: { flow: 'webVerification', step: 'start', link: 'VerificationURL' },
	GetWebVerificationResultIntl: { flow: 'webVerification', step: 'result' },
	DetectAuth: { flow: 'detectAuth', step: 'start', link: 'Url' },
	GetDetectInfoEnhanced: { flow: 'detectAuth', step: 'result' },
};

const RESULT_CODE_ACTIONS = Object.keys(DOCUMENTED_RESULTS);

describe.each(Object.entries(HOSTED_STEPS))('%s', (name, { flow, step, link }) => {
	const definition = ACTIONS.find((action) => action.name === name)!;
	const answer = (code: number | null) => (flow === 'webVerification' ? { ErrorCode: code, RequestId: 'r' } : { Text: { ErrCode: code }, RequestId: 'r' });

	test(`is the ${step} of the ${flow} flow, without a Result table`, () => {
		expect(definition.pendingCheck).toEqual({ kind: flow, step });
		expect(OUTCOME_TABLES[name]).toBeUndefined();
		if (link) {
			expect(definition.responseSchema.safeParse({ BizToken: 'T', [link]: 'https://x', RequestId: 'r' }).success).toBe(true);
			expect(definition.responseSchema.safeParse({ [link]: 'https://x', RequestId: 'r' }).success).toBe(false);
		} else {
			expect(definition.responseSchema.safeParse(answer(0)).success).toBe(true);
		}
	});

	if (step === 'result') {
		test('0 passes and is billed; a spoof fails; abandoned, timed-out and expired verifications go to Review, retryable and free', () => {
			expect(outcomeOfHostedResult(flow, answer(0))).toMatchObject({ status: 'passed', code: '0', billable: true, retryable: false });
			expect(outcomeOfHostedResult(flow, answer(1002))).toMatchObject({ status: 'failed', code: '1002', retryable: false });
			const abandoned = flow === 'webVerification' ? [15, 1409, 1410] : [15, 16];
			for (const code of abandoned) {
				expect([code, outcomeOfHostedResult(flow, answer(code))]).toEqual([code, expect.objectContaining({ status: 'review', billable: false, retryable: true })]);
			}
			// Still in progress: not a verdict, asked again.
			expect(outcomeOfHostedResult(flow, answer(null))).toMatchObject({ status: 'review', code: 'IN_PROGRESS', retryable: true });
			// An undocumented code goes to a human, counted as billed so nobody re-buys it unknowingly.
			expect(outcomeOfHostedResult(flow, answer(9876))).toMatchObject({ status: 'review', code: '9876', billable: true, retryable: false });
		});
	}
});

test('China: 17 ("this flow is not finished") is not a verdict; a mismatched name, a low similarity and a spoof are billed failures', () => {
	expect(outcomeOfHostedResult('detectAuth', { Text: { ErrCode: 17 } })).toMatchObject({ code: 'IN_PROGRESS' });
	for (const code of [2006, 2016, 1002]) {
		expect([code, outcomeOfHostedResult('detectAuth', { Text: { ErrCode: code } })]).toEqual([code, expect.objectContaining({ status: 'failed', billable: true })]);
	}
	// The international web flow bills nothing but success: its spoof verdict is free.
	expect(outcomeOfHostedResult('webVerification', { ErrorCode: 1002 })).toMatchObject({ status: 'failed', billable: false });
});

test('every definition of the catalogue is checked here: a Result-code table, a document-check step or a hosted step', () => {
	expect([...RESULT_CODE_ACTIONS, ...Object.keys(DOCUMENT_CHECK_STEPS), ...Object.keys(HOSTED_STEPS)].sort()).toEqual(
		ACTIONS.map((action) => action.name).sort(),
	);
	for (const action of ACTIONS) {
		// A verdict comes from a Result table or from the check's Status, never both.
		expect([action.name, action.outcomes === undefined]).toEqual([action.name, action.pendingCheck !== undefined]);
	}
});

function apiError(action: string, code: string): TencentCloudError {
	return new TencentCloudError({ kind: 'api', code, message: code, action, requestId: 'req-1', httpStatus: 200 });
}

describe.each(RESULT_CODE_ACTIONS)('%s', (action) => {
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
			// In the field that holds the action's verdict: Result, or AttackRiskLevel for the AI-attack check.
			const inResult = outcomeOfResult(action, { [table.verdictField ?? 'Result']: code, RequestId: 'req-1' });
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

describe.each(Object.entries(BANK_CARD_PAGES))('%s: billing as its own page lists it', (action, page) => {
	const { results } = OUTCOME_TABLES[action];

	test('each code billed or not as the page says; only "0" passes', () => {
		for (const [code, verdict] of Object.entries(results)) {
			expect([code, verdict.billable]).toEqual([code, !page.notBilled.includes(code)]);
		}
		expect(Object.keys(results).filter((code) => results[code].status === 'passed')).toEqual(['0']);
	});

	test('the daily limit goes to Review, not billed, to ask again tomorrow', () => {
		expect(results[page.dailyLimit]).toMatchObject({ status: 'review', billable: false, retryable: true });
		expect(results[page.dailyLimit].description).toMatch(/tomorrow/);
	});
});

describe.each(Object.entries(PHONE_BILLED))('%s: billing as its page lists it', (action, billed) => {
	test('billed exactly the codes the page lists as billed', () => {
		const { results } = OUTCOME_TABLES[action];
		expect(Object.keys(results).filter((code) => results[code].billable).sort()).toEqual([...billed].sort());
	});
});

describe('verdicts decided with another field of the answer', () => {
	const status = (StatusCode: unknown) => outcomeOfResult('MobileStatus', { Result: '0', StatusCode, RequestId: 'r' });

	test('MobileStatus: in service passes; suspended, cancelled, off the network fail; unusable or unknown go to review', () => {
		expect([0, 1, 2, 4, 5, 99].map((code) => status(code).status)).toEqual(['passed', 'failed', 'failed', 'failed', 'review', 'review']);
		expect(status(1)).toMatchObject({ code: '0', billable: true, description: 'The number is suspended' });
		// A status Tencent has not documented, or none at all, goes to a human.
		expect(status(3)).toMatchObject({ status: 'review', description: 'Status code 3 is not documented' });
		expect(status(undefined).status).toBe('review');
		// Codes that are not a successful query keep their own verdict.
		expect(outcomeOfResult('MobileStatus', { Result: '-4', StatusCode: 0, RequestId: 'r' })).toMatchObject({ status: 'review', retryable: true });
	});

	const months = (Range: unknown, minimumMonthsInUse?: number) =>
		outcomeOfResult('MobileNetworkTimeVerification', { Result: '0', Range, RequestId: 'r' }, { minimumMonthsInUse });

	test('MobileNetworkTimeVerification: passes from the minimum months on (default 6); under it, or a range that straddles it, goes to review', () => {
		expect(months('(24,+]')).toMatchObject({ status: 'passed', description: 'In use for more than 24 months (minimum 6)' });
		expect(months('[6,12)')).toMatchObject({ status: 'passed', description: 'In use for at least 6 and under 12 months (minimum 6)' });
		expect(months('[0,3)')).toMatchObject({ status: 'review', description: 'In use for at least 0 and under 3 months, under the minimum of 6' });
		expect(months('[3,6)').status).toBe('review');
		// Up to and with 6 months may reach the minimum: Tencent's range cannot tell.
		expect(months('(3,6]').description).toBe("In use for more than 3 and up to 6 months: Tencent's range does not tell whether it reaches the minimum of 6");
		expect(months('[3,12)').status).toBe('review');
		expect(months('[3,12)', 3).status).toBe('passed');
		expect(months('[0,3)', 0).status).toBe('passed');
		expect(months(undefined)).toMatchObject({ status: 'review', billable: true });
		expect(months('3 months').status).toBe('review');
	});

	test("Tencent's Range reads with either bracket: [a,b) as the page writes it, (24,+] as its examples do", () => {
		expect(parseMonthsInUse('[6,12)')).toEqual({ from: 6, fromIncluded: true, to: 12, toIncluded: false });
		expect(parseMonthsInUse(' (24, +] ')).toEqual({ from: 24, fromIncluded: false, toIncluded: true });
		expect(parseMonthsInUse('[6,12')).toBeUndefined();
		expect(parseMonthsInUse(12)).toBeUndefined();
	});
});

test('one number, other meanings: "-4" is a bad card number (not billed) in the four-element check and wrong holder details (billed) in the two-element one', () => {
	expect(OUTCOME_TABLES.BankCard4EVerification.results['-4']).toMatchObject({ status: 'review', billable: false });
	expect(OUTCOME_TABLES.BankCard2EVerification.results['-4']).toMatchObject({ status: 'failed', billable: true });
});

describe('the similarity threshold, for the actions that return Sim', () => {
	test('only CheckIdCardInformation, ImageRecognitionV2 and the two liveness comparisons return Sim', () => {
		expect(RESULT_CODE_ACTIONS.filter(returnsSimilarity)).toEqual(['CheckIdCardInformation', 'ImageRecognitionV2', 'LivenessCompare', 'CompareFaceLiveness']);
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

describe.each(Object.entries(DOCUMENT_CHECK_STEPS))('%s', (name, step) => {
	const definition = ACTIONS.find((action) => action.name === name)!;

	test('has no Result table: its verdict is not a Result code', () => {
		expect(definition.outcomes).toBeUndefined();
		expect(OUTCOME_TABLES[name]).toBeUndefined();
	});

	if ('starts' in step) {
		test('starts its generation\'s check and answers with a token', () => {
			expect(definition.pendingCheck).toEqual({ kind: step.starts, step: 'start' });
			expect(definition.responseSchema.safeParse({ CardVerificationToken: 'tok', RequestId: 'r' }).success).toBe(true);
			expect(definition.responseSchema.safeParse({ RequestId: 'r' }).success).toBe(false);
		});
	} else {
		test('every documented Status has a documented meaning, and the answer carrying it is accepted', () => {
			expect(definition.pendingCheck?.step).toBe('result');
			for (const status of step.statuses) {
				expect(definition.responseSchema.safeParse({ Status: status, RequestId: 'r' }).success).toBe(true);
				const outcome = outcomeOfCardVerification({ Status: status });
				expect([status, outcome.description]).not.toEqual([status, expect.stringContaining('not documented')]);
				expect(outcome.billable).toBe(true);
			}
			// Only PROCESSING is worth asking again.
			expect(step.statuses.filter((status) => outcomeOfCardVerification({ Status: status }).retryable)).toEqual(['PROCESSING']);
		});
	}
});

describe('the shared vocabulary (verdicts.ts)', () => {
	test('a code picked by name gets the FailedOperation. prefix; a misspelled one fails at load, naming it', () => {
		expect(Object.keys(failedOperations('ImageBlur', 'OcrFailed'))).toEqual(['FailedOperation.ImageBlur', 'FailedOperation.OcrFailed']);
		expect(Object.keys(failedOperationErrors('StsUnAuthErrError'))).toEqual(['FailedOperation.StsUnAuthErrError']);
		expect(() => failedOperations('ImageBlurr')).toThrow('verdicts: no rule for FailedOperation.ImageBlurr');
		expect(() => failedOperationErrors('ImageBlur')).toThrow('verdicts: no rule for FailedOperation.ImageBlur');
		expect(() => failedOperations('StsUnAuthErrError')).toThrow(/StsUnAuthErrError/);
	});

	test('a FailedOperation or error code means the same in every action that returns it', () => {
		const byCode = new Map<string, unknown>();
		for (const action of RESULT_CODE_ACTIONS) {
			const table = OUTCOME_TABLES[action];
			for (const [code, meaning] of Object.entries({ ...table.failedOperations, ...table.errors })) {
				if (byCode.has(code)) expect([action, code, meaning]).toEqual([action, code, byCode.get(code)]);
				byCode.set(code, meaning);
			}
		}
		expect(OUTCOME_TABLES.IdCardVerification.results).toBe(NAME_AND_ID_NUMBER_RESULTS);
		expect(OUTCOME_TABLES.IdCardOCRVerification.results).toBe(NAME_AND_ID_NUMBER_RESULTS);
		expect(OUTCOME_TABLES.ImageRecognitionV2.results).toBe(SIMILARITY_RESULTS);
	});

	test('the tables that carry Sim are exactly the ones built on "Success": the photo comparisons\' or the liveness comparisons\'', () => {
		for (const action of RESULT_CODE_ACTIONS) {
			const { results } = OUTCOME_TABLES[action];
			expect([action, OUTCOME_TABLES[action].similarity]).toEqual([action, results === SIMILARITY_RESULTS || results === LIVENESS_RESULTS]);
		}
	});

	test('rule() keeps its four fields', () => {
		expect(rule('review', false, true, 'try later')).toEqual({ status: 'review', billable: false, retryable: true, description: 'try later' });
	});
});

describe('descriptions from another field of the answer', () => {
	test("CheckBankCardInformation: a found card's description names its kind and bank; the verdict stays Passed", () => {
		const found = (AccountType: unknown, AccountBank?: string) =>
			outcomeOfResult('CheckBankCardInformation', { Result: '0', AccountType, AccountBank, RequestId: 'r' });
		expect(found(1, '招商银行')).toMatchObject({ status: 'passed', billable: true, description: 'The card was found: debit card issued by 招商银行' });
		expect(found(4).description).toBe('The card was found: semi-credit card');
		expect(found(9, '招商银行').description).toBe('The card was found: a card of an undocumented kind issued by 招商银行');
		expect(found(undefined).description).toBe('The card was found');
		expect(outcomeOfResult('CheckBankCardInformation', { Result: '-5', AccountType: 1, RequestId: 'r' })).toMatchObject({ status: 'failed', billable: true, description: 'Invalid card number' });
	});

	test('PhoneVerification: a detailed mismatch says which elements differ; an unknown detail keeps the plain one', () => {
		const mismatch = (ResultDetail: unknown) => outcomeOfResult('PhoneVerification', { Result: '-4', ResultDetail, RequestId: 'r' });
		expect(mismatch('PhoneNameMismatch')).toMatchObject({ status: 'failed', billable: true, description: 'The number is registered to this ID number but another name' });
		expect(mismatch('NameIdCardMismatch').description).toBe('The name and the ID number do not belong together');
		expect(mismatch('SomethingNew').description).toBe('The number, name and ID number do not match');
		expect(mismatch(undefined).description).toBe('The number, name and ID number do not match');
	});
});
