/**
 * The one place that decides what a FaceID result means for a KYC workflow: passed, failed or
 * review, whether Tencent billed it, and whether asking again later can change the answer.
 * No n8n import: the node, the trigger, the sandbox and the benchmarks all read this table.
 *
 * One entry per API action (`OUTCOME_TABLES`): the action's own `Result` vocabulary, every
 * `FailedOperation.*` code its API page documents (they arrive in `Result` or in
 * `Response.Error`, and mean the same either way), and the few `FailedOperation.*` codes that are
 * errors rather than verdicts. Codes absent from a table (AuthFailure, InvalidParameter,
 * UnauthorizedOperation, RequestLimitExceeded, InternalError...) are errors.
 *
 * Billing. The API pages state it only for the name + ID number actions: "0" and "-1" are charged,
 * "-2"…"-7" are not. CheckIdCardInformation and ImageRecognitionV2 do not say, so the table is
 * conservative where a mistake would cost money twice: every answer in which Tencent delivered a
 * verdict (Success, a low similarity, a name/number mismatch, a spoof, an OCR warning, an
 * unexplained CompareFail) counts as billed and is never retried; input and image problems and
 * service faults that stopped the check before a verdict count as not billed.
 */
import { parseWarnings, type Warning } from './models/CheckIdCardInformation';
import { TencentCloudError } from './errors';

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
	/** Tencent's similarity score (0-100), for the actions that return `Sim`. */
	similarity?: number;
	/** CheckIdCardInformation's `Warnings`, one entry per code, spelled out. */
	warnings?: Warning[];
}

export interface OutcomeRule {
	status: OutcomeStatus;
	billable: boolean;
	retryable: boolean;
	description: string;
}

export type DecisionTable = Readonly<Record<string, OutcomeRule>>;

export interface ActionOutcomeTable {
	/** The action's own `Result` codes ("0" … "-7", or "Success"). */
	results: DecisionTable;
	/** The `FailedOperation.*` verdicts the action's page documents. */
	failedOperations: DecisionTable;
	/** `FailedOperation.*` codes that are errors (auth, quota, encryption settings), with why. */
	errors: Readonly<Record<string, string>>;
	/** Whether "Success" carries a similarity (`Sim`) that the threshold must confirm. */
	similarity: boolean;
}

export interface OutcomeOptions {
	/** Lowest `Sim` (0-100) that passes a "Success"; default 70, Tencent's recommendation. */
	similarityThreshold?: number;
}

/** Tencent: "Recommend at least 70 to be determined as the same person" (0.01% false accepts). */
export const DEFAULT_SIMILARITY_THRESHOLD = 70;

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

/** "Success" of the photo comparisons; the similarity threshold may still turn it into a failure. */
const SIMILARITY_RESULTS: DecisionTable = {
	Success: rule('passed', true, false, 'The photo matches the authoritative ID photo'),
};

/**
 * Every documented `FailedOperation.*` verdict, with one meaning whichever action returns it.
 * failed: Tencent has evidence against the identity. review: no verdict on the person (bad input,
 * bad image, no record, a service fault): a human decides or asks for a new photo.
 */
