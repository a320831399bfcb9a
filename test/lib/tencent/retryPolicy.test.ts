/**
 * The retry rules, one by one, on a fake clock: what is retried, what never is, and the bounds.
 */
import { TencentCloudError, type TencentErrorKind } from '../../../lib/tencent/errors';
import { OUTCOME_TABLES } from '../../../lib/tencent/catalogue';
import {
	backoffDelay,
	callWithRetry,
	classifyFailure,
	DEFAULT_RETRY_POLICY,
	isRetryable,
	type RetryEvent,
	type RetryPolicy,
} from '../../../lib/tencent/retryPolicy';

const ACTION = 'IdCardVerification';

function failure(kind: TencentErrorKind, code: string, extra: Partial<{ httpStatus: number; serverDate: string; action: string }> = {}) {
	return new TencentCloudError({ kind, code, message: `${code} happened`, action: extra.action ?? ACTION, ...extra });
}

/** A fake clock whose sleep advances time instantly and records each wait. */
function fakeRuntime() {
	const clock = { ms: 0, waits: [] as number[], events: [] as RetryEvent[] };
	return {
		clock,
		runtime: {
			now: () => clock.ms,
			sleep: async (ms: number) => {
				clock.waits.push(ms);
				clock.ms += ms;
			},
			random: () => 0.5,
			onRetry: (event: RetryEvent) => clock.events.push(event),
		},
	};
}

/** An attempt function failing with the given errors in turn, then answering "ok". */
function scripted(...errors: TencentCloudError[]) {
	const calls = { count: 0 };
	const attempt = async () => {
		const error = errors[calls.count++];
		if (error) throw error;
		return 'ok';
	};
	return { attempt, calls };
}

describe('which failures are retried', () => {
	test.each([
		['RequestLimitExceeded', 'throttled'],
		['RequestLimitExceeded.IPLimitExceeded', 'throttled'],
		['RequestLimitExceeded.UinLimitExceeded', 'throttled'],
		['RequestLimitExceeded.GlobalRegionUinLimitExceeded', 'throttled'],
		['FailedOperation.RequestLimitExceeded', 'throttled'],
		['InternalError', 'unavailable'],
		['InternalError.UnKnown', 'unavailable'],
		['ServiceUnavailable', 'unavailable'],
	] as const)('API error %s is %s and retried', (code, expected) => {
		const cls = classifyFailure(failure('api', code));
		expect(cls).toBe(expected);
		expect(isRetryable(cls, DEFAULT_RETRY_POLICY)).toBe(true);
	});

	test.each([502, 503, 504])('HTTP %i from a gateway is retried', (status) => {
		const cls = classifyFailure(failure('http', `HTTP${status}`, { httpStatus: status }));
		expect(cls).toBe('gateway');
		expect(isRetryable(cls, DEFAULT_RETRY_POLICY)).toBe(true);
	});

	test.each(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'])('a connection failure before any answer (%s) is retried', (code) => {
		expect(isRetryable(classifyFailure(failure('network', code)), DEFAULT_RETRY_POLICY)).toBe(true);
	});

	test.each([
		['http', 'HTTP500', 500],
		['http', 'HTTP400', 400],
		['api', 'InvalidParameterValue', 200],
		['api', 'AuthFailure.SignatureFailure', 200],
		['api', 'UnauthorizedOperation.Arrears', 200],
		['api', 'RequestLimitExceededSomething', 200],
		['api', 'InternalError.EncryptSystemError', 200],
		['network', 'ENOTFOUND', undefined],
		['network', 'RequestAborted', undefined],
		['invalid-response', 'InvalidResponse.Schema', 200],
	] as const)('%s %s is not retried', (kind, code, httpStatus) => {
		const cls = classifyFailure(failure(kind, code, httpStatus === undefined ? {} : { httpStatus }));
		expect(isRetryable(cls, { retryOnTimeout: true })).toBe(false);
	});

	test('a timeout after sending is retried only when the user opted in', () => {
		const cls = classifyFailure(failure('timeout', 'ETIMEDOUT'));
		expect(cls).toBe('timeout');
		expect(isRetryable(cls, { retryOnTimeout: false })).toBe(false);
		expect(isRetryable(cls, { retryOnTimeout: true })).toBe(true);
		expect(DEFAULT_RETRY_POLICY.retryOnTimeout).toBe(false);
	});

	test('a plain Error (not from the client) is never retried', () => {
		expect(classifyFailure(new Error('boom'))).toBe('final');
	});
});

