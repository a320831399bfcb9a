/**
 * Asynchronous document verification, the parts every caller shares (the FaceID node's Apply and
 * Get operations, the FaceID Trigger, the sandbox): the two API generations, the documents and
 * regions Tencent accepts, which documents need their back side, and how long to keep asking.
 * No n8n import.
 */
import { ApplyCardVerification } from './models/ApplyCardVerification';
import { ApplyCardVerificationExternal } from './models/ApplyCardVerificationExternal';
import type { ActionDefinition, BaseResponse } from './models/common';
import { GetCardVerificationExternalResult } from './models/GetCardVerificationExternalResult';
import { GetCardVerificationResult } from './models/GetCardVerificationResult';
import { MEGABYTE } from './images';
import { classifyCardResultFailure, isFinalCardVerificationStatus } from './outcomes';

/**
 * `faceid`: ApplyCardVerification / GetCardVerificationResult (faceid 2018-03-01), the pair the API
 * page documents. `ocr`: ApplyCardVerificationExternal / GetCardVerificationExternalResult (ocr
 * 2018-11-19), where Tencent moved the feature in 2026.
 */
export type CardVerificationGeneration = 'faceid' | 'ocr';

export const CARD_VERIFICATION_GENERATIONS: readonly CardVerificationGeneration[] = ['faceid', 'ocr'];

export interface GenerationDefinition {
	apply: ActionDefinition<any, BaseResponse & { CardVerificationToken: string }>;
	getResult: ActionDefinition<{ CardVerificationToken: string }, BaseResponse & { Status: string }>;
	/** Tencent's image limit, measured on the base64 text. */
	maxImageBase64Bytes: number;
	cardTypes: readonly string[];
}

export const GENERATIONS: Readonly<Record<CardVerificationGeneration, GenerationDefinition>> = {
	faceid: {
		apply: ApplyCardVerification,
		getResult: GetCardVerificationResult,
		maxImageBase64Bytes: 5 * MEGABYTE,
		cardTypes: ['ID_CARD', 'PASSPORT', 'DRIVING_LICENSE', 'AUTO'],
	},
	ocr: {
		apply: ApplyCardVerificationExternal,
		getResult: GetCardVerificationExternalResult,
		maxImageBase64Bytes: 2 * MEGABYTE,
		cardTypes: ['ID_CARD', 'PASSPORT', 'DRIVING_LICENSE', 'RESIDENCE_PERMIT', 'AUTO'],
	},
};

export function isCardVerificationGeneration(value: unknown): value is CardVerificationGeneration {
	return value === 'faceid' || value === 'ocr';
}

/** The only regions the card actions are offered in ("This API only supports: …"). */
export const CARD_VERIFICATION_REGIONS = ['ap-hongkong', 'ap-jakarta', 'ap-singapore'] as const;

/** Document countries the API page lists (ISO 3166-1 alpha-3), plus AUTO. */
export const NATIONALITIES: ReadonlyArray<{ code: string; name: string }> = [
	{ code: 'AUTO', name: 'Automatic Identification' },
	{ code: 'BGD', name: 'Bangladesh' },
	{ code: 'HKG', name: 'Hong Kong (China)' },
	{ code: 'IDN', name: 'Indonesia' },
	{ code: 'JPN', name: 'Japan' },
	{ code: 'MYS', name: 'Malaysia' },
	{ code: 'NGA', name: 'Nigeria' },
	{ code: 'PAK', name: 'Pakistan' },
	{ code: 'SGP', name: 'Singapore' },
	{ code: 'TWN', name: 'Taiwan (China)' },
	{ code: 'THA', name: 'Thailand' },
];

/**
 * The API page's table "Back side required", by nationality and card type. Documents it does not
 * list (passports, AUTO) are not checked here: Tencent decides.
 */
const BACK_SIDE_REQUIRED: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
	IDN: { ID_CARD: false, DRIVING_LICENSE: false },
	HKG: { ID_CARD: true },
	THA: { ID_CARD: false, DRIVING_LICENSE: true },
	MYS: { ID_CARD: true, DRIVING_LICENSE: true },
	SGP: { ID_CARD: true, DRIVING_LICENSE: true },
	JPN: { ID_CARD: true, DRIVING_LICENSE: false },
	TWN: { ID_CARD: true },
};

