/**
 * The rules of the asynchronous document check, without network: what each status means, the
 * back sides Tencent requires, the polling plan, and the inline wait loop (fake sleep).
 */
import { TencentCloudError } from '../../lib/tencent/errors';
import type { ResultAnswer } from '../../lib/tencent/pendingVerifications/check';
import {
	cardVerificationCheck,
	cardVerificationTimedOut,
	classifyCardResultFailure,
	DEFAULT_MAX_POLLS,
	isBackSideRequired,
	outcomeOfCardVerification,
	pollingPlan,
} from '../../lib/tencent/pendingVerifications/cardVerification';
import { waitForResult } from '../../lib/tencent/pendingVerifications/inlineWait';

type CardResultRequest = () => Promise<ResultAnswer>;

/** The inline wait with the document check's meaning of answers and failures (its client is never called). */
const documentCheck = cardVerificationCheck('faceid', { call: async () => Promise.reject(new Error('not called')) });
const waitForCardVerification = (options: Omit<Parameters<typeof waitForResult>[0], 'check'>) =>
	waitForResult({ check: documentCheck, ...options });

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

test("the back side is required exactly where the API page's table says so", () => {
	const required = [
		['HKG', 'ID_CARD'],
		['THA', 'DRIVING_LICENSE'],
		['MYS', 'ID_CARD'],
		['MYS', 'DRIVING_LICENSE'],
		['SGP', 'ID_CARD'],
		['SGP', 'DRIVING_LICENSE'],
		['JPN', 'ID_CARD'],
		['TWN', 'ID_CARD'],
	];
	const notRequired = [
		['IDN', 'ID_CARD'],
		['IDN', 'DRIVING_LICENSE'],
		['THA', 'ID_CARD'],
		['JPN', 'DRIVING_LICENSE'],
		['SGP', 'PASSPORT'],
		['AUTO', 'AUTO'],
	];
	for (const [nationality, cardType] of required) expect([nationality, cardType, isBackSideRequired(nationality, cardType)]).toEqual([nationality, cardType, true]);
	for (const [nationality, cardType] of notRequired) expect([nationality, cardType, isBackSideRequired(nationality, cardType)]).toEqual([nationality, cardType, false]);
});

test("the polling plan is Tencent's, capped by the user's limit, with a fallback when Tencent sends none", () => {
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 })).toEqual({ intervalMs: 3000, maxPolls: 20 });
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 }, 5)).toEqual({ intervalMs: 3000, maxPolls: 5 });
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 }, 50)).toEqual({ intervalMs: 3000, maxPolls: 20 });
	expect(pollingPlan({ CardVerificationToken: 't' }, 0, 2)).toEqual({ intervalMs: 2000, maxPolls: DEFAULT_MAX_POLLS });
});

describe('the inline wait', () => {
	const plan = { intervalMs: 1000, maxPolls: 4 };

	function fakeClock() {
		const slept: number[] = [];
		return {
			slept,
			sleep: async (ms: number, signal?: AbortSignal) => {
				if (signal?.aborted) throw new Error('aborted');
				slept.push(ms);
			},
		};
	}

	function answers(...steps: Array<string | Error>): CardResultRequest & { calls: number } {
		const request = async () => {
			const step = steps[Math.min(request.calls++, steps.length - 1)];
			if (step instanceof Error) throw step;
			return { Status: step, RequestId: `r${request.calls}` };
		};
		request.calls = 0;
		return request as CardResultRequest & { calls: number };
	}

	test('asks once per interval until the status is final', async () => {
		const clock = fakeClock();
		const requestResult = answers('PROCESSING', 'PROCESSING', 'REJECTED');
		const result = await waitForCardVerification({ requestResult, plan, sleep: clock.sleep });
		expect(result).toMatchObject({ kind: 'final', polls: 3, response: { Status: 'REJECTED' } });
		expect(clock.slept).toEqual([1000, 1000, 1000]);
	});

	test('stops after the last allowed poll, timed out, with the last answer', async () => {
		const clock = fakeClock();
		const result = await waitForCardVerification({ requestResult: answers('PROCESSING'), plan, sleep: clock.sleep });
		expect(result).toMatchObject({ kind: 'timed-out', polls: 4, response: { Status: 'PROCESSING' } });
	});

	test('a passing network failure uses up its poll; a refusal ends the wait', async () => {
		const clock = fakeClock();
		const transient = new TencentCloudError({ kind: 'network', code: 'ECONNRESET', action: 'x', message: 'reset' });
		expect(await waitForCardVerification({ requestResult: answers(transient, 'PASSED'), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'final',
			polls: 2,
		});
		expect(await waitForCardVerification({ requestResult: answers('PROCESSING', apiError('InvalidParameterValue')), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'refused',
			polls: 2,
			response: { Status: 'PROCESSING' },
		});
		expect(await waitForCardVerification({ requestResult: answers(apiError('AuthFailure.SecretIdNotFound')), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'unreachable',
			polls: 1,
		});
	});

	test('a cancelled execution stops the wait before the next request', async () => {
		const controller = new AbortController();
		const clock = fakeClock();
		const requestResult = answers('PROCESSING');
		const wrapped: CardResultRequest = async () => {
			const answer = await requestResult();
			controller.abort();
			return answer;
		};
		const result = await waitForCardVerification({ requestResult: wrapped, plan, sleep: clock.sleep, signal: controller.signal });
		expect(result).toMatchObject({ kind: 'cancelled', polls: 1 });
		expect(requestResult.calls).toBe(1);
	});
});
