/**
 * Asynchronous document verification, the parts every caller shares (the FaceID node's Apply and
 * Get operations, the FaceID Trigger, the sandbox): the two API generations, the documents and
 * regions Tencent accepts, which documents need their back side, and how long to keep asking.
 * No n8n import.
 */
import type { ActionDefinition, BaseResponse } from '../../actions/common';
import { ACTIONS, type AnyActionDefinition } from '../../catalogue';
import type { TencentSite } from '../../endpoint';
import type { PollingPlan } from '../inlineWait';

/**
 * `faceid`: the FaceID service's pair (2018-03-01), the one the API page documents. `ocr`: the OCR
 * service's successors (2018-11-19), where Tencent moved the feature in 2026. Their actions say
 * which generation and step they are (`pendingCheck` in their definitions).
 */
export type CardVerificationGeneration = 'faceid' | 'ocr';

function stepOf(kind: CardVerificationGeneration, step: 'start' | 'result'): AnyActionDefinition {
	const found = ACTIONS.find((action) => action.pendingCheck?.kind === kind && action.pendingCheck.step === step);
	if (!found) throw new Error(`No ${step} action is defined for the ${kind} document check`);
	return found;
}

export interface GenerationDefinition {
	apply: ActionDefinition<any, BaseResponse & { CardVerificationToken: string }>;
	getResult: ActionDefinition<{ CardVerificationToken: string }, BaseResponse & { Status: string }>;
	cardTypes: readonly string[];
}

export const GENERATIONS: Readonly<Record<CardVerificationGeneration, GenerationDefinition>> = {
	faceid: {
		apply: stepOf('faceid', 'start') as GenerationDefinition['apply'],
		getResult: stepOf('faceid', 'result') as GenerationDefinition['getResult'],
		cardTypes: ['ID_CARD', 'PASSPORT', 'DRIVING_LICENSE', 'AUTO'],
	},
	ocr: {
		apply: stepOf('ocr', 'start') as GenerationDefinition['apply'],
		getResult: stepOf('ocr', 'result') as GenerationDefinition['getResult'],
		cardTypes: ['ID_CARD', 'PASSPORT', 'DRIVING_LICENSE', 'RESIDENCE_PERMIT', 'AUTO'],
	},
};

/** The sites that offer every step of both generations (their definitions say which). */
export const CARD_VERIFICATION_SITES: readonly TencentSite[] = (['china', 'international'] as const).filter((site) =>
	Object.values(GENERATIONS).every((generation) => generation.apply.sites.includes(site) && generation.getResult.sites.includes(site)),
);

export function isCardVerificationGeneration(value: unknown): value is CardVerificationGeneration {
	return typeof value === 'string' && Object.hasOwn(GENERATIONS, value);
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

/** Tencent's limit for a document image of this generation, measured on the base64 text. */
export function maxDocumentImageBytes(generation: CardVerificationGeneration): number {
	const limit = GENERATIONS[generation].apply.imageLimits?.ImageBase64Front;
	if (!limit) throw new Error(`The ${generation} document check defines no image limit`);
	return limit;
}
