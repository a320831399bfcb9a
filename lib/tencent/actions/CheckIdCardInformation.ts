import { z } from 'zod';

import { MEGABYTE } from '../images';
import type { Base64Field } from '../requestBody';
import { defineAction, EncryptionSchema, type Encryption } from './common';
import { failedOperationErrors, failedOperations, SIMILARITY_RESULTS } from './verdicts';

/**
 * CheckIdCardInformation (2018-03-01): reads an ID card's portrait side and compares name, number
 * and portrait with the authoritative ID photo. Tencent's priority: ImageUrl > ImageBase64.
 */
export interface CheckIdCardInformationRequest {
	ImageBase64?: Base64Field;
	ImageUrl?: string;
	/** A JSON **string** of booleans, e.g. `{"CopyWarn":true}`: see `serializeCheckConfig`. */
	Config?: string;
	IsEncrypt?: boolean;
	IsEncryptResponse?: boolean;
	Encryption?: Encryption;
}

/** Base64 limits: 7 MB for ImageBase64, 3 MB for the image Tencent downloads from ImageUrl. */
export const CHECK_ID_CARD_BASE64_LIMIT = 7 * MEGABYTE;
export const CHECK_ID_CARD_URL_LIMIT = 3 * MEGABYTE;

/** The warning switches of `Config`, in the order Tencent documents them. All default to false. */
export const CHECK_CONFIG_FLAGS = ['CopyWarn', 'BorderCheckWarn', 'ReshootWarn', 'DetectPsWarn', 'TempIdWarn', 'Quality'] as const;

export type CheckConfigFlag = (typeof CHECK_CONFIG_FLAGS)[number];

export type CheckIdCardConfig = Partial<Record<CheckConfigFlag, boolean>>;

/**
 * `Config` as Tencent expects it: a JSON string holding the switches that are on, in documented
 * order. Undefined when none is on, so the parameter is left out (all off is Tencent's default).
 */
export function serializeCheckConfig(config: CheckIdCardConfig): string | undefined {
	const enabled = CHECK_CONFIG_FLAGS.filter((flag) => config[flag] === true);
	if (enabled.length === 0) return undefined;
	return JSON.stringify(Object.fromEntries(enabled.map((flag) => [flag, true])));
}

/** Tencent's warning codes (`Warnings`, several joined by "|"). */
export const CHECK_WARNING_CODES: Readonly<Record<string, string>> = {
	'-9101': 'ID card border incomplete',
	'-9102': 'ID card photocopy',
	'-9103': 'ID card re-shot (photo of a screen or of a photo)',
	'-9104': 'Temporary ID card',
	'-9105': 'ID card frame occluded',
	'-9106': 'ID card edited (suspected PS traces)',
	'-8001': 'Blurry image',
};

/** Which `Config` switch makes Tencent raise each warning code. */
export const WARNING_CODES_BY_FLAG: Readonly<Record<CheckConfigFlag, readonly string[]>> = {
	CopyWarn: ['-9102'],
	BorderCheckWarn: ['-9101', '-9105'],
	ReshootWarn: ['-9103'],
	DetectPsWarn: ['-9106'],
	TempIdWarn: ['-9104'],
	Quality: ['-8001'],
};

/** Quality below this raises -8001 when the Quality switch is on (Tencent's current default). */
export const BLURRY_QUALITY_THRESHOLD = 50;

export interface Warning {
	code: string;
	description: string;
}

/** `"-9101|-9102"` → one entry per code, spelled out; empty or null → []. */
export function parseWarnings(warnings: string | null | undefined): Warning[] {
	if (!warnings) return [];
	return warnings
		.split('|')
		.map((code) => code.trim())
		.filter(Boolean)
		.map((code) => ({ code, description: CHECK_WARNING_CODES[code] ?? `Warning ${code} (not documented by Tencent)` }));
}

export const CheckIdCardInformationResponseSchema = z
	.object({
		Sim: z.number().nullish(),
		Result: z.string(),
		Description: z.string().nullish(),
		Name: z.string().nullish(),
		Sex: z.string().nullish(),
		Nation: z.string().nullish(),
		Birth: z.string().nullish(),
		Address: z.string().nullish(),
		IdNum: z.string().nullish(),
		/** Base64 of the portrait cropped from the card; null when cropping failed. */
		Portrait: z.string().nullish(),
		Warnings: z.string().nullish(),
		Quality: z.number().nullish(),
		Encryption: EncryptionSchema.nullish(),
		EncryptedBody: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type CheckIdCardInformationResponse = z.infer<typeof CheckIdCardInformationResponseSchema>;

export const CheckIdCardInformation = defineAction<CheckIdCardInformationRequest, CheckIdCardInformationResponse>({
	name: 'CheckIdCardInformation',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: CheckIdCardInformationResponseSchema,
	rateLimit: 100,
	outcomes: {
		results: SIMILARITY_RESULTS,
		failedOperations: failedOperations(
			'CompareFail',
			'CompareLowSimilarity',
			'CompareSystemError',
			'DownLoadError',
			'EmptyImageError',
			'FileSaveError',
			'IdFormatError',
			'IdNameMisMatch',
			'IdNoExistSystem',
			'IdPhotoNoExist',
			'IdPhotoPoorQuality',
			'IdPhotoSystemNoanswer',
			'ImageBlur',
			'ImageDecodeFailed',
			'ImageNoIdCard',
			'ImageSizeTooLarge',
			'LifePhotoDetectFaces',
			'LifePhotoDetectFake',
			'LifePhotoDetectNoFaces',
			'LifePhotoPoorQuality',
			'LifePhotoSizeError',
			'OcrFailed',
			'OcrWarningOccurred',
			'UnKnown',
		),
		errors: failedOperationErrors('EncryptSystemError', 'RequestLimitExceeded', 'StsUnAuthErrError'),
		similarity: true,
	},
	// Nothing sensitive is sent (the photo is not encrypted); IdNum and Name come back encrypted on
	// request, or the whole answer (IsEncryptResponse).
	encryption: { requestFields: [], answerParams: { IsEncrypt: true }, answerFields: ['IdNum', 'Name'], wholeAnswer: true },
	imageLimits: { ImageBase64: CHECK_ID_CARD_BASE64_LIMIT, ImageUrl: CHECK_ID_CARD_URL_LIMIT },
});