describe('a billable answer is never sent twice', () => {
	// Every verdict an action's page documents, whether it arrives as Result or as Response.Error.
	const verdicts = Object.entries(OUTCOME_TABLES).flatMap(([action, table]) =>
		Object.entries(table.failedOperations).map(([code, rule]) => [action, code, rule.billable] as const),
	);

	test('the tables hold billable verdicts to check against', () => {
		expect(verdicts.filter(([, , billable]) => billable).length).toBeGreaterThan(5);
	});

	test.each(verdicts)('%s answering %s (billable %s) is a verdict: one attempt only', async (action, code) => {
		const error = failure('api', code, { action });
		expect(classifyFailure(error)).toBe('verdict');
		const { runtime, clock } = fakeRuntime();
		const { attempt, calls } = scripted(error);
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryOnTimeout: true }, runtime)).rejects.toMatchObject({ code });
		expect(calls.count).toBe(1);
		expect(clock.waits).toEqual([]);
	});

	test('the decision table is asked before the code patterns', async () => {
		// A made-up action whose page would list a transient-looking code as a billed verdict.
		const tables = OUTCOME_TABLES as Record<string, unknown>;
		tables.ResilienceTestAction = {
			results: {},
			failedOperations: { InternalError: { status: 'review', billable: true, retryable: true, description: 'billed' } },
			errors: {},
			similarity: false,
		};
		try {
			const error = failure('api', 'InternalError', { action: 'ResilienceTestAction' });
			expect(classifyFailure(error)).toBe('verdict');
			const { runtime } = fakeRuntime();
			const { attempt, calls } = scripted(error);
			await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, runtime)).rejects.toMatchObject({ code: 'InternalError' });
			expect(calls.count).toBe(1);
		} finally {
			delete tables.ResilienceTestAction;
		}
		// The same code from an action that does not list it is a retryable fault.
		expect(classifyFailure(failure('api', 'InternalError'))).toBe('unavailable');
	});

	test('a timeout (maybe billed) is not repeated by default, and the error says why', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(failure('timeout', 'ETIMEDOUT'));
		const error = await callWithRetry(attempt, DEFAULT_RETRY_POLICY, runtime).catch((e: unknown) => e);
		expect(calls.count).toBe(1);
		expect((error as Error).message).toContain('Retry on Timeout');
		expect((error as Error).message).toContain('billed');
	});

	test('with Retry on Timeout on, a timeout is retried', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(failure('timeout', 'ETIMEDOUT'));
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryOnTimeout: true }, runtime)).resolves.toBe('ok');
		expect(calls.count).toBe(2);
	});
});

describe('backoff', () => {
	test('exponential with equal jitter: half the ceiling plus a random half, capped', () => {
		const policy = { baseDelayMs: 200, maxDelayMs: 1000 };
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([100, 200, 400, 500]);
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 0.999999))).toEqual([200, 400, 800, 1000]);
	});

	test('retries wait the backoff delays and then succeed', async () => {
		const { runtime, clock } = fakeRuntime();
		const { attempt, calls } = scripted(
			failure('api', 'RequestLimitExceeded'),
			failure('http', 'HTTP502', { httpStatus: 502 }),
			failure('network', 'ECONNRESET'),
		);
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, runtime)).resolves.toBe('ok');
		expect(calls.count).toBe(4);
		// random() = 0.5: 3/4 of 250, 500, 1000
		expect(clock.waits).toEqual([188, 375, 750]);
		expect(clock.events.map((event) => [event.attempt, event.failure])).toEqual([
			[1, 'throttled'],
			[2, 'gateway'],
			[3, 'connection'],
		]);
	});
});

