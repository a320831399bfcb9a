import { z } from 'zod';

import { defineAction } from './common';

/**
 * GetDetectInfoEnhanced (faceid 2018-03-01, China site): the result of a China hosted verification,
 * readable for three days. `Text.ErrCode` is the verdict (see
 * pendingVerifications/hostedVerification/results.ts); `Text` may be null, or `ErrCode` 17, while
 * the customer has not finished. `Text.LivenessDetail` has one entry per attempt.
 */
export interface GetDetectInfoEnhancedRequest {
	BizToken: string;
	RuleId: string;
	/** Which parts to return: digits of 1 text, 2 ID card, 3 best frame, 4 video…; 0 all. */
	InfoType?: string;
}

export const GetDetectInfoEnhancedResponseSchema = z
	.object({
		Text: z.record(z.unknown()).nullish(),
		IdCardData: z.record(z.unknown()).nullish(),
		BestFrame: z.record(z.unknown()).nullish(),
		VideoData: z.record(z.unknown()).nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type GetDetectInfoEnhancedResponse = z.infer<typeof GetDetectInfoEnhancedResponseSchema>;

export const GetDetectInfoEnhanced = defineAction<GetDetectInfoEnhancedRequest, GetDetectInfoEnhancedResponse>({
	name: 'GetDetectInfoEnhanced',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china'],
	responseSchema: GetDetectInfoEnhancedResponseSchema,
	rateLimit: 100,
	pendingCheck: { kind: 'detectAuth', step: 'result' },
});
