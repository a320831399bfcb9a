import { z } from 'zod';

import { defineAction } from './common';

/**
 * GetWebVerificationResultIntl (faceid 2018-03-01, international site): the result of a hosted web
 * verification, readable for three days after the token was issued. `ErrorCode` is the verdict
 * (see pendingVerifications/hostedVerification/results.ts); it is null while the customer has not
 * finished. One `VerificationDetailList` entry per attempt (the customer may retry).
 */
export interface GetWebVerificationResultIntlRequest {
	BizToken: string;
}

export const GetWebVerificationResultIntlResponseSchema = z
	.object({
		ErrorCode: z.number().int().nullish(),
		ErrorMsg: z.string().nullish(),
		VerificationDetailList: z.array(z.record(z.unknown())).nullish(),
		VideoBase64: z.string().nullish(),
		BestFrameBase64: z.string().nullish(),
		OCRResult: z.array(z.record(z.unknown())).nullish(),
		Extra: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type GetWebVerificationResultIntlResponse = z.infer<typeof GetWebVerificationResultIntlResponseSchema>;

export const GetWebVerificationResultIntl = defineAction<GetWebVerificationResultIntlRequest, GetWebVerificationResultIntlResponse>({
	name: 'GetWebVerificationResultIntl',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['international'],
	responseSchema: GetWebVerificationResultIntlResponseSchema,
	rateLimit: 20,
	pendingCheck: { kind: 'webVerification', step: 'result' },
});
