/**
 * When a failed FaceID call may be sent again, how long to wait first, and the retry loop itself.
 * Pure (no n8n import, no timers): the caller injects `sleep` and the clock, so the node uses
 * n8n's `sleep` and the tests use a fake clock.
 *
 * The rule that matters most: no check is bought twice without the item saying so. FaceID
 * requests take no idempotency key, so a request is sent again by default only when its failure
 * proves Tencent did not process it: throttling (Tencent refuses before processing) and a
 * connection that never opened. A failure after the request may have reached the API (a gateway's
 * 5xx, InternalError, ServiceUnavailable, a reset or a timeout after sending) is sent again only
 * when the user opts in, and then every such attempt is counted, because each may have been billed.
 */
import type { Sleep } from './sleep';

export type { Sleep } from './sleep';
import type { AttemptLog } from './client';
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
	/**
	 * Whether failures after which Tencent may have processed the request (and billed it) are sent
	 * again: a gateway's 5xx, InternalError, ServiceUnavailable, a reset or a timeout after sending.
	 */
	retryPossiblyProcessed: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxRetries: 3,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
	maxElapsedMs: 60_000,
	retryPossiblyProcessed: false,
});

/** Why a call failed, as far as retrying is concerned. */
export type FailureClass =
	/** A verdict (`FailedOperation.*` in the action's verdict table): an answer, maybe billed. */
	| 'verdict'
	/** RequestLimitExceeded and its variants: Tencent refuses before processing. */
	| 'throttled'
	/** The connection never opened (refused, no route, DNS): the request never left. */
	| 'not-sent'
	/** InternalError, ServiceUnavailable: answered by the API, which may have processed it first. */
	| 'unavailable'
	/** HTTP 500/502/503/504 from a gateway: the API may have processed the request before it failed. */
	| 'gateway'
	/** Reset or closed after the request was written: it may have been processed. */
	| 'reset'
	/** No answer before the timeout: the request may have been processed. */
	| 'timeout'
	/** AuthFailure.SignatureExpire: the local clock is off; fixed by re-signing, not by waiting. */
	| 'clock-skew'
	/** Everything else: parameters, auth, quota, an unreadable answer. */
	| 'final';

/** RequestLimitExceeded and its variants (.IPLimitExceeded, .UinLimitExceeded, …), and FailedOperation.RequestLimitExceeded. */
const THROTTLED = /^(FailedOperation\.)?RequestLimitExceeded(\.|$)/;
/** Transient service faults; InternalError.EncryptSystemError and the like are settings problems, not retried. */
const UNAVAILABLE = /^(InternalError(\.UnKnown|\.Unknown)?|ServiceUnavailable(\.[A-Za-z]+)?)$/;
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);
/** Socket codes of a connection that never opened: nothing was sent. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Socket codes of a connection lost under a request that may have been written in full. */
const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function classifyFailure(error: unknown): FailureClass {
	if (!isTencentCloudError(error)) return 'final';
	switch (error.kind) {
		case 'api':
			// The verdict table first: whatever it knows is an answer, and may be billed.
			if (outcomeOfApiError(error.action, error)) return 'verdict';
			if (THROTTLED.test(error.code)) return 'throttled';
			if (UNAVAILABLE.test(error.code)) return 'unavailable';
			if (error.code === 'AuthFailure.SignatureExpire') return 'clock-skew';
			return 'final';
		case 'http':
			return error.httpStatus !== undefined && GATEWAY_STATUSES.has(error.httpStatus) ? 'gateway' : 'final';
		case 'network':
			if (NOT_SENT_CODES.has(error.code)) return 'not-sent';
			return RESET_CODES.has(error.code) ? 'reset' : 'final';
		case 'timeout':
			return 'timeout';
		default:
			return 'final';
	}
}

/** Whether Tencent may have processed (and billed) a request that failed this way. */
export function mayHaveBeenProcessed(failure: FailureClass): boolean {
	return failure === 'unavailable' || failure === 'gateway' || failure === 'reset' || failure === 'timeout';
}

/** Whether a failure of this class may be retried with backoff under the policy. */
export function isRetryable(failure: FailureClass, policy: Pick<RetryPolicy, 'retryPossiblyProcessed'>): boolean {
	if (failure === 'throttled' || failure === 'not-sent') return true;
	return mayHaveBeenProcessed(failure) && policy.retryPossiblyProcessed;
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
	/** Counts the requests sent and the failed ones Tencent may have processed. */
	attempts?: AttemptLog;
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
	let possiblyProcessed = false;
	for (let attemptNumber = 1; ; attemptNumber++) {
		try {
			if (runtime.attempts) runtime.attempts.sent++;
			return await attempt(attemptNumber);
		} catch (error) {
			if (!isTencentCloudError(error)) throw error;
			const failure = classifyFailure(error);
			if (mayHaveBeenProcessed(failure)) {
				possiblyProcessed = true;
				if (runtime.attempts) runtime.attempts.possiblyProcessed++;
			}
			if (runtime.signal?.aborted) throw possiblyProcessed ? explain(error, failure, attemptNumber, policy, true) : error;

			// Re-signing with the server's clock fixes this at once: one immediate retry, outside the backoff budget.
			if (failure === 'clock-skew' && !clockCorrected && runtime.correctClock?.(error)) {
				clockCorrected = true;
				runtime.onRetry?.({ attempt: attemptNumber, failure, error, delayMs: 0 });
				continue;
			}

			if (!isRetryable(failure, policy)) throw explain(error, failure, attemptNumber, policy, possiblyProcessed);
			const delayMs = backoffDelay(retries + 1, policy, random);
			const elapsed = runtime.now() - startedAt;
			if (retries >= policy.maxRetries || elapsed + delayMs > policy.maxElapsedMs) {
				throw explain(error, failure, attemptNumber, policy, possiblyProcessed);
			}
			retries++;
			runtime.onRetry?.({ attempt: attemptNumber, failure, error, delayMs });
			await runtime.sleep(delayMs, runtime.signal);
		}
	}
}

/** Named in messages: the option that sends possibly processed requests again. */
export const RETRY_POSSIBLY_PROCESSED_OPTION = 'Retry Requests Tencent May Have Processed';

/** The last error, with a note on why it was not retried (further), and whether the check may have been billed. */
function explain(error: TencentCloudError, failure: FailureClass, attempts: number, policy: RetryPolicy, possiblyProcessed: boolean): TencentCloudError {
	const notes: string[] = [];
	if (attempts > 1) notes.push(`gave up after ${attempts} attempts`);
	if (mayHaveBeenProcessed(failure) && !policy.retryPossiblyProcessed) {
		notes.push(`not sent again: Tencent may have processed and billed it (option "${RETRY_POSSIBLY_PROCESSED_OPTION}")`);
	} else if (possiblyProcessed) {
		notes.push('Tencent may have processed and billed an attempt');
	}
	if (notes.length === 0) return error;
	return new TencentCloudError({
		kind: error.kind,
		code: error.code,
		action: error.action,
		requestId: error.requestId,
		httpStatus: error.httpStatus,
		serverDate: error.serverDate,
		possiblyProcessed,
		message: `${error.message} (${notes.join('; ')})`,
	});
}
