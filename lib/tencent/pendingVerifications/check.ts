/**
 * What an asynchronous check that hands back a token tells the shared machinery (the start flow,
 * the inline wait and the trigger's poller): how to ask for a token's result, and what each answer
 * or failure means. The document check is one (cardVerification/); any hosted flow that returns a
 * token to poll is another. No n8n import.
 */
import type { TencentCloudError } from '../errors';
import type { Outcome } from '../outcomes';

/** One result answer of Tencent's, as the check reads it. */
export type ResultAnswer = Record<string, unknown> & { RequestId?: string };

/**
 * What a failed result request means for the token. `transient`: ask again at the next interval.
 * `configuration`: the credential, account or region is wrong for every token: stop and tell the
 * user. `token`: Tencent will never answer for this token (unknown, expired): report it.
 */
export type ResultFailure = 'transient' | 'configuration' | 'token';

export interface PendingCheck {
	/** Asks Tencent once for the token's result; throws a TencentCloudError when it cannot. */
	requestResult(token: string, region: string): Promise<ResultAnswer>;
	/** Whether the answer is final (asking again gives the same answer). */
	isFinal(answer: ResultAnswer): boolean;
	/** The outcome of a final (or still processing) answer. */
	outcomeOf(answer: ResultAnswer): Outcome;
	classifyFailure(error: unknown): ResultFailure;
	/** Tencent was still processing when the polls ran out. */
	timedOut(details: { polls: number; waitedMs: number; requestId?: string }): Outcome;
	/** Tencent refused for good to give this token's result. */
	refused(error: TencentCloudError): Outcome;
	/** No final result for another reason (a cancel, Tencent unreachable): ask again later. */
	unfinished(code: string, description: string, requestId?: string): Outcome;
	/** Started, and handed on without waiting: what the starting item reports. */
	started(requestId?: string): Outcome;
	/** The start call was sent but its answer never recorded (n8n stopped): reported, not lost. */
	interrupted(): Outcome;
	/**
	 * How long Tencent keeps a token's result, when that is a time rather than a number of polls (a
	 * hosted verification waits for a person): past it the token is reported as timed out unasked.
	 */
	resultWindowMs?: number;
}
