/**
 * Waiting for a token's result inside a workflow: one request per interval, at most
 * `plan.maxPolls`, stopping as soon as Tencent answers a final result or the signal aborts.
 * No n8n import.
 */
import type { Sleep } from '../sleep';
import type { PendingCheck, ResultAnswer } from './check';

export interface PollingPlan {
	intervalMs: number;
	maxPolls: number;
}

export interface InlineWaitOutcome {
	/**
	 * final: Tencent gave its verdict. timed-out: the polls ran out while still processing.
	 * cancelled: the execution was stopped. refused: Tencent will never answer for this token.
	 * unreachable: every token would fail the same way (credential, account, region).
	 */
	kind: 'final' | 'timed-out' | 'cancelled' | 'refused' | 'unreachable';
	/** The last answer Tencent gave (final or still processing). */
	response?: ResultAnswer;
	/** The error that ended the wait, or the last transient one before the polls ran out. */
	error?: unknown;
	/** Result requests made. */
	polls: number;
}

/**
 * A request that fails in passing (network, throttling) uses up its poll; one Tencent refuses for
 * good ends the wait. `sleep` must reject when the signal aborts.
 */
export async function waitForResult(options: {
	check: Pick<PendingCheck, 'isFinal' | 'classifyFailure'>;
	requestResult: () => Promise<ResultAnswer>;
	plan: PollingPlan;
	sleep: Sleep;
	signal?: AbortSignal;
}): Promise<InlineWaitOutcome> {
	const { plan, signal, check } = options;
	let polls = 0;
	let response: ResultAnswer | undefined;
	let lastError: unknown;
	while (polls < plan.maxPolls) {
		try {
			await options.sleep(plan.intervalMs, signal);
		} catch {
			return { kind: 'cancelled', response, polls };
		}
		if (signal?.aborted) return { kind: 'cancelled', response, polls };
		try {
			polls++;
			response = await options.requestResult();
		} catch (error) {
			if (signal?.aborted) return { kind: 'cancelled', response, polls };
			const failure = check.classifyFailure(error);
			if (failure === 'token') return { kind: 'refused', response, error, polls };
			if (failure === 'configuration') return { kind: 'unreachable', response, error, polls };
			lastError = error;
			continue;
		}
		if (check.isFinal(response)) return { kind: 'final', response, polls };
	}
	return { kind: 'timed-out', response, polls, ...(lastError === undefined ? {} : { error: lastError }) };
}