export function isBackSideRequired(nationality: string, cardType: string): boolean {
	return BACK_SIDE_REQUIRED[nationality]?.[cardType] ?? false;
}

/**
 * Used when Tencent gives no polling plan: the OCR generation's Apply returns only the token.
 * Five seconds apart, for at most five minutes.
 */
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_MAX_POLLS = 60;

export interface PollingPlan {
	intervalMs: number;
	maxPolls: number;
}

/**
 * How often and how many times to ask for a token's result: Tencent's own numbers from the Apply
 * answer when it sent them (else the fallback interval and DEFAULT_MAX_POLLS), capped by the
 * user's limit (0 or absent: no cap of the user's).
 */
export function pollingPlan(
	applyResponse: Readonly<Record<string, unknown>>,
	userMaxPolls?: number,
	fallbackIntervalSeconds: number = DEFAULT_POLL_INTERVAL_SECONDS,
): PollingPlan {
	const wait = applyResponse.AsyncCardVerificationPollingWaitTime;
	const max = applyResponse.AsyncCardVerificationMaxPollingTimes;
	const intervalSeconds = typeof wait === 'number' && wait > 0 ? wait : fallbackIntervalSeconds;
	let maxPolls = typeof max === 'number' && max > 0 ? Math.floor(max) : DEFAULT_MAX_POLLS;
	if (userMaxPolls !== undefined && userMaxPolls > 0) maxPolls = Math.min(maxPolls, Math.floor(userMaxPolls));
	return { intervalMs: Math.round(intervalSeconds * 1000), maxPolls };
}

/** The card data of a result: whichever of Tencent's card objects it carries, nothing else. */
export function cardDataOf(response: Record<string, unknown>): Record<string, unknown> {
	const data: Record<string, unknown> = {};
	for (const field of ['Nationality', 'CardType', 'CardSubType', 'CardInfo', 'BackCardInfo']) {
		if (response[field] !== undefined && response[field] !== null) data[field] = response[field];
	}
	return data;
}

export type CardResultRequest = () => Promise<Record<string, unknown> & { Status: string; RequestId?: string }>;

export interface InlineWaitOutcome {
	/**
	 * final: Tencent gave its verdict. timed-out: the polls ran out while still PROCESSING.
	 * cancelled: the execution was stopped. refused: Tencent will never answer for this token.
	 * unreachable: every token would fail the same way (credential, account, region).
	 */
	kind: 'final' | 'timed-out' | 'cancelled' | 'refused' | 'unreachable';
	/** The last answer Tencent gave (final or PROCESSING). */
	response?: Record<string, unknown> & { Status: string; RequestId?: string };
	/** The error that ended the wait, or the last transient one before the polls ran out. */
	error?: unknown;
	/** Result requests made. */
	polls: number;
}

/**
 * Waits for a token's result inside a workflow: one request per interval, at most
 * `plan.maxPolls`, stopping as soon as Tencent answers a final status or the signal aborts.
 * A request that fails in passing (network, throttling) uses up its poll; one Tencent refuses
 * for good ends the wait. `sleep` must reject when the signal aborts.
 */
export async function waitForCardVerification(options: {
	requestResult: CardResultRequest;
	plan: PollingPlan;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	signal?: AbortSignal;
}): Promise<InlineWaitOutcome> {
	const { plan, signal } = options;
	let polls = 0;
	let response: InlineWaitOutcome['response'];
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
			const failure = classifyCardResultFailure(error);
			if (failure === 'token') return { kind: 'refused', response, error, polls };
			if (failure === 'configuration') return { kind: 'unreachable', response, error, polls };
			lastError = error;
			continue;
		}
		if (isFinalCardVerificationStatus(response.Status)) return { kind: 'final', response, polls };
	}
	return { kind: 'timed-out', response, polls, ...(lastError === undefined ? {} : { error: lastError }) };
}
