/**
 * What a document check's result means, without network: each Status (either API generation, any
 * spelling), the warnings, and the outcomes the package gives itself when there is no final Status
 * (timed out, interrupted Apply, refused token, unfinished wait), and what a failed result request
 * means for the token.
 */
import { TencentCloudError } from '../../../../../lib/tencent/errors';
import {
	CARD_VERIFICATION_APPLY_INTERRUPTED,
	CARD_VERIFICATION_TIMED_OUT,
	CARD_WARNINGS,
	cardVerificationApplyInterrupted,
	cardVerificationRefused,
	cardVerificationTimedOut,
	cardVerificationUnfinished,
	classifyCardResultFailure,
	isFinalCardVerificationStatus,
	outcomeOfCardVerification,
	parseCardWarnings,
} from '../../../../../lib/tencent/pendingVerifications/cardVerification/statuses';

const apiError = (code: string) => new TencentCloudError({ kind: 'api', code, action: 'GetCardVerificationResult', message: code });

describe('outcome of a result', () => {
	test.each([
		['PASSED', 'passed', false],
		['Passed', 'passed', false],
		['passed', 'passed', false],
		['REJECTED', 'failed', false],
		['Rejected', 'failed', false],
		['WARNING', 'review', false],
		['Warning', 'review', false],
		['PROCESSING', 'review', true],
		['COMPLETED', 'passed', false],
		['ABNORMAL', 'review', false],
	])('Status %s → %s (retryable %s), compared case-insensitively, always billable', (status, expected, retryable) => {
		const outcome = outcomeOfCardVerification({ Status: status, RequestId: 'req-1' });
		expect(outcome).toMatchObject({ status: expected, code: status.toUpperCase(), billable: true, retryable, requestId: 'req-1' });
	});

	test('warnings are spelled out, and a passing status with warnings goes to review', () => {
		const outcome = outcomeOfCardVerification({ Status: 'COMPLETED', WarnInfo: ['FakeSuspected', 'Glare on the hologram'] });
		expect(outcome).toMatchObject({
			status: 'review',
			warnings: [
				{ code: 'FakeSuspected', description: 'The card or the information on it was edited or altered' },
				{ code: 'Glare on the hologram', description: 'Glare on the hologram' },
			],
		});
		expect(outcome.description).toBe(
			'The document check completed, with warnings: The card or the information on it was edited or altered; Glare on the hologram',
		);
		expect(outcomeOfCardVerification({ Status: 'PASSED', WarnInfo: [] }).status).toBe('passed');
	});

	test('an undocumented status goes to a human and counts as billed', () => {
		expect(outcomeOfCardVerification({ Status: 'ON_HOLD' })).toMatchObject({
			status: 'review',
			code: 'ON_HOLD',
			billable: true,
			description: 'Status "ON_HOLD" is not documented for document verification',
		});
	});

	test('a timed-out wait is Review, billable, and worth asking again', () => {
		expect(cardVerificationTimedOut({ polls: 3, waitedMs: 15_400 })).toMatchObject({ status: 'review', code: 'TIMED_OUT', retryable: true, billable: true });
	});

	test.each([
		['RequestLimitExceeded', 'transient'],
		['InternalError', 'transient'],
		['FailedOperation.UnKnowError', 'transient'],
		['AuthFailure.SignatureFailure', 'configuration'],
		['UnauthorizedOperation.Nonactivated', 'configuration'],
		['ResourceUnavailable.InArrears', 'configuration'],
		['UnsupportedRegion', 'configuration'],
		['InvalidParameterValue', 'token'],
		['InvalidParameter', 'token'],
		['MissingParameter', 'token'],
	])('a failed result request with %s is %s', (code, expected) => {
		expect(classifyCardResultFailure(apiError(code))).toBe(expected);
	});

	test('network trouble and timeouts are transient', () => {
		expect(classifyCardResultFailure(new TencentCloudError({ kind: 'timeout', code: 'ETIMEDOUT', action: 'x', message: 'x' }))).toBe('transient');
		expect(classifyCardResultFailure(new TencentCloudError({ kind: 'http', code: 'HTTP502', action: 'x', message: 'x' }))).toBe('transient');
	});
});

