import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { ApplyCardVerificationRequest } from './ApplyCardVerification';
import { defineAction } from './common';

/**
 * ApplyCardVerificationExternal (ocr 2018-11-19): the OCR service's successor of
 * the FaceID generation's start action. Same images and document codes (plus RESIDENCE_PERMIT), images at most
 * 2 MB after base64, and the answer carries only the token: no polling interval or limit.
 */
/** The FaceID generation's request, and the portrait option. */
export interface ApplyCardVerificationExternalRequest extends ApplyCardVerificationRequest {
	/** Whether the result should carry the portrait cut from the document (HeadImageBase64). */
	ReturnHeadImage?: boolean;
}

export const ApplyCardVerificationExternalResponseSchema = z
	.object({
		CardVerificationToken: z.string().min(1),
		RequestId: z.string(),
	})
	.passthrough();

export type ApplyCardVerificationExternalResponse = z.infer<typeof ApplyCardVerificationExternalResponseSchema>;

export const ApplyCardVerificationExternal = defineAction<
	ApplyCardVerificationExternalRequest,
	ApplyCardVerificationExternalResponse
>({
	name: 'ApplyCardVerificationExternal',
	service: 'ocr',
	version: '2018-11-19',
	sites: ['international'],
	responseSchema: ApplyCardVerificationExternalResponseSchema,
	rateLimit: 100,
	pendingCheck: { kind: 'ocr', step: 'start' },
	// The verdict is the result's Status (see pendingVerifications/cardVerification/statuses.ts), not a Result code.
	imageLimits: { ImageBase64Front: 2 * MEGABYTE, ImageBase64Back: 2 * MEGABYTE },
});
