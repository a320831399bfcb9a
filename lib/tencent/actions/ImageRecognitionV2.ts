import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { Base64Field } from '../requestBody';
import { defineAction, EncryptionSchema, type Encryption } from './common';
import { failedOperationErrors, failedOperations, SIMILARITY_RESULTS } from './verdicts';

/**
 * ImageRecognitionV2 (2018-03-01): a face photo against the authoritative ID photo of a name and
 * ID number. The photo goes only as ImageBase64: this action takes no image URL.
 */
export interface ImageRecognitionV2Request {
	IdCard: string;
	Name: string;
	ImageBase64: Base64Field;
	/** "This parameter is not required for this API", but documented and passed through. */
	Optional?: string;
	Encryption?: Encryption;
	/** Free text Tencent echoes in the answer, e.g. a case reference. */
	Extra?: string;
}

/** "Base64编码后的图片数据大小不超过3M", jpg and png only. */
export const IMAGE_RECOGNITION_IMAGE_LIMIT = 3 * MEGABYTE;

export const ImageRecognitionV2ResponseSchema = z
	.object({
		/** 0-100; Tencent recommends at least 70 for "same person". */
		Sim: z.number().nullish(),
		Result: z.string(),
		Description: z.string().nullish(),
		Extra: z.string().nullish(),
		Encryption: EncryptionSchema.nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type ImageRecognitionV2Response = z.infer<typeof ImageRecognitionV2ResponseSchema>;

export const ImageRecognitionV2 = defineAction<ImageRecognitionV2Request, ImageRecognitionV2Response>({
	name: 'ImageRecognitionV2',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: ImageRecognitionV2ResponseSchema,
	rateLimit: 20,
	outcomes: {
		results: SIMILARITY_RESULTS,
		failedOperations: failedOperations(
			'CompareFail',
			'CompareLibServiceUnavailable',
			'CompareLowSimilarity',
			'CompareSystemError',
			'IdFormatError',
			'IdNameMisMatch',
			'IdNoExistSystem',
			'IdPhotoNoExist',
			'IdPhotoPoorQuality',
			'IdPhotoSystemNoanswer',
			'IdentityAuthLimitExceeded',
			'LifePhotoDetectFaces',
			'LifePhotoDetectFake',
			'LifePhotoDetectNoFaces',
			'LifePhotoPoorQuality',
			'LifePhotoSizeError',
			'NameFormatError',
			'UnKnown',
		),
		errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
		similarity: true,
	},
	encryption: { requestFields: ['Name', 'IdCard'] },
	imageLimits: { ImageBase64: IMAGE_RECOGNITION_IMAGE_LIMIT },
});
