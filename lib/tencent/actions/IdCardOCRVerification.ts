import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { Base64Field } from '../requestBody';
import { defineAction, type Encryption } from './common';
import { failedOperationErrors, failedOperations, NAME_AND_ID_NUMBER_RESULTS } from './verdicts';

/**
 * IdCardOCRVerification (2018-03-01): a name and ID number, or a photo of the ID card's portrait
 * side, checked against the ID document database. Tencent's priority when several are sent:
 * Name + IdCard > ImageBase64 > ImageUrl.
 */
export interface IdCardOCRVerificationRequest {
	IdCard?: string;
	Name?: string;
	ImageBase64?: Base64Field;
	ImageUrl?: string;
	Encryption?: Encryption;
}

/** "不超过 3M" after base64, for ImageBase64 and for the image behind ImageUrl alike. */
export const ID_CARD_OCR_IMAGE_LIMIT = 3 * MEGABYTE;

export const IdCardOCRVerificationResponseSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		// Masked (韦** / 1****************X) when the input was a photo; OCR fields may be null.
		Name: z.string().nullish(),
		IdCard: z.string().nullish(),
		Sex: z.string().nullish(),
		Nation: z.string().nullish(),
		Birth: z.string().nullish(),
		Address: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type IdCardOCRVerificationResponse = z.infer<typeof IdCardOCRVerificationResponseSchema>;

export const IdCardOCRVerification = defineAction<IdCardOCRVerificationRequest, IdCardOCRVerificationResponse>({
	name: 'IdCardOCRVerification',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: IdCardOCRVerificationResponseSchema,
	rateLimit: 100,
	outcomes: {
		results: NAME_AND_ID_NUMBER_RESULTS,
		failedOperations: failedOperations(
			'DownLoadError',
			'EmptyImageError',
			'ImageBlur',
			'ImageDecodeFailed',
			'ImageNoIdCard',
			'ImageSizeTooLarge',
			'OcrFailed',
			'UnKnown',
		),
		errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
		similarity: false,
	},
	encryption: { requestFields: ['Name', 'IdCard'] },
	imageLimits: { ImageBase64: ID_CARD_OCR_IMAGE_LIMIT, ImageUrl: ID_CARD_OCR_IMAGE_LIMIT },
});
