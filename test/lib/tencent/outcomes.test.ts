/** What a Result code or a verdict sent as Response.Error means for an item: status, billing, retry, description. */
import { TencentCloudError, type TencentErrorKind } from '../../../lib/tencent/errors';
import { isBillable, outcomeOfApiError, outcomeOfResult } from '../../../lib/tencent/outcomes';
import { OUTCOME_TABLES } from '../../../lib/tencent/catalogue';

const ACTION = 'IdCardVerification';

function apiError(code: string, kind: TencentErrorKind = 'api'): TencentCloudError {
	return new TencentCloudError({ kind, code, message: `${code} happened`, action: ACTION, requestId: 'req-err', httpStatus: 200 });
}

describe('IdCardVerification results', () => {
	test.each([
		['0', 'passed', true, false],
		['-1', 'failed', true, false],
		['-2', 'review', false, false],
		['-3', 'review', false, false],
		['-4', 'review', false, true],
		['-5', 'review', false, false],
		['-6', 'review', false, true],
		['-7', 'review', false, true],
	] as const)('Result "%s" → %s, billable %s, retryable %s', (code, status, billable, retryable) => {
		const outcome = outcomeOfResult(ACTION, { Result: code, Description: 'from Tencent', RequestId: 'req-1' });
		expect(outcome).toEqual({
			status,
			code,
			description: expect.any(String),
			billable,
			retryable,
			requestId: 'req-1',
		});
		expect(outcome.description.length).toBeGreaterThan(0);
		expect(isBillable(ACTION, code)).toBe(billable);
	});

	test('the table covers exactly "0" and "-1" … "-7"', () => {
		expect(Object.keys(OUTCOME_TABLES[ACTION].results).sort()).toEqual(['-1', '-2', '-3', '-4', '-5', '-6', '-7', '0']);
	});

	test('only "0" and "-1" are billed', () => {
		const billed = Object.entries(OUTCOME_TABLES[ACTION].results)
			.filter(([, rule]) => rule.billable)
			.map(([code]) => code)
			.sort();
		expect(billed).toEqual(['-1', '0']);
	});

	test('an unknown code goes to review and counts as billed (conservative)', () => {
		const outcome = outcomeOfResult(ACTION, { Result: '-99', RequestId: 'req-2' });
		expect(outcome.status).toBe('review');
		expect(outcome.billable).toBe(true);
		expect(outcome.retryable).toBe(false);
		expect(outcome.code).toBe('-99');
		expect(outcome.requestId).toBe('req-2');
		expect(outcome.description).toContain('-99');
		expect(isBillable(ACTION, '-99')).toBe(true);
	});

	test("an unknown code keeps Tencent's description when there is one", () => {
		expect(outcomeOfResult(ACTION, { Result: '-8', Description: '新的结果', RequestId: 'r' }).description).toBe('新的结果');
	});

	test('a numeric Result is read as its string code', () => {
		const outcome = outcomeOfResult(ACTION, { Result: -4, RequestId: 'r' });
		expect(outcome.code).toBe('-4');
		expect(outcome.retryable).toBe(true);
		expect(outcome.billable).toBe(false);
	});

	test('an action without a table: every result goes to review, billed', () => {
		const outcome = outcomeOfResult('SomeOtherAction', { Result: '0', RequestId: 'r' });
		expect(outcome.status).toBe('review');
		expect(outcome.billable).toBe(true);
		expect(isBillable('SomeOtherAction', '0')).toBe(true);
	});
});

describe('outcomeOfApiError', () => {
	test.each([
		'AuthFailure.SignatureFailure',
		'AuthFailure.SignatureExpire',
		'AuthFailure.SecretIdNotFound',
		'RequestLimitExceeded',
		'InvalidParameterValue',
		'InternalError',
	])('%s is an error, not an outcome', (code) => {
		expect(outcomeOfApiError(ACTION, apiError(code))).toBeUndefined();
	});

	test.each([
		['network', 'ECONNREFUSED'],
		['network', 'RequestAborted'],
		['timeout', 'UND_ERR_HEADERS_TIMEOUT'],
		['http', 'HTTP502'],
		['invalid-response', 'InvalidResponse.Schema'],
	] as const)('a %s error (%s) is never an outcome', (kind, code) => {
		expect(outcomeOfApiError(ACTION, apiError(code, kind))).toBeUndefined();
	});

	test('a verdict code carried as Response.Error is an outcome; only for kind api', () => {
		// Not a realistic IdCardVerification error code, but it shows the lookup path works, so the
		// undefined answers above are not vacuous.
		expect(outcomeOfApiError(ACTION, apiError('-1'))).toEqual({
			status: 'failed',
			code: '-1',
			description: expect.any(String),
			billable: true,
			retryable: false,
			requestId: 'req-err',
		});
		expect(outcomeOfApiError(ACTION, apiError('-1', 'http'))).toBeUndefined();
	});
});