describe('warnings', () => {
	test('the OCR codes are spelled out, free text describes itself, blanks and non-text are dropped', () => {
		expect(parseCardWarnings(['PaperCopy', ' TooManyCards ', '', '   ', 7, null, 'Hologram missing'])).toEqual([
			{ code: 'PaperCopy', description: CARD_WARNINGS.PaperCopy },
			{ code: 'TooManyCards', description: CARD_WARNINGS.TooManyCards },
			{ code: 'Hologram missing', description: 'Hologram missing' },
		]);
	});

	test('WarnInfo that is not a list gives no warnings', () => {
		expect(parseCardWarnings(undefined)).toEqual([]);
		expect(parseCardWarnings(null)).toEqual([]);
		expect(parseCardWarnings('PaperCopy')).toEqual([]);
	});

	test('a failing or reviewed status keeps its status when it carries warnings, and lists them', () => {
		const rejected = outcomeOfCardVerification({ Status: 'REJECTED', WarnInfo: ['FakeSuspected'] });
		expect(rejected).toMatchObject({ status: 'failed', code: 'REJECTED', warnings: [{ code: 'FakeSuspected' }] });
		expect(rejected.description).toBe(`Tencent rejected the document: ${CARD_WARNINGS.FakeSuspected}`);
		expect(outcomeOfCardVerification({ Status: 'ABNORMAL', WarnInfo: ['OtherWarning'] }).status).toBe('review');
	});

	test('a result without warnings has no warnings field; spaces around the status are ignored', () => {
		const outcome = outcomeOfCardVerification({ Status: ' passed ', RequestId: 'r-2' });
		expect(outcome).not.toHaveProperty('warnings');
		expect(outcome).toMatchObject({ status: 'passed', code: 'PASSED', requestId: 'r-2' });
	});

	test('a missing or non-text Status is undocumented: Review', () => {
		expect(outcomeOfCardVerification({})).toMatchObject({ status: 'review', code: '', billable: true });
		expect(outcomeOfCardVerification({ Status: 3 })).toMatchObject({ status: 'review', code: '' });
	});
});

describe('final statuses', () => {
	test.each([
		['PASSED', true],
		['REJECTED', true],
		['WARNING', true],
		['COMPLETED', true],
		['ABNORMAL', true],
		['ON_HOLD', true],
		['PROCESSING', false],
		['processing', false],
		[' Processing ', false],
	])('%s is final: %s', (status, final) => {
		expect(isFinalCardVerificationStatus(status)).toBe(final);
	});

	test('an answer without a text Status is not final: asking again may give one', () => {
		expect(isFinalCardVerificationStatus(undefined)).toBe(false);
		expect(isFinalCardVerificationStatus(1)).toBe(false);
	});
});

describe('outcomes without a final status', () => {
	test('timed out: the polls and the seconds waited, rounded, and the way to ask again', () => {
		const outcome = cardVerificationTimedOut({ polls: 3, waitedMs: 15_400, requestId: 'r-9' });
		expect(outcome).toMatchObject({ code: CARD_VERIFICATION_TIMED_OUT, requestId: 'r-9' });
		expect(outcome.description).toBe(
			'Tencent was still processing the document after 3 poll(s) over 15 s; ask for the result again with the token (operation "Get Card Verification Result")',
		);
		expect(cardVerificationTimedOut({ polls: 1, waitedMs: 1_600 }).description).toContain('after 1 poll(s) over 2 s');
	});

	test('an interrupted Apply is Review, counted as billed, and not worth asking again (there is no token)', () => {
		expect(cardVerificationApplyInterrupted()).toMatchObject({
			status: 'review',
			code: CARD_VERIFICATION_APPLY_INTERRUPTED,
			billable: true,
			retryable: false,
		});
		expect(cardVerificationApplyInterrupted().description).toMatch(/billed/);
	});

	test("a refused token is final Review with Tencent's code, message and RequestId", () => {
		const error = new TencentCloudError({
			kind: 'api',
			code: 'InvalidParameterValue',
			action: 'GetCardVerificationResult',
			message: 'The token has expired',
			requestId: 'r-5',
		});
		expect(cardVerificationRefused(error)).toEqual({
			status: 'review',
			code: 'InvalidParameterValue',
			description: 'Tencent refused the result request for this token: The token has expired',
			billable: true,
			retryable: false,
			requestId: 'r-5',
		});
	});

	test('an unfinished wait is Review with the code and description given, worth asking again', () => {
		expect(cardVerificationUnfinished('CANCELLED', 'The execution was cancelled', 'r-1')).toEqual({
			status: 'review',
			code: 'CANCELLED',
			description: 'The execution was cancelled',
			billable: true,
			retryable: true,
			requestId: 'r-1',
		});
	});
});

describe('what a failed result request means for the token', () => {
	test.each([
		['ServiceUnavailable', 'transient'],
		['FailedOperation.UnKnown', 'transient'],
		['RequestLimitExceeded.UinLimitExceeded', 'transient'],
		['OperationDenied', 'configuration'],
		['UnauthorizedOperation', 'configuration'],
		['InvalidParameterValue.Region', 'configuration'],
		['ResourceUnavailable.ResourcePackageRunOut', 'configuration'],
		['FailedOperation.UnOpenError', 'configuration'],
		['FailedOperation.UnKnownToken', 'token'],
		['ResourceUnavailable.Other', 'token'],
		['InternalErrorX', 'token'],
	])('%s is %s (codes match whole, or by a dotted prefix)', (code, expected) => {
		expect(classifyCardResultFailure(apiError(code))).toBe(expected);
	});

	test('anything not answered by Tencent is transient, even a plain Error', () => {
		expect(classifyCardResultFailure(new Error('socket hang up'))).toBe('transient');
		expect(classifyCardResultFailure(new TencentCloudError({ kind: 'invalid-response', code: 'InvalidResponse.NotJson', action: 'x', message: 'x' }))).toBe(
			'transient',
		);
	});
});