const FAILED_OPERATIONS: DecisionTable = {
	// Verdicts against the identity: billed (conservative, see above).
	'FailedOperation.CompareLowSimilarity': rule('failed', true, false, 'The face does not match the authoritative ID photo (low similarity)'),
	'FailedOperation.IdNameMisMatch': rule('failed', true, false, 'Name and ID number do not match'),
	'FailedOperation.LifePhotoDetectFake': rule('failed', true, false, 'The photo failed the real-person check (suspected spoof)'),
	// Verdicts a human should read: billed (conservative).
	'FailedOperation.CompareFail': rule('review', true, false, 'Tencent could not complete the comparison'),
	'FailedOperation.OcrWarningOccurred': rule('review', true, false, 'The ID card photo raised warnings, so Tencent skipped the comparison'),
	// Service faults: not billed, worth trying again later.
	'FailedOperation.CompareSystemError': rule('review', false, true, 'The comparison engine failed; try again later'),
	'FailedOperation.CompareLibServiceUnavailable': rule('review', false, true, 'The comparison database is under maintenance; try again later'),
	'FailedOperation.IdPhotoSystemNoanswer': rule('review', false, true, 'The authority did not return the ID photo; try again later'),
	'FailedOperation.FileSaveError': rule('review', false, true, 'Tencent could not store the file; try again later'),
	'FailedOperation.UnKnown': rule('review', false, true, 'Unknown internal error at Tencent; try again later'),
	'FailedOperation.DownLoadError': rule('review', false, true, 'Tencent could not download the image from the URL'),
	'FailedOperation.IdentityAuthLimitExceeded': rule('review', false, true, 'Daily verification attempts for this name and ID number exceeded; try again tomorrow'),
	// Identity data Tencent cannot check: not billed.
	'FailedOperation.IdFormatError': rule('review', false, false, 'Invalid ID number'),
	'FailedOperation.NameFormatError': rule('review', false, false, 'Invalid name'),
	'FailedOperation.IdNoExistSystem': rule('review', false, false, 'No record of this ID number in the ID document database'),
	'FailedOperation.IdPhotoNoExist': rule('review', false, false, 'The database holds no photo for this ID number'),
	'FailedOperation.IdPhotoPoorQuality': rule('review', false, false, 'The authoritative ID photo is of poor quality'),
	// Image problems: not billed; ask for a new photo.
	'FailedOperation.LifePhotoDetectFaces': rule('review', false, false, 'Several faces in the photo'),
	'FailedOperation.LifePhotoDetectNoFaces': rule('review', false, false, 'No complete face found in the photo'),
	'FailedOperation.LifePhotoPoorQuality': rule('review', false, false, 'The photo resolution is too low'),
	'FailedOperation.LifePhotoSizeError': rule('review', false, false, 'The photo is too large or too small'),
	'FailedOperation.EmptyImageError': rule('review', false, false, 'The image is empty'),
	'FailedOperation.ImageBlur': rule('review', false, false, 'The image is blurry'),
	'FailedOperation.ImageDecodeFailed': rule('review', false, false, 'The image could not be decoded'),
	'FailedOperation.ImageNoIdCard': rule('review', false, false, 'No ID card found in the image'),
	'FailedOperation.ImageSizeTooLarge': rule('review', false, false, 'The image is too large'),
	'FailedOperation.OcrFailed': rule('review', false, false, 'The ID card could not be read (OCR failed)'),
};

/** `FailedOperation.*` codes that say nothing about the person: the workflow must fail on them. */
const FAILED_OPERATION_ERRORS: Readonly<Record<string, string>> = {
	'FailedOperation.StsUnAuthErrError': 'authorisation: the STS temporary credentials are not authorised',
	'FailedOperation.RequestLimitExceeded': 'quota: the number of calls exceeded the limit',
	'FailedOperation.DecryptSystemError': 'encryption settings: Tencent could not decrypt the request',
	'FailedOperation.EncryptSystemError': 'encryption settings: Tencent could not encrypt the answer',
};

/** The subset of `source` named by `codes`; throws on a typo, so every listed code has a meaning. */
function pick<T>(source: Readonly<Record<string, T>>, codes: readonly string[]): Readonly<Record<string, T>> {
	return Object.fromEntries(
		codes.map((code) => {
			if (!(code in source)) throw new Error(`outcomes: no rule for ${code}`);
			return [code, source[code]];
		}),
	);
}

const F = 'FailedOperation.';
const codes = (...names: string[]): string[] => names.map((name) => F + name);

