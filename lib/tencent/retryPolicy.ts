/**
 * When a failed FaceID call may be sent again, how long to wait first, and the retry loop itself.
 * Pure (no n8n import, no timers): the caller injects `sleep` and the clock, so the node uses
 * n8n's `sleep` and the tests use a fake clock.
 *
 * The rule that matters most: an answer Tencent bills is never sent again. Only failures that
 * prove the request was not processed are retried by default; a timeout after sending may have
 * been billed, so it is retried only when the user opts in.
 */
import type { Sleep } from './sleep';

export type { Sleep } from './sleep';
import { isTencentCloudError, TencentCloudError } from './errors';
import { outcomeOfApiError } from './outcomes';

export interface RetryPolicy {
	/** Retries after the first attempt; 0 disables backoff retries. */
	maxRetries: number;
	/** Backoff ceiling of the first retry; it doubles with each further retry. */
	baseDelayMs: number;
	/** Largest single wait. */
	maxDelayMs: number;
	/** No retry starts (wait included) later than this after the first attempt began. */
	maxElapsedMs: number;
	/** Whether a timeout after the request was sent is retried: the first call may have been billed. */
	retryOnTimeout: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxRetries: 3,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
	maxElapsedMs: 60_000,
	retryOnTimeout: false,
});

/** Why a call failed, as far as retrying is concerned. */
export type FailureClass =
	/** A verdict (`FailedOperation.*` in the action's decision table): an answer, maybe billed. */
	| 'verdict'
	/** RequestLimitExceeded and its variants: refused before processing. */
	| 'throttled'
	/** InternalError, ServiceUnavailable: Tencent did not process the request. */
	| 'unavailable'
	/** HTTP 502/503/504 from a gateway: the API never answered. */
	| 'gateway'
	/** Connection refused or reset before any answer. */
	| 'connection'
	/** No answer before the timeout: the request may have been processed (and billed). */
	| 'timeout'
	/** AuthFailure.SignatureExpire: the local clock is off; fixed by re-signing, not by waiting. */
	| 'clock-skew'
	/** Everything else: parameters, auth, quota, a gateway's 500, an unreadable answer. */
	| 'final';

/** RequestLimitExceeded and its variants (.IPLimitExceeded, .UinLimitExceeded, …), and FailedOperation.RequestLimitExceeded. */
const THROTTLED = /^(FailedOperation\.)?RequestLimitExceeded(\.|$)/;
/** Transient service faults; InternalError.EncryptSystemError and the like are settings problems, not retried. */
const UNAVAILABLE = /^(InternalError(\.UnKnown|\.Unknown)?|ServiceUnavailable(\.[A-Za-z]+)?)$/;
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
/** Socket codes that mean the request got no answer at all: refused, reset, closed under us. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
]);

export function classifyFailure(error: unknown): FailureClass {
	if (!isTencentCloudError(error)) return 'final';
	switch (error.kind) {
		case 'api':
			// The decision table first: whatever it knows is an answer, and may be billed.
			if (outcomeOfApiError(error.action, error)) return 'verdict';
			if (THROTTLED.test(error.code)) return 'throttled';
			if (UNAVAILABLE.test(error.code)) return 'unavailable';
			if (error.code === 'AuthFailure.SignatureExpire') return 'clock-skew';
			return 'final';
		case 'http':
			return error.httpStatus !== undefined && GATEWAY_STATUSES.has(error.httpStatus) ? 'gateway' : 'final';
		case 'network':
			return CONNECTION_CODES.has(error.code) ? 'connection' : 'final';
		case 'timeout':
			return 'timeout';
		default:
			return 'final';
	}
}

/** Whether a failure of this class may be retried with backoff under the policy. */
export function isRetryable(failure: FailureClass, policy: Pick<RetryPolicy, 'retryOnTimeout'>): boolean {
	switch (failure) {
		case 'throttled':
		case 'unavailable':
		case 'gateway':
		case 'connection':
			return true;
		case 'timeout':
			return policy.retryOnTimeout;
		default:
			return false;
	}
}

/**
 * Wait before retry number `retry` (1 for the first): "equal jitter", half of an exponentially
 * growing ceiling plus a random half, so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}


export interface RetryRuntime {
	sleep: Sleep;
	/** Milliseconds, any origin: only differences are used. */
	now: () => number;
	random?: () => number;
	signal?: AbortSignal;
	/**
	 * Called on AuthFailure.SignatureExpire: corrects the signing clock from the error's server
	 * date and returns true when that happened, so one re-signed attempt is worth making.
	 */
	correctClock?: (error: TencentCloudError) => boolean;
	/** Told about each retry before its wait, for logging. */
	onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
	/** The attempt that failed, 1-based. */
	attempt: number;
	failure: FailureClass;
	error: TencentCloudError;
	delayMs: number;
}

/**
 * Runs `attempt` until it succeeds or fails in a way that must not be retried, within the
 * policy's bounds. Each call of `attempt` must send (and sign) the request anew. The error of
 * the last attempt is thrown, its message saying how many attempts were made when more than one.
 */
export async function callWithRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	policy: RetryPolicy,
	runtime: RetryRuntime,
): Promise<T> {
	const random = runtime.random ?? Math.random;
	const startedAt = runtime.now();
	let retries = 0;
	let clockCorrected = false;
	for (let attemptNumber = 1; ; attemptNumber++) {
		try {
			return await attempt(attemptNumber);
		} catch (error) {
			if (!isTencentCloudError(error) || runtime.signal?.aborted) throw error;
			const failure = classifyFailure(error);

			// Re-signing with the server's clock fixes this at once: one immediate retry, outside the backoff budget.
			if (failure === 'clock-skew' && !clockCorrected && runtime.correctClock?.(error)) {
				clockCorrected = true;
				runtime.onRetry?.({ attempt: attemptNumber, failure, error, delayMs: 0 });
				continue;
			}

			if (!isRetryable(failure, policy)) throw explain(error, failure, attemptNumber, policy);
			const delayMs = backoffDelay(retries + 1, policy, random);
			const elapsed = runtime.now() - startedAt;
			if (retries >= policy.maxRetries || elapsed + delayMs > policy.maxElapsedMs) {
				throw explain(error, failure, attemptNumber, policy);
			}
			retries++;
			runtime.onRetry?.({ attempt: attemptNumber, failure, error, delayMs });
			await runtime.sleep(delayMs, runtime.signal);
		}
	}
}

/** The last error, with a note on why it was not retried (further) when that helps the user. */
function explain(error: TencentCloudError, failure: FailureClass, attempts: number, policy: RetryPolicy): TencentCloudError {
	const notes: string[] = [];
	if (attempts > 1) notes.push(`gave up after ${attempts} attempts`);
	if (failure === 'timeout' && !policy.retryOnTimeout) {
		notes.push('not retried because Tencent may have processed and billed the first call (option "Retry on Timeout")');
	}
	if (notes.length === 0) return error;
	return new TencentCloudError({
		kind: error.kind,
		code: error.code,
		action: error.action,
		requestId: error.requestId,
		httpStatus: error.httpStatus,
		serverDate: error.serverDate,
		message: `${error.message} (${notes.join('; ')})`,
	});
}
