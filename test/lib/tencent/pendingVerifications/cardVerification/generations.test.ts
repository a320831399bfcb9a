/**
 * The two API generations of the document check and what they share: which definitions are each
 * generation's start and result steps, the documents and countries, which back sides Tencent
 * requires, the polling plan, and the image limit.
 */
import { ApplyCardVerification } from '../../../../../lib/tencent/actions/ApplyCardVerification';
import { ApplyCardVerificationExternal } from '../../../../../lib/tencent/actions/ApplyCardVerificationExternal';
import { GetCardVerificationExternalResult } from '../../../../../lib/tencent/actions/GetCardVerificationExternalResult';
import { GetCardVerificationResult } from '../../../../../lib/tencent/actions/GetCardVerificationResult';
import { MEGABYTE } from '../../../../../lib/tencent/images';
import {
	CARD_VERIFICATION_REGIONS,
	DEFAULT_MAX_POLLS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	GENERATIONS,
	isBackSideRequired,
	isCardVerificationGeneration,
	maxDocumentImageBytes,
	NATIONALITIES,
	pollingPlan,
} from '../../../../../lib/tencent/pendingVerifications/cardVerification/generations';

describe('the generations', () => {
	test("each generation's steps are the definitions marked as its start and result", () => {
		expect(GENERATIONS.faceid.apply).toBe(ApplyCardVerification);
		expect(GENERATIONS.faceid.getResult).toBe(GetCardVerificationResult);
		expect(GENERATIONS.ocr.apply).toBe(ApplyCardVerificationExternal);
		expect(GENERATIONS.ocr.getResult).toBe(GetCardVerificationExternalResult);
		for (const [kind, generation] of Object.entries(GENERATIONS)) {
			expect(generation.apply.pendingCheck).toEqual({ kind, step: 'start' });
			expect(generation.getResult.pendingCheck).toEqual({ kind, step: 'result' });
			expect(generation.apply.service).toBe(generation.getResult.service);
		}
	});

	test('only the OCR generation takes residence permits; both take AUTO', () => {
		expect(GENERATIONS.ocr.cardTypes.filter((type) => !GENERATIONS.faceid.cardTypes.includes(type))).toEqual(['RESIDENCE_PERMIT']);
		expect(GENERATIONS.faceid.cardTypes).toContain('AUTO');
		expect(GENERATIONS.ocr.cardTypes).toContain('AUTO');
	});

	test('isCardVerificationGeneration knows exactly faceid and ocr', () => {
		expect(isCardVerificationGeneration('faceid')).toBe(true);
		expect(isCardVerificationGeneration('ocr')).toBe(true);
		for (const other of ['FACEID', 'toString', 'constructor', '', undefined, 1, {}]) expect(isCardVerificationGeneration(other)).toBe(false);
	});

	test('the image limit is the Apply definition\'s: 5 MB after base64 for faceid, 2 MB for ocr', () => {
		expect(maxDocumentImageBytes('faceid')).toBe(5 * MEGABYTE);
		expect(maxDocumentImageBytes('ocr')).toBe(2 * MEGABYTE);
		expect(maxDocumentImageBytes('ocr')).toBe(ApplyCardVerificationExternal.imageLimits?.ImageBase64Front);
	});
});

test('the regions and countries the API page lists; every country of the back-side table can be chosen', () => {
	expect([...CARD_VERIFICATION_REGIONS]).toEqual(['ap-hongkong', 'ap-jakarta', 'ap-singapore']);
	const codes = NATIONALITIES.map((nationality) => nationality.code);
	expect(codes[0]).toBe('AUTO');
	expect(new Set(codes).size).toBe(codes.length);
	for (const code of ['HKG', 'IDN', 'JPN', 'MYS', 'SGP', 'THA', 'TWN']) expect(codes).toContain(code);
});

test("the back side is required exactly where the API page's table says so", () => {
	const required = [
		['HKG', 'ID_CARD'],
		['THA', 'DRIVING_LICENSE'],
		['MYS', 'ID_CARD'],
		['MYS', 'DRIVING_LICENSE'],
		['SGP', 'ID_CARD'],
		['SGP', 'DRIVING_LICENSE'],
		['JPN', 'ID_CARD'],
		['TWN', 'ID_CARD'],
	];
	const notRequired = [
		['IDN', 'ID_CARD'],
		['IDN', 'DRIVING_LICENSE'],
		['THA', 'ID_CARD'],
		['JPN', 'DRIVING_LICENSE'],
		['SGP', 'PASSPORT'],
		['AUTO', 'AUTO'],
	];
	for (const [nationality, cardType] of required) expect([nationality, cardType, isBackSideRequired(nationality, cardType)]).toEqual([nationality, cardType, true]);
	for (const [nationality, cardType] of notRequired) expect([nationality, cardType, isBackSideRequired(nationality, cardType)]).toEqual([nationality, cardType, false]);
});

test("the polling plan is Tencent's, capped by the user's limit, with a fallback when Tencent sends none", () => {
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 })).toEqual({ intervalMs: 3000, maxPolls: 20 });
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 }, 5)).toEqual({ intervalMs: 3000, maxPolls: 5 });
	expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 3, AsyncCardVerificationMaxPollingTimes: 20 }, 50)).toEqual({ intervalMs: 3000, maxPolls: 20 });
	expect(pollingPlan({ CardVerificationToken: 't' }, 0, 2)).toEqual({ intervalMs: 2000, maxPolls: DEFAULT_MAX_POLLS });
});

describe('the polling plan, edge cases', () => {
	test('the defaults when Tencent sends nothing: every 5 s, at most 60 times', () => {
		expect(DEFAULT_POLL_INTERVAL_SECONDS).toBe(5);
		expect(DEFAULT_MAX_POLLS).toBe(60);
		expect(pollingPlan({})).toEqual({ intervalMs: 5000, maxPolls: 60 });
	});

	test('numbers that are not positive, or not numbers, are ignored; fractions of a poll are dropped', () => {
		expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 0, AsyncCardVerificationMaxPollingTimes: -1 })).toEqual({ intervalMs: 5000, maxPolls: 60 });
		expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: '3', AsyncCardVerificationMaxPollingTimes: '20' })).toEqual({ intervalMs: 5000, maxPolls: 60 });
		expect(pollingPlan({ AsyncCardVerificationPollingWaitTime: 1.5, AsyncCardVerificationMaxPollingTimes: 7.9 })).toEqual({ intervalMs: 1500, maxPolls: 7 });
		expect(pollingPlan({ AsyncCardVerificationMaxPollingTimes: 20 }, 3.7)).toEqual({ intervalMs: 5000, maxPolls: 3 });
		expect(pollingPlan({ AsyncCardVerificationMaxPollingTimes: 20 }, -2)).toEqual({ intervalMs: 5000, maxPolls: 20 });
	});
});
