/**
 * The retry rules, one by one, on a fake clock: what is retried by default (what Tencent provably
 * did not process), what only with "Retry Requests Tencent May Have Processed" (and then counted),
 * what never is, and the bounds.
 */
import { TencentCloudError, type TencentErrorKind } from '../../../lib/tencent/errors';
import { OUTCOME_TABLES } from '../../../lib/tencent/catalogue';
import {
	backoffDelay,
	callWithRetry,
	classifyFailure,
	DEFAULT_RETRY_POLICY,
	isRetryable,
	mayHaveBeenProcessed,
	RETRY_POSSIBLY_PROCESSED_OPTION,
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
		['RequestLimitExceeded'],
		['RequestLimitExceeded.IPLimitExceeded'],
		['RequestLimitExceeded.UinLimitExceeded'],
		['RequestLimitExceeded.GlobalRegionUinLimitExceeded'],
		['FailedOperation.RequestLimitExceeded'],
	])('throttling (%s) is refused before processing: retried by default', (code) => {
		const cls = classifyFailure(failure('api', code));
		expect(cls).toBe('throttled');
		expect(mayHaveBeenProcessed(cls)).toBe(false);
		expect(isRetryable(cls, DEFAULT_RETRY_POLICY)).toBe(true);
	});

	test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])(
		'a connection that never opened (%s) sent nothing: retried by default',
		(code) => {
			const cls = classifyFailure(failure('network', code));
			expect(cls).toBe('not-sent');
			expect(mayHaveBeenProcessed(cls)).toBe(false);
			expect(isRetryable(cls, DEFAULT_RETRY_POLICY)).toBe(true);
		},
	);

	test.each([
		['api', 'InternalError', 200, 'unavailable'],
		['api', 'InternalError.UnKnown', 200, 'unavailable'],
		['api', 'ServiceUnavailable', 200, 'unavailable'],
		['http', 'HTTP500', 500, 'gateway'],
		['http', 'HTTP502', 502, 'gateway'],
		['http', 'HTTP503', 503, 'gateway'],
		['http', 'HTTP504', 504, 'gateway'],
		['network', 'ECONNRESET', undefined, 'reset'],
		['network', 'EPIPE', undefined, 'reset'],
		['network', 'UND_ERR_SOCKET', undefined, 'reset'],
		['timeout', 'ETIMEDOUT', undefined, 'timeout'],
		['timeout', 'UND_ERR_HEADERS_TIMEOUT', undefined, 'timeout'],
	] as const)('%s %s may have been processed (%s): sent again only with the option on', (kind, code, httpStatus, expected) => {
		const cls = classifyFailure(failure(kind, code, httpStatus === undefined ? {} : { httpStatus }));
		expect(cls).toBe(expected);
		expect(mayHaveBeenProcessed(cls)).toBe(true);
		expect(isRetryable(cls, DEFAULT_RETRY_POLICY)).toBe(false);
		expect(isRetryable(cls, { retryPossiblyProcessed: true })).toBe(true);
	});

	test.each([
		['http', 'HTTP400', 400],
		['http', 'HTTP501', 501],
		['api', 'InvalidParameterValue', 200],
		['api', 'AuthFailure.SignatureFailure', 200],
		['api', 'UnauthorizedOperation.Arrears', 200],
		['api', 'RequestLimitExceededSomething', 200],
		['api', 'InternalError.EncryptSystemError', 200],
		['network', 'RequestAborted', undefined],
		['network', 'NetworkError', undefined],
		['invalid-response', 'InvalidResponse.Schema', 200],
	] as const)('%s %s is final: never sent again, even with the option on', (kind, code, httpStatus) => {
		const cls = classifyFailure(failure(kind, code, httpStatus === undefined ? {} : { httpStatus }));
		expect(cls).toBe('final');
		expect(mayHaveBeenProcessed(cls)).toBe(false);
		expect(isRetryable(cls, { retryPossiblyProcessed: true })).toBe(false);
	});

	test('the option is off by default', () => {
		expect(DEFAULT_RETRY_POLICY.retryPossiblyProcessed).toBe(false);
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
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryPossiblyProcessed: true }, runtime)).rejects.toMatchObject({ code });
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
		// The same code from an action that does not list it is a fault Tencent may have processed.
		expect(classifyFailure(failure('api', 'InternalError'))).toBe('unavailable');
	});

	test.each([
		['a timeout', failure('timeout', 'ETIMEDOUT')],
		['a gateway 502', failure('http', 'HTTP502', { httpStatus: 502 })],
		['InternalError', failure('api', 'InternalError')],
		['a reset connection', failure('network', 'ECONNRESET')],
	])('%s (maybe billed) is not sent again by default; the error says why and is marked possibly processed', async (_label, first) => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(first);
		const error = (await callWithRetry(attempt, DEFAULT_RETRY_POLICY, runtime).catch((e: unknown) => e)) as TencentCloudError;
		expect(calls.count).toBe(1);
		expect(error).toBeInstanceOf(TencentCloudError);
		expect(error).toMatchObject({ code: first.code, kind: first.kind, possiblyProcessed: true });
		expect(error.message).toBe(`${first.message} (not sent again: Tencent may have processed and billed it (option "${RETRY_POSSIBLY_PROCESSED_OPTION}"))`);
	});

	test('with the option on, they are sent again, and every attempt that may have been billed is counted', async () => {
		const { runtime } = fakeRuntime();
		const attempts = { sent: 0, possiblyProcessed: 0 };
		const { attempt, calls } = scripted(failure('timeout', 'ETIMEDOUT'), failure('api', 'RequestLimitExceeded'), failure('http', 'HTTP503', { httpStatus: 503 }));
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryPossiblyProcessed: true }, { ...runtime, attempts })).resolves.toBe('ok');
		expect(calls.count).toBe(4);
		// The throttled attempt was refused before processing: not counted as possibly billed.
		expect(attempts).toEqual({ sent: 4, possiblyProcessed: 2 });
	});

	test('retries of what provably was not processed count no possibly billed attempt', async () => {
		const { runtime } = fakeRuntime();
		const attempts = { sent: 0, possiblyProcessed: 0 };
		const { attempt } = scripted(failure('api', 'RequestLimitExceeded'), failure('network', 'ECONNREFUSED'));
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, { ...runtime, attempts })).resolves.toBe('ok');
		expect(attempts).toEqual({ sent: 3, possiblyProcessed: 0 });
	});

	test('a later failure after a possibly billed attempt still says an attempt may have been billed', async () => {
		const { runtime } = fakeRuntime();
		const { attempt } = scripted(failure('api', 'InternalError'), failure('api', 'InvalidParameterValue'));
		const error = (await callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryPossiblyProcessed: true }, runtime).catch((e: unknown) => e)) as TencentCloudError;
		expect(error).toMatchObject({ code: 'InvalidParameterValue', possiblyProcessed: true });
		expect(error.message).toBe('InvalidParameterValue happened (gave up after 2 attempts; Tencent may have processed and billed an attempt)');
	});

	test('a failure that provably was not processed is not marked', async () => {
		const { runtime } = fakeRuntime();
		const { attempt } = scripted(failure('api', 'InvalidParameterValue'));
		const error = (await callWithRetry(attempt, DEFAULT_RETRY_POLICY, runtime).catch((e: unknown) => e)) as TencentCloudError;
		expect(error.message).toBe('InvalidParameterValue happened');
		expect(error.possiblyProcessed).toBeUndefined();
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
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryPossiblyProcessed: true }, runtime)).resolves.toBe('ok');
		expect(calls.count).toBe(4);
		// random() = 0.5: 3/4 of 250, 500, 1000
		expect(clock.waits).toEqual([188, 375, 750]);
		expect(clock.events.map((event) => [event.attempt, event.failure])).toEqual([
			[1, 'throttled'],
			[2, 'gateway'],
			[3, 'reset'],
		]);
	});
});

