import { z } from 'zod';

import { defineAction } from './common';

/** GetCardVerificationResult (faceid 2018-03-01): the result of a FaceID-generation document token. */
export interface GetCardVerificationResultRequest {
	CardVerificationToken: string;
}

/**
 * `Status` is PASSED, WARNING, REJECTED or PROCESSING (an older version spelled them Passed,
 * Warning, Rejected): kept as sent, compared case-insensitively in lib/tencent/outcomes.ts.
 * `CardInfo` holds one object per document kind; it passes through whole.
 */
export const GetCardVerificationResultResponseSchema = z
	.object({
		Status: z.string(),
		WarnInfo: z.array(z.string()).nullish(),
		Nationality: z.string().nullish(),
		CardType: z.string().nullish(),
		CardSubType: z.string().nullish(),
		CardInfo: z.record(z.unknown()).nullish(),
		IDVerificationToken: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type GetCardVerificationResultResponse = z.infer<typeof GetCardVerificationResultResponseSchema>;

export const GetCardVerificationResult = defineAction<GetCardVerificationResultRequest, GetCardVerificationResultResponse>({
	name: 'GetCardVerificationResult',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['international'],
	responseSchema: GetCardVerificationResultResponseSchema,
	rateLimit: 100,
	pendingCheck: { kind: 'faceid', step: 'result' },
});