/** Per action, the codes its API page (shared/seeds) documents. */
export const OUTCOME_TABLES: Readonly<Record<string, ActionOutcomeTable>> = {
	IdCardVerification: {
		results: NAME_AND_ID_NUMBER_RESULTS,
		failedOperations: pick(FAILED_OPERATIONS, codes('UnKnown')),
		errors: pick(FAILED_OPERATION_ERRORS, codes('DecryptSystemError', 'StsUnAuthErrError')),
		similarity: false,
	},
	IdCardOCRVerification: {
		results: NAME_AND_ID_NUMBER_RESULTS,
		failedOperations: pick(
			FAILED_OPERATIONS,
			codes('DownLoadError', 'EmptyImageError', 'ImageBlur', 'ImageDecodeFailed', 'ImageNoIdCard', 'ImageSizeTooLarge', 'OcrFailed', 'UnKnown'),
		),
		errors: pick(FAILED_OPERATION_ERRORS, codes('DecryptSystemError', 'StsUnAuthErrError')),
		similarity: false,
	},
	CheckIdCardInformation: {
		results: SIMILARITY_RESULTS,
		failedOperations: pick(
			FAILED_OPERATIONS,
			codes(
				'CompareFail',
				'CompareLowSimilarity',
				'CompareSystemError',
				'DownLoadError',
				'EmptyImageError',
				'FileSaveError',
				'IdFormatError',
				'IdNameMisMatch',
				'IdNoExistSystem',
				'IdPhotoNoExist',
				'IdPhotoPoorQuality',
				'IdPhotoSystemNoanswer',
				'ImageBlur',
				'ImageDecodeFailed',
				'ImageNoIdCard',
				'ImageSizeTooLarge',
				'LifePhotoDetectFaces',
				'LifePhotoDetectFake',
				'LifePhotoDetectNoFaces',
				'LifePhotoPoorQuality',
				'LifePhotoSizeError',
				'OcrFailed',
				'OcrWarningOccurred',
				'UnKnown',
			),
		),
		errors: pick(FAILED_OPERATION_ERRORS, codes('EncryptSystemError', 'RequestLimitExceeded', 'StsUnAuthErrError')),
		similarity: true,
	},
	ImageRecognitionV2: {
		results: SIMILARITY_RESULTS,
		failedOperations: pick(
			FAILED_OPERATIONS,
			codes(
				'CompareFail',
				'CompareLibServiceUnavailable',
				'CompareLowSimilarity',
				'CompareSystemError',
				'IdFormatError',
				'IdNameMisMatch',
				'IdNoExistSystem',
				'IdPhotoNoExist',
				'IdPhotoPoorQuality',
				'IdPhotoSystemNoanswer',
				'IdentityAuthLimitExceeded',
				'LifePhotoDetectFaces',
				'LifePhotoDetectFake',
				'LifePhotoDetectNoFaces',
				'LifePhotoPoorQuality',
				'LifePhotoSizeError',
				'NameFormatError',
				'UnKnown',
			),
		),
		errors: pick(FAILED_OPERATION_ERRORS, codes('DecryptSystemError', 'StsUnAuthErrError')),
		similarity: true,
	},
};

/** Each action's `Result` vocabulary (kept for callers that only need those codes). */
export const DECISION_TABLES: Readonly<Record<string, DecisionTable>> = Object.fromEntries(
	Object.entries(OUTCOME_TABLES).map(([action, table]) => [action, table.results]),
);

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
	response: { Result?: unknown; Description?: unknown; RequestId?: string; Sim?: unknown; Warnings?: unknown },
	options: OutcomeOptions = {},
): Outcome {
	const code = String(response.Result ?? '');
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
	let found = lookup(action, code) ?? unknownCode(code, response.Description as string | undefined);
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

// -----------------------------------------------------------------------------------------------
// Asynchronous document verification: ApplyCardVerification → GetCardVerificationResult, and the
// OCR generation's ApplyCardVerificationExternal → GetCardVerificationExternalResult.
//
// The verdict is a `Status`, not a `Result` code. Tencent bills the check when Apply hands out the
// token, so every outcome below is `billable` (applying again pays again; asking for the result
// again is free), and `retryable` says whether asking for the result again later can change it.
// -----------------------------------------------------------------------------------------------

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

/** Outcome of a GetCardVerificationResult / GetCardVerificationExternalResult answer. */
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

/**
 * What a failed result request means for the token. `transient`: ask again at the next interval.
 * `configuration`: the credential, account or region is wrong for every token: stop and tell the
 * user. `token`: Tencent will never answer for this token (unknown, expired): report it.
 */
export type CardResultFailure = 'transient' | 'configuration' | 'token';

const TRANSIENT_CARD_RESULT_ERRORS = /^(RequestLimitExceeded|InternalError|ServiceUnavailable|FailedOperation\.(UnKnowError|UnKnown))(\.|$)/;
const CONFIGURATION_CARD_RESULT_ERRORS =
	/^(AuthFailure|UnauthorizedOperation|OperationDenied|UnsupportedRegion|InvalidParameterValue\.Region|ResourceUnavailable\.(InArrears|ResourcePackageRunOut)|FailedOperation\.UnOpenError)(\.|$)/;

export function classifyCardResultFailure(error: unknown): CardResultFailure {
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