describe('bounds', () => {
	test('at most maxRetries retries; the error says how many attempts were made', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(...Array.from({ length: 10 }, () => failure('api', 'InternalError')));
		const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 2 };
		const error = await callWithRetry(attempt, policy, runtime).catch((e: unknown) => e);
		expect(calls.count).toBe(3);
		expect(error).toBeInstanceOf(TencentCloudError);
		expect(error).toMatchObject({ code: 'InternalError' });
		expect((error as Error).message).toContain('gave up after 3 attempts');
	});

	test('maxRetries 0 sends once', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(failure('api', 'ServiceUnavailable'));
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }, runtime)).rejects.toMatchObject({
			code: 'ServiceUnavailable',
		});
		expect(calls.count).toBe(1);
	});

	test('no retry starts after maxElapsedMs, whatever maxRetries says', async () => {
		const { runtime, clock } = fakeRuntime();
		const errors = Array.from({ length: 50 }, () => failure('http', 'HTTP503', { httpStatus: 503 }));
		const { attempt, calls } = scripted(...errors);
		const slowAttempt = async () => {
			clock.ms += 1000; // each attempt takes a second
			return await attempt();
		};
		const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 50, baseDelayMs: 1000, maxDelayMs: 4000, maxElapsedMs: 10_000 };
		await expect(callWithRetry(slowAttempt, policy, runtime)).rejects.toMatchObject({ code: 'HTTP503' });
		// Every wait started and ended within the budget.
		expect(clock.ms).toBeLessThanOrEqual(10_000 + 1000);
		expect(calls.count).toBeGreaterThan(1);
		expect(calls.count).toBeLessThan(50);
	});

	test('an aborted execution is not retried', async () => {
		const { runtime } = fakeRuntime();
		const controller = new AbortController();
		controller.abort();
		const { attempt, calls } = scripted(failure('api', 'InternalError'));
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, { ...runtime, signal: controller.signal })).rejects.toMatchObject({
			code: 'InternalError',
		});
		expect(calls.count).toBe(1);
	});
});

describe('clock skew', () => {
	const expired = (serverDate?: string) => failure('api', 'AuthFailure.SignatureExpire', { serverDate });

	test('SignatureExpire: the clock is corrected and the call re-sent once, at once', async () => {
		const { runtime, clock } = fakeRuntime();
		const corrections: Array<string | undefined> = [];
		const { attempt, calls } = scripted(expired('Thu, 15 Jan 2026 13:00:00 GMT'));
		const result = await callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }, {
			...runtime,
			correctClock: (error) => {
				corrections.push(error.serverDate);
				return true;
			},
		});
		expect(result).toBe('ok');
		expect(calls.count).toBe(2);
		expect(corrections).toEqual(['Thu, 15 Jan 2026 13:00:00 GMT']);
		expect(clock.waits).toEqual([]);
	});

	test('a second SignatureExpire is not retried again', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(expired('Thu, 15 Jan 2026 13:00:00 GMT'), expired('Thu, 15 Jan 2026 13:00:01 GMT'));
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, { ...runtime, correctClock: () => true })).rejects.toMatchObject({
			code: 'AuthFailure.SignatureExpire',
		});
		expect(calls.count).toBe(2);
	});

	test('without a usable Date header nothing is retried', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(expired(undefined));
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, { ...runtime, correctClock: () => false })).rejects.toMatchObject({
			code: 'AuthFailure.SignatureExpire',
		});
		expect(calls.count).toBe(1);
	});
});
