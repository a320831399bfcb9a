import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { Base64Field } from '../requestBody';
import { defineAction } from './common';

/**
 * ApplyCardVerification (faceid 2018-03-01): starts the asynchronous check of a foreign ID
 * document and returns a token; the generation's result action reads it later. Tencent bills
 * the check when it hands out the token, so an Apply that answered is never repeated.
 */
export interface ApplyCardVerificationRequest {
	Nationality: string;
	CardType: string;
	/** One of the front images is required; Tencent uses the URL when both are sent. */
	ImageBase64Front?: Base64Field;
	ImageUrlFront?: string;
	/** Required for the documents the API page marks "Yes" (see BACK_SIDE_REQUIRED). */
	ImageBase64Back?: Base64Field;
	ImageUrlBack?: string;
}

export const ApplyCardVerificationResponseSchema = z
	.object({
		CardVerificationToken: z.string().min(1),
		AsyncCardVerificationMaxPollingTimes: z.number().int().nullish(),
		/** Seconds between two result requests. */
		AsyncCardVerificationPollingWaitTime: z.number().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type ApplyCardVerificationResponse = z.infer<typeof ApplyCardVerificationResponseSchema>;

export const ApplyCardVerification = defineAction<ApplyCardVerificationRequest, ApplyCardVerificationResponse>({
	name: 'ApplyCardVerification',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['international'],
	responseSchema: ApplyCardVerificationResponseSchema,
	rateLimit: 100,
	pendingCheck: { kind: 'faceid', step: 'start' },
	// The verdict is the result's Status (see pendingVerifications/cardVerification/statuses.ts), not a Result code.
	imageLimits: { ImageBase64Front: 5 * MEGABYTE, ImageBase64Back: 5 * MEGABYTE },
});
