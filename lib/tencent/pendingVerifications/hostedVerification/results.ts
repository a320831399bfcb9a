/**
 * What a hosted verification's result means: each flow's error codes (the international
 * `ErrorCode`, China's `Text.ErrCode`), whether Tencent billed them, and whether sending the
 * customer a new link can change the answer. Abandoned, timed-out and expired verifications go to
 * Review with the reason, retryable. No n8n import.
 *
 * Sources: the international eKYC error-code page (billing per code, 1409 and 1410 added in 2026)
 * and China's Plus-version page. Where the international copy names a code without its meaning,
 * the meaning is China's for the same number, and the verdict is Review.
 */
import { rule, type DecisionTable, type OutcomeRule } from '../../actions/verdicts';
import { TencentCloudError } from '../../errors';
import type { Outcome } from '../../outcomes';
import type { ResultFailure } from '../check';
import type { HostedFlowKind } from './flows';
import { RESULT_WINDOW_MS } from './flows';

/** Outcome codes the package gives itself. */
export const HOSTED_IN_PROGRESS = 'IN_PROGRESS';
export const HOSTED_EXPIRED = 'EXPIRED';
export const HOSTED_LINK_CREATED = 'LINK_CREATED';
export const HOSTED_START_INTERRUPTED = 'LINK_INTERRUPTED';

const callError = rule('review', false, false, 'Tencent refused how the verification was started (check the link settings)');
const serviceError = rule('review', false, true, "Tencent's service failed during the verification; send a new link");
const notCompleted = (what: string) => rule('review', false, true, `${what}; the customer may try again with a new link`);

const COMMON_CODES: DecisionTable = {
	'0': rule('passed', true, false, "The customer's face matches their identity"),
	'1': callError,
	'2': callError,
	'3': callError,
	'4': serviceError,
	'8': serviceError,
	'10': serviceError,
	'14': rule('review', false, false, 'This verification was already completed'),
	'15': rule('review', false, true, 'The link expired before the customer finished; send a new link'),
	'16': rule('review', false, true, 'The customer reached the retry limit; send a new link'),
	'202': notCompleted('Tencent could not get the video'),
	'1001': notCompleted("Tencent's engine timed out"),
	'1003': notCompleted('The face could not be recognised'),
	'1004': notCompleted('The face check did not succeed'),
	'1005': notCompleted("Tencent's document database failed"),
};

/** The international web flow's `ErrorCode`. All but 0 are not billed on this flow. */
const WEB_VERIFICATION_CODES: DecisionTable = {
	...COMMON_CODES,
	'9': serviceError,
	'11': serviceError,
	'1002': rule('failed', false, false, 'Suspected spoofed recording: not a live person'),
	'1101': notCompleted('The verification did not complete (code 1101)'),
	'1409': rule('review', false, true, 'The verification timed out: the customer did not finish; send a new link'),
	'1410': rule('review', false, true, 'The customer left the verification; send a new link'),
	'2012': notCompleted('Several faces were in view'),
};

/** China's `Text.ErrCode` (Plus version). 0, 1002, 2006 and 2016 are billed. */
const DETECT_AUTH_CODES: DecisionTable = {
	...COMMON_CODES,
	'12': serviceError,
	'13': serviceError,
	'201': notCompleted('Tencent could not get the photo from WeChat'),
	'203': rule('review', false, false, 'The account may not call this API (check the RuleId and permissions)'),
	'204': rule('review', false, false, 'The WeChat official account or mini-program has not authorised FaceID'),
	'301': rule('failed', false, false, 'The ID card shown is not the one the verification was started with'),
	'302': rule('review', false, true, 'The ID card has expired'),
	'303': notCompleted('The ID card could not be scanned'),
	'1002': rule('failed', true, false, 'Suspected non-live recording'),
	'2006': rule('failed', true, false, 'Name and ID number do not match'),
	'2016': rule('failed', true, false, 'The face does not match the ID photo (similarity below 70)'),
};

