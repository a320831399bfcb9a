import { z } from 'zod';

import { defineAction } from './common';

/** GetCardVerificationExternalResult (ocr 2018-11-19): the result of an ...External token. */
export interface GetCardVerificationExternalResultRequest {
	CardVerificationToken: string;
}

/**
 * `Status` is PROCESSING, ABNORMAL or COMPLETED in Tencent's SDKs (the API page has also shown
 * PASSED / WARNING / PROCESSING): kept as sent, classified in lib/tencent/outcomes.ts.
 * `CardInfo` (front) and `BackCardInfo` are GeneralCard objects.
 */
export const GetCardVerificationExternalResultResponseSchema = z
	.object({
		Status: z.string(),
		WarnInfo: z.array(z.string()).nullish(),
		Nationality: z.string().nullish(),
		CardInfo: z.record(z.unknown()).nullish(),
		BackCardInfo: z.record(z.unknown()).nullish(),
		CardVerificationToken: z.string().nullish(),
		HeadImageBase64: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type GetCardVerificationExternalResultResponse = z.infer<typeof GetCardVerificationExternalResultResponseSchema>;

export const GetCardVerificationExternalResult = defineAction<
	GetCardVerificationExternalResultRequest,
	GetCardVerificationExternalResultResponse
>({
	name: 'GetCardVerificationExternalResult',
	service: 'ocr',
	version: '2018-11-19',
	sites: ['international'],
	responseSchema: GetCardVerificationExternalResultResponseSchema,
	// "A maximum of 20 requests can be initiated per second for this API."
	rateLimit: 20,
	pendingCheck: { kind: 'ocr', step: 'result' },
});
