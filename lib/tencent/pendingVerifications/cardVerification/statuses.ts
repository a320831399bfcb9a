/**
 * What a document check's result means: the verdict is a `Status`, not a `Result` code. Tencent
 * bills the check when Apply hands out the token, so every outcome here is `billable` (applying
 * again pays again; asking for the result again is free), and `retryable` says whether asking for
 * the result again later can change it. Both API generations (see generations.ts) share them.
 */
import { rule, type DecisionTable } from '../../actions/verdicts';
import type { Warning } from '../../actions/CheckIdCardInformation';
import { TencentCloudError } from '../../errors';
import type { Outcome } from '../../outcomes';
import type { ResultFailure } from '../check';

/**
 * Statuses of both generations, upper-cased (an older API version spelled them Passed, Warning,
 * Rejected). The OCR generation has no rejection: COMPLETED passes unless it carries warnings, and
 * ABNORMAL (Tencent's SDKs list it without saying more) goes to a human rather than failing a
 * customer on a status whose meaning Tencent does not document.
 */
const CARD_VERIFICATION_STATUSES: DecisionTable = {
	PASSED: rule('passed', true, false, 'The document passed verification'),
	REJECTED: rule('failed', true, false, 'Tencent rejected the document'),
	WARNING: rule('review', true, false, 'The document passed with warnings'),
	PROCESSING: rule('review', true, true, 'Tencent is still checking the document; ask for the result again later'),
	COMPLETED: rule('passed', true, false, 'The document check completed'),
	ABNORMAL: rule('review', true, false, 'Tencent marked the document check abnormal'),
};

/** Outcome codes the package gives itself when Tencent has not given a final status. */
export const CARD_VERIFICATION_TIMED_OUT = 'TIMED_OUT';
export const CARD_VERIFICATION_APPLY_INTERRUPTED = 'APPLY_INTERRUPTED';

/** `WarnInfo` values the OCR generation documents; the faceid generation's are free-form text. */
export const CARD_WARNINGS: Readonly<Record<string, string>> = {
	ScreenshotSuspected: 'The image is a screenshot',
	RetakeSuspected: 'The image was photographed from another screen',
	PaperCopy: 'The image is a black-and-white or colour photocopy',
	FakeSuspected: 'The card or the information on it was edited or altered',
	PoorImageQuality: 'The image quality is poor',
	InformationVerificationFailed: 'The information read from the card failed verification',
	TooManyCards: 'Several cards are in the picture',
	IncompleteCard: 'The card is not completely in the picture',
	OtherWarning: "The document's authenticity could not be verified for other reasons",
};

/** `WarnInfo` → one entry per warning, spelled out; free-form text describes itself. */
export function parseCardWarnings(warnInfo: unknown): Warning[] {
	if (!Array.isArray(warnInfo)) return [];
	return warnInfo
		.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
		.map((value) => ({ code: value.trim(), description: CARD_WARNINGS[value.trim()] ?? value.trim() }));
}

/** Outcome of a result answer of either generation. */
export function outcomeOfCardVerification(response: { Status?: unknown; WarnInfo?: unknown; RequestId?: string }): Outcome {
	const status = typeof response.Status === 'string' ? response.Status.trim() : '';
	const code = status.toUpperCase();
	const warnings = parseCardWarnings(response.WarnInfo);
	let found =
		CARD_VERIFICATION_STATUSES[code] ??
		rule('review', true, false, `Status "${status}" is not documented for document verification`);
	if (found.status === 'passed' && warnings.length > 0) {
		found = { ...found, status: 'review', description: `${found.description}, with warnings` };
	}
	const outcome: Outcome = {
		status: found.status,
		code,
		description: warnings.length
			? `${found.description}: ${warnings.map((warning) => warning.description).join('; ')}`
			: found.description,
		billable: found.billable,
		retryable: found.retryable,
		requestId: response.RequestId,
	};
	if (warnings.length > 0) outcome.warnings = warnings;
	return outcome;
}

/** Whether a status is final (asking again gives the same answer). */
export function isFinalCardVerificationStatus(status: unknown): boolean {
	return typeof status === 'string' && status.trim().toUpperCase() !== 'PROCESSING';
}

/** Tencent was still processing when the polls ran out: Review, with the token, to ask again later. */
export function cardVerificationTimedOut(details: { polls: number; waitedMs: number; requestId?: string }): Outcome {
	const seconds = Math.round(details.waitedMs / 1000);
	return {
		status: 'review',
		code: CARD_VERIFICATION_TIMED_OUT,
		description: `Tencent was still processing the document after ${details.polls} poll(s) over ${seconds} s; ask for the result again with the token (operation "Get Card Verification Result")`,
		billable: true,
		retryable: true,
		requestId: details.requestId,
	};
}

/**
 * An Apply call was sent but n8n stopped before its answer was recorded: Tencent may have started
 * (and billed) a check whose token nobody knows. Reported so that it is not lost silently.
 */
export function cardVerificationApplyInterrupted(): Outcome {
	return {
		status: 'review',
		code: CARD_VERIFICATION_APPLY_INTERRUPTED,
		description:
			'n8n stopped while Tencent was answering an Apply call, so its token was never recorded: a check may have been started and billed. Submit the document again if no result arrives for this reference.',
		billable: true,
		retryable: false,
	};
}

/** Tencent refused to give this token's result (unknown, expired, malformed): final, to a human. */
export function cardVerificationRefused(error: TencentCloudError): Outcome {
	return {
		status: 'review',
		code: error.code,
		description: `Tencent refused the result request for this token: ${error.message}`,
		billable: true,
		retryable: false,
		requestId: error.requestId,
	};
}

/** What a failed result request means for the token (see ResultFailure). */
const TRANSIENT_CARD_RESULT_ERRORS = /^(RequestLimitExceeded|InternalError|ServiceUnavailable|FailedOperation\.(UnKnowError|UnKnown))(\.|$)/;
const CONFIGURATION_CARD_RESULT_ERRORS =
	/^(AuthFailure|UnauthorizedOperation|OperationDenied|UnsupportedRegion|InvalidParameterValue\.Region|ResourceUnavailable\.(InArrears|ResourcePackageRunOut)|FailedOperation\.UnOpenError)(\.|$)/;

export function classifyCardResultFailure(error: unknown): ResultFailure {
	if (!(error instanceof TencentCloudError) || error.kind !== 'api') return 'transient';
	if (TRANSIENT_CARD_RESULT_ERRORS.test(error.code)) return 'transient';
	if (CONFIGURATION_CARD_RESULT_ERRORS.test(error.code)) return 'configuration';
	return 'token';
}

/**
 * No final status yet, for a reason other than the polls running out (the execution was
 * cancelled, Tencent could not be asked): Review, with the token, to ask again later.
 */
export function cardVerificationUnfinished(code: string, description: string, requestId?: string): Outcome {
	return { status: 'review', code, description, billable: true, retryable: true, requestId };
}