const CODES: Readonly<Record<HostedFlowKind, DecisionTable>> = {
	webVerification: WEB_VERIFICATION_CODES,
	detectAuth: DETECT_AUTH_CODES,
};

/** China's "本次流程未完成" (this flow is not finished): asked too early, not an answer. */
const DETECT_AUTH_NOT_FINISHED = '17';

type Answer = Readonly<Record<string, unknown>> & { RequestId?: string };

function textOf(answer: Answer): Record<string, unknown> {
	const text = answer.Text;
	return text && typeof text === 'object' ? (text as Record<string, unknown>) : {};
}

/** The flow's verdict code, or undefined while the customer has not finished. */
export function hostedResultCode(flow: HostedFlowKind, answer: Answer): string | undefined {
	const raw = flow === 'webVerification' ? answer.ErrorCode : textOf(answer).ErrCode;
	if (raw === null || raw === undefined || raw === '') return undefined;
	const code = String(raw);
	return flow === 'detectAuth' && code === DETECT_AUTH_NOT_FINISHED ? undefined : code;
}

export function isFinalHostedResult(flow: HostedFlowKind, answer: Answer): boolean {
	return hostedResultCode(flow, answer) !== undefined;
}

/** One attempt of the customer's, as both flows report it. */
export interface HostedAttempt {
	code?: number;
	message?: string;
	livenessCode?: number;
	compareCode?: number;
	similarity?: number;
	/** China: whether Tencent charged for this attempt. */
	billed?: boolean;
	/** ms since the epoch (international) or Tencent's timestamp text (China). */
	at?: number | string;
}