describe('bounds', () => {
	test('at most maxRetries retries; the error says how many attempts were made', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(...Array.from({ length: 10 }, () => failure('api', 'RequestLimitExceeded')));
		const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 2 };
		const error = await callWithRetry(attempt, policy, runtime).catch((e: unknown) => e);
		expect(calls.count).toBe(3);
		expect(error).toBeInstanceOf(TencentCloudError);
		expect(error).toMatchObject({ code: 'RequestLimitExceeded' });
		expect((error as Error).message).toBe('RequestLimitExceeded happened (gave up after 3 attempts)');
		expect((error as TencentCloudError).possiblyProcessed).toBeUndefined();
	});

	test('with the option on, giving up after possibly billed attempts says so', async () => {
		const { runtime } = fakeRuntime();
		const { attempt } = scripted(...Array.from({ length: 10 }, () => failure('api', 'InternalError')));
		const error = (await callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, maxRetries: 2, retryPossiblyProcessed: true }, runtime).catch((e: unknown) => e)) as TencentCloudError;
		expect(error).toMatchObject({ code: 'InternalError', possiblyProcessed: true });
		expect(error.message).toBe('InternalError happened (gave up after 3 attempts; Tencent may have processed and billed an attempt)');
	});

	test('maxRetries 0 sends once', async () => {
		const { runtime } = fakeRuntime();
		const { attempt, calls } = scripted(failure('api', 'RequestLimitExceeded'));
		await expect(callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }, runtime)).rejects.toMatchObject({
			code: 'RequestLimitExceeded',
		});
		expect(calls.count).toBe(1);
	});

	test('no retry starts after maxElapsedMs, whatever maxRetries says', async () => {
		const { runtime, clock } = fakeRuntime();
		const errors = Array.from({ length: 50 }, () => failure('api', 'RequestLimitExceeded'));
		const { attempt, calls } = scripted(...errors);
		const slowAttempt = async () => {
			clock.ms += 1000; // each attempt takes a second
			return await attempt();
		};
		const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 50, baseDelayMs: 1000, maxDelayMs: 4000, maxElapsedMs: 10_000 };
		await expect(callWithRetry(slowAttempt, policy, runtime)).rejects.toMatchObject({ code: 'RequestLimitExceeded' });
		// Every wait started and ended within the budget.
		expect(clock.ms).toBeLessThanOrEqual(10_000 + 1000);
		expect(calls.count).toBeGreaterThan(1);
		expect(calls.count).toBeLessThan(50);
	});

	test('an aborted execution is not retried', async () => {
		const { runtime } = fakeRuntime();
		const controller = new AbortController();
		controller.abort();
		const throttled = failure('api', 'RequestLimitExceeded');
		const { attempt, calls } = scripted(throttled);
		await expect(callWithRetry(attempt, DEFAULT_RETRY_POLICY, { ...runtime, signal: controller.signal })).rejects.toBe(throttled);
		expect(calls.count).toBe(1);
	});

	test('an aborted execution after a request Tencent may have processed says it may have been billed', async () => {
		const { runtime } = fakeRuntime();
		const controller = new AbortController();
		controller.abort();
		const { attempt } = scripted(failure('timeout', 'ETIMEDOUT'));
		const error = (await callWithRetry(attempt, { ...DEFAULT_RETRY_POLICY, retryPossiblyProcessed: true }, { ...runtime, signal: controller.signal }).catch(
			(e: unknown) => e,
		)) as TencentCloudError;
		expect(error).toMatchObject({ code: 'ETIMEDOUT', possiblyProcessed: true });
		expect(error.message).toContain('Tencent may have processed and billed an attempt');
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
