/**
 * The one place that decides what a synchronous FaceID answer means for a KYC workflow: passed,
 * failed or review, whether Tencent billed it, and whether asking again later can change the
 * answer. The codes and their meaning are data in each action's definition (`outcomes`); this
 * module applies them, with the similarity threshold and the warnings. No n8n import.
 *
 * Codes absent from an action's table (AuthFailure, InvalidParameter, UnauthorizedOperation,
 * RequestLimitExceeded, InternalError...) are errors, not verdicts.
 */
import { parseWarnings, type Warning } from './actions/CheckIdCardInformation';
import { DEFAULT_MINIMUM_MONTHS_IN_USE, rule, type OutcomeRule, type OutcomeStatus } from './actions/verdicts';
import { OUTCOME_TABLES } from './catalogue';
import { TencentCloudError } from './errors';

export type { ActionOutcomeTable, DecisionTable, OutcomeRule, OutcomeStatus } from './actions/verdicts';

export interface Outcome {
	status: OutcomeStatus;
	/** Tencent's own code: the `Result` value or the `FailedOperation.*` error code. */
	code: string;
	description: string;
	/** Tencent charges for this answer: a repeat costs money again. */
	billable: boolean;
	/** Trying the same check again later may give another answer (a service hiccup, an upgrade). */
	retryable: boolean;
	requestId?: string;
	/** Tencent's similarity score (0-100), for the actions that return `Sim`. */
	similarity?: number;
	/** The ID-card photo check's `Warnings`, one entry per code, spelled out. */
	warnings?: Warning[];
	/** Requests sent for this item, when more than one. */
	attempts?: number;
	/** Of those, the failed ones Tencent may have processed and billed (counted for reconciliation). */
	possiblyBilledAttempts?: number;
	/** The item failed after Tencent may have processed (and billed) its request. */
	possiblyBilled?: boolean;
	/** The answer an earlier try of the node got in this execution (n8n's Retry On Fail): not bought again. */
	reused?: boolean;
}

export interface OutcomeOptions {
	/** Lowest `Sim` (0-100) that passes a "Success"; default 70, Tencent's recommendation. */
	similarityThreshold?: number;
	/** Fewest months a phone number must have been in use to pass; default 6. */
	minimumMonthsInUse?: number;
}

/** Tencent: "Recommend at least 70 to be determined as the same person" (0.01% false accepts). */
export const DEFAULT_SIMILARITY_THRESHOLD = 70;

/** Whether the action's verdict compares a number's months in use with the user's minimum. */
export function comparesMonthsInUse(action: string): boolean {
	return OUTCOME_TABLES[action]?.monthsInUse ?? false;
}

/** Whether the action reports a similarity that the node's threshold applies to. */
export function returnsSimilarity(action: string): boolean {
	return OUTCOME_TABLES[action]?.similarity ?? false;
}

/**
 * A code the table does not know goes to a human, and counts as billed: assuming it was free
 * could make a retry pay twice.
 */
function unknownCode(code: string, description?: string | null): OutcomeRule {
	return rule('review', true, false, description || `Result code ${code} is not documented for this action`);
}

function lookup(action: string, code: string): OutcomeRule | undefined {
	const table = OUTCOME_TABLES[action];
	return table?.results[code] ?? table?.failedOperations[code];
}

/** Why a `FailedOperation.*` code is an error for this action, or undefined when it is not one. */
export function errorReason(action: string, code: string): string | undefined {
	return OUTCOME_TABLES[action]?.errors[code];
}

function numberOrUndefined(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function formatSimilarity(value: number): string {
	return String(Math.round(value * 100) / 100);
}

/** Applies the similarity threshold to a passing answer of an action that returns `Sim`. */
function confirmSimilarity(found: OutcomeRule, similarity: number | undefined, threshold: number): OutcomeRule {
	if (found.status !== 'passed') return found;
	if (similarity === undefined) {
		return { ...found, status: 'review', description: `${found.description}, but Tencent sent no similarity to check against the threshold ${threshold}` };
	}
	if (similarity < threshold) {
		return {
			...found,
			status: 'failed',
			description: `Similarity ${formatSimilarity(similarity)} is below the threshold ${threshold} (Tencent answered Success)`,
		};
	}
	return { ...found, description: `${found.description} (similarity ${formatSimilarity(similarity)}, threshold ${threshold})` };
}

/**
 * Outcome of a successful answer (`Response.Result`), with the similarity threshold applied where
 * the action returns `Sim`, and any `Warnings` spelled out (a passing answer with warnings goes to
 * review). A `Result` that is an error code (see `errors`) throws the `TencentCloudError` it stands
 * for, exactly as if Tencent had sent it as `Response.Error`.
 */
export function outcomeOfResult(
	action: string,
	response: { Result?: unknown; Description?: unknown; RequestId?: string; Sim?: unknown; Warnings?: unknown; [field: string]: unknown },
	options: OutcomeOptions = {},
): Outcome {
	const code = String(response[OUTCOME_TABLES[action]?.verdictField ?? 'Result'] ?? '');
	const reason = errorReason(action, code);
	if (reason) {
		throw new TencentCloudError({
			kind: 'api',
			code,
			action,
			requestId: response.RequestId,
			message: typeof response.Description === 'string' && response.Description ? response.Description : reason,
		});
	}

	const similarity = numberOrUndefined(response.Sim);
	const warnings = parseWarnings(typeof response.Warnings === 'string' ? response.Warnings : undefined);
	const documented = lookup(action, code);
	let found = documented ?? unknownCode(code, response.Description as string | undefined);
	const refine = OUTCOME_TABLES[action]?.refine;
	if (refine && documented) {
		found = refine(found, response, { minimumMonthsInUse: options.minimumMonthsInUse ?? DEFAULT_MINIMUM_MONTHS_IN_USE });
	}
	if (returnsSimilarity(action)) {
		found = confirmSimilarity(found, similarity, options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD);
	}
	if (found.status === 'passed' && warnings.length > 0) {
		found = { ...found, status: 'review', description: `${found.description}, with warnings` };
	}

	const outcome: Outcome = {
		status: found.status,
		code,
		description: found.description,
		billable: found.billable,
		retryable: found.retryable,
		requestId: response.RequestId,
	};
	if (similarity !== undefined) outcome.similarity = similarity;
	if (warnings.length > 0) outcome.warnings = warnings;
	return outcome;
}

/**
 * Some verdicts come back as `Response.Error` (`FailedOperation.*`): those are outcomes, not errors.
 * Returns undefined for anything else (auth, quota, parameters, network): those are errors.
 */
export function outcomeOfApiError(action: string, error: TencentCloudError): Outcome | undefined {
	if (error.kind !== 'api') return undefined;
	const found = lookup(action, error.code);
	if (!found) return undefined;
	return {
		status: found.status,
		code: error.code,
		description: found.description,
		billable: found.billable,
		retryable: found.retryable,
		requestId: error.requestId,
	};
}

/**
 * Whether a result code is billed, for retry decisions. The table's error codes are not verdicts
 * and not billed; codes the table does not know count as billed.
 */
export function isBillable(action: string, code: string): boolean {
	if (errorReason(action, code)) return false;
	return lookup(action, code)?.billable ?? true;
}