function numberOrUndefined(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function compact(attempt: HostedAttempt): HostedAttempt {
	return Object.fromEntries(Object.entries(attempt).filter(([, value]) => value !== undefined)) as HostedAttempt;
}

/** Each attempt of the verification, oldest first. */
export function hostedAttempts(flow: HostedFlowKind, answer: Answer): HostedAttempt[] {
	if (flow === 'webVerification') {
		const list = Array.isArray(answer.VerificationDetailList) ? (answer.VerificationDetailList as Array<Record<string, unknown>>) : [];
		return list.map((detail) =>
			compact({
				code: numberOrUndefined(detail.ErrorCode),
				message: typeof detail.ErrorMsg === 'string' ? detail.ErrorMsg : undefined,
				livenessCode: numberOrUndefined(detail.LivenessErrorCode),
				compareCode: numberOrUndefined(detail.CompareErrorCode),
				similarity: numberOrUndefined(detail.Similarity),
				at: numberOrUndefined(detail.ReqTimestamp),
			}),
		);
	}
	const list = Array.isArray(textOf(answer).LivenessDetail) ? (textOf(answer).LivenessDetail as Array<Record<string, unknown>>) : [];
	return list.map((detail) =>
		compact({
			code: numberOrUndefined(detail.Errcode),
			message: typeof detail.Errmsg === 'string' ? detail.Errmsg : undefined,
			livenessCode: numberOrUndefined(detail.Livestatus),
			compareCode: numberOrUndefined(detail.Comparestatus),
			similarity: numberOrUndefined(detail.Sim),
			billed: typeof detail.IsNeedCharge === 'boolean' ? detail.IsNeedCharge : undefined,
			at: typeof detail.ReqTime === 'string' ? detail.ReqTime : undefined,
		}),
	);
}

function outcomeOfRule(found: OutcomeRule, code: string, requestId: string | undefined): Outcome {
	return { status: found.status, code, description: found.description, billable: found.billable, retryable: found.retryable, requestId };
}

/** The outcome of a result answer, final or not. */
export function outcomeOfHostedResult(flow: HostedFlowKind, answer: Answer): Outcome {
	const code = hostedResultCode(flow, answer);
	const attempts = hostedAttempts(flow, answer);
	if (code === undefined) {
		const tried = attempts.length ? ` (${attempts.length} attempt(s) so far)` : '';
		return outcomeOfRule(rule('review', false, true, `The customer has not finished the verification yet${tried}`), HOSTED_IN_PROGRESS, answer.RequestId);
	}
	const message = flow === 'webVerification' ? answer.ErrorMsg : textOf(answer).ErrMsg;
	const found =
		CODES[flow][code] ??
		// Undocumented here: a human decides; counted as billed, so nobody re-buys it unknowingly.
		rule('review', true, false, `Tencent's code ${code}${typeof message === 'string' && message ? `: ${message}` : ''}`);
	const outcome = outcomeOfRule(found, code, answer.RequestId);
	// China says per attempt what it charged: the item says so even where the code table does not.
	if (attempts.some((attempt) => attempt.billed === true)) outcome.billable = true;
	if (attempts.length > 1) outcome.description = `${outcome.description} (after ${attempts.length} attempts)`;
	const similarity = numberOrUndefined(flow === 'detectAuth' ? textOf(answer).Sim : attempts.at(-1)?.similarity);
	if (similarity !== undefined) outcome.similarity = similarity;
	return outcome;
}

/**
 * No final result within Tencent's result window (asked once more after it): Review. Whether the
 * customer finished and was billed cannot be known any more, so it counts as billed: whoever sends
 * a new link sees that one may have been paid for already.
 */
export function hostedExpired(details: { registeredAt?: number; requestId?: string; reason?: string }): Outcome {
	return {
		status: 'review',
		code: HOSTED_EXPIRED,
		description:
			details.reason ??
			`No final result within Tencent's ${RESULT_WINDOW_MS / 86_400_000}-day result window; Tencent may have billed a verification that was never read. Check before sending a new link`,
		billable: true,
		retryable: true,
		requestId: details.requestId,
	};
}

/** Tencent refused this token's result: an expired token is reported as expired, anything else to a human. */
export function hostedRefused(error: TencentCloudError): Outcome {
	if (/BizTokenExpired/i.test(error.code)) {
		return hostedExpired({
			requestId: error.requestId,
			reason: `Tencent no longer keeps this verification's result (${error.code}); it may have been billed. Check before sending a new link`,
		});
	}
	return {
		status: 'review',
		code: error.code,
		description: `Tencent refused the result request for this token: ${error.message}`,
		billable: false,
		retryable: false,
		requestId: error.requestId,
	};
}

/**
 * What a failed result request means. Only an answer about the token itself (Tencent does not know
 * it, or no longer keeps it) ends it; the credential, account, site or region being wrong concerns
 * every token (a Return Trigger on another site's credential gets InvalidAction); anything else is
 * asked again later.
 */
const TOKEN_ERRORS = /BizToken/i;
const CONFIGURATION_ERRORS =
	/^(AuthFailure|UnauthorizedOperation|OperationDenied|UnsupportedRegion|UnsupportedOperation|InvalidAction|NoSuchVersion|InvalidParameterValue\.(Region|RuleIdNotExist)|ResourceUnavailable|FailedOperation\.UnOpenError)(\.|$)/;

export function classifyHostedResultFailure(error: unknown): ResultFailure {
	if (!(error instanceof TencentCloudError) || error.kind !== 'api') return 'transient';
	if (TOKEN_ERRORS.test(error.code)) return 'token';
	return CONFIGURATION_ERRORS.test(error.code) ? 'configuration' : 'transient';
}

/** A created link: no verdict yet; the FaceID Trigger or the Return Trigger emits it. */
export function hostedLinkCreated(requestId?: string): Outcome {
	return {
		status: 'review',
		code: HOSTED_LINK_CREATED,
		description: 'Verification link created; the result arrives when the customer finishes',
		billable: false,
		retryable: false,
		requestId,
	};
}

/** The start call was sent but n8n stopped before its answer was stored: no link reached anyone. */
export function hostedStartInterrupted(): Outcome {
	return {
		status: 'review',
		code: HOSTED_START_INTERRUPTED,
		description: 'n8n stopped while Tencent was creating a verification link, so the link was never recorded: create a new one for this reference',
		billable: false,
		retryable: true,
	};
}
