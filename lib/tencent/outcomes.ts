/**
 * The one place that decides what a FaceID result means for a KYC workflow: passed, failed or
 * review, whether Tencent billed it, and whether asking again later can change the answer.
 * No n8n import: the node, the trigger, the sandbox and the benchmarks all read this table.
 */
import type { TencentCloudError } from './errors';

export type OutcomeStatus = 'passed' | 'failed' | 'review';

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
}

export interface OutcomeRule {
	status: OutcomeStatus;
	billable: boolean;
	retryable: boolean;
	description: string;
}

export type DecisionTable = Readonly<Record<string, OutcomeRule>>;

const rule = (status: OutcomeStatus, billable: boolean, retryable: boolean, description: string): OutcomeRule => ({
	status,
	billable,
	retryable,
	description,
});

/** IdCardVerification and IdCardOCRVerification share Tencent's `Result` vocabulary. */
const NAME_AND_ID_NUMBER_RESULTS: DecisionTable = {
	'0': rule('passed', true, false, 'Name and ID number match'),
	'-1': rule('failed', true, false, 'Name and ID number do not match'),
	'-2': rule('review', false, false, 'Invalid ID number (length or check digit)'),
	'-3': rule('review', false, false, 'Invalid name (length or format)'),
	'-4': rule('review', false, true, 'ID document service error; try again later'),
	'-5': rule('review', false, false, 'No record of this ID number in the ID document database'),
	'-6': rule('review', false, true, 'The authoritative comparison system is being upgraded; try again later'),
	'-7': rule('review', false, true, 'Daily verification attempts for this ID number exceeded; try again tomorrow'),
};

/** Decision tables by API action. An action absent here has no outcome routing. */
export const DECISION_TABLES: Readonly<Record<string, DecisionTable>> = {
	IdCardVerification: NAME_AND_ID_NUMBER_RESULTS,
};

/**
 * A code the table does not know goes to a human, and counts as billed: assuming it was free
 * could make a retry pay twice.
 */
function unknownCode(code: string, description?: string | null): OutcomeRule {
	return rule('review', true, false, description || `Result code ${code} is not documented for this action`);
}

function lookup(action: string, code: string): OutcomeRule | undefined {
	return DECISION_TABLES[action]?.[code];
}

/** Outcome of a successful answer (`Response.Result`). */
export function outcomeOfResult(
	action: string,
	response: { Result?: unknown; Description?: unknown; RequestId?: string },
): Outcome {
	const code = String(response.Result ?? '');
	const found = lookup(action, code) ?? unknownCode(code, response.Description as string | undefined);
	return {
		status: found.status,
		code,
		description: found.description,
		billable: found.billable,
		retryable: found.retryable,
		requestId: response.RequestId,
	};
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

/** Whether a result code is billed, for retry decisions; unknown codes count as billed. */
export function isBillable(action: string, code: string): boolean {
	return lookup(action, code)?.billable ?? true;
}
