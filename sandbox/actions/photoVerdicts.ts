/**
 * What the photo actions (the ID-card OCR check, the ID-card photo check and the face comparison)
 * conclude from a test image's scenario and the identity table: the identity check in each
 * action's own codes, the face comparison, the OCR fields, Tencent's descriptions and billing.
 */
import { normalizeIdCardNumber } from '../../lib/tencent/idCardNumber';
import { SandboxApiError } from '../errors';
import { idCardVerificationResult, TEST_IDENTITIES, type IdCardVerificationResult } from '../identities';
import type { ImageScenario } from './testImages';

/** Similarity of the right person's photo, and of someone else's (Tencent's own example values). */
export const MATCH_SIMILARITY = 89.88;
export const MISMATCH_SIMILARITY = 26.04;

/**
 * Below this the sandbox answers CompareLowSimilarity; from it up, Success with the Sim, so a
 * similarity between 40 and the node's threshold (70) shows what the threshold does.
 */
export const LOW_SIMILARITY_CUTOFF = 40;

/** Default image quality; below 50 raises -8001 when Config.Quality is on. */
export const DEFAULT_QUALITY = 95;

/** Tencent's descriptions (international API pages) for the codes the sandbox answers with. */
export const DESCRIPTIONS: Readonly<Record<string, string>> = {
	Success: 'Success',
	'FailedOperation.CompareFail': 'Comparison failed.',
	'FailedOperation.CompareLibServiceUnavailable': 'Comparison library source maintaining, temporarily unavailable',
	'FailedOperation.CompareLowSimilarity': 'The comparison similarity did not reach the passing standard.',
	'FailedOperation.CompareSystemError': 'Error calling the comparison engine API.',
	'FailedOperation.DownLoadError': 'File download failed.',
	'FailedOperation.EmptyImageError': 'Image content is empty.',
	'FailedOperation.FileSaveError': 'Failed to store file. Please retry later.',
	'FailedOperation.IdFormatError': 'Input identity card number error.',
	'FailedOperation.IdNameMisMatch': 'Name and ID card number mismatch. Please verify and try again after.',
	'FailedOperation.IdNoExistSystem': 'The number is not found in the database.',
	'FailedOperation.IdPhotoNoExist': 'The photo of this number is not found in the database.',
	'FailedOperation.IdPhotoPoorQuality': 'Document image is of poor quality. Please update and try again.',
	'FailedOperation.IdPhotoSystemNoanswer': 'The authentication center failed to return the photo. Try again later.',
	'FailedOperation.IdentityAuthLimitExceeded': 'Name/ID card number authentication attempts exceed the daily limit.',
	'FailedOperation.ImageBlur': 'The image is blurry.',
	'FailedOperation.ImageDecodeFailed': 'Image decoding failed.',
	'FailedOperation.ImageNoIdCard': 'No ID card is detected in the image.',
	'FailedOperation.ImageSizeTooLarge': 'The image is too large.',
	'FailedOperation.LifePhotoDetectFaces': 'Multiple faces are detected.',
	'FailedOperation.LifePhotoDetectFake': 'Real person comparison failed.',
	'FailedOperation.LifePhotoDetectNoFaces': 'Failed to detect a full face.',
	'FailedOperation.LifePhotoPoorQuality': 'The resolution of the image passed in is too low.',
	'FailedOperation.LifePhotoSizeError': 'The image passed in is too large or too small.',
	'FailedOperation.NameFormatError': 'Input name error.',
	'FailedOperation.OcrFailed': 'Ocr recognition failed.',
	'FailedOperation.OcrWarningOccurred': 'OCR alert occurred',
	'FailedOperation.RequestLimitExceeded': 'The number of calls exceeded the limit.',
	'FailedOperation.UnKnown': 'Unknown internal error.',
	'FailedOperation.StsUnAuthErrError': 'STS unauthorized.',
	'FailedOperation.DecryptSystemError': 'Decryption failed.',
	'FailedOperation.EncryptSystemError': 'Encryption failed.',
	'FailedOperation.LivessDetectFake': 'Suspected spoofed recording.',
	'FailedOperation.SilentPictureLiveFail': 'Suspected recapture.',
	'FailedOperation.SilentFaceDetectFail': 'No face is detected in the video.',
	'FailedOperation.SilentMultiFaceFail': 'Multiple faces are detected in the video.',
	'FailedOperation.SilentTooShort': 'The video is too short. Record a video longer than 2 seconds.',
	'FailedOperation.SilentFaceWithMaskFail': 'A face mask is detected.',
	'FailedOperation.LipSizeError': 'The video is empty or its size is inappropriate.',
	'FailedOperation.LipVideoInvalid': 'The video format is incorrect.',
	'FailedOperation.LipNetFailed': 'Failed to pull the video. Please try again.',
	'FailedOperation.CoveredFace': 'The face is covered.',
	'FailedOperation.IncompleteFace': 'The face is incomplete.',
	'FailedOperation.PoorImageQuality': 'The image quality is too poor.',
	'FailedOperation.VideoDecodeFailed': 'Video decoding failed.',
};

export function describe(code: string): string {
	return DESCRIPTIONS[code] ?? code;
}

/**
 * What the sandbox bills for the Result-style actions. Tencent's pages do not say; the sandbox
 * bills every answer that delivers a verdict, as the package's decision table assumes.
 */
export const BILLED_CODES: ReadonlySet<string> = new Set([
	'Success',
	'FailedOperation.CompareLowSimilarity',
	'FailedOperation.IdNameMisMatch',
	'FailedOperation.LifePhotoDetectFake',
	'FailedOperation.CompareFail',
	'FailedOperation.OcrWarningOccurred',
	'FailedOperation.LivessDetectFake',
	'FailedOperation.SilentPictureLiveFail',
]);

/** An answer with this code as `Response.Error`, billed when the code is. */
export function errorAnswer(code: string, message = describe(code)): SandboxApiError {
	return new SandboxApiError(code, message, { billable: BILLED_CODES.has(code) });
}

/** How an action names the name + ID-number check's results that stop a photo check. */
export type IdentityCodes = Readonly<Record<Exclude<IdCardVerificationResult, '0'>, string>>;

/**
 * The identity check before any photo comparison: undefined when the number is registered under
 * this name, else the action's code for why not (same rules as the name + ID-number check).
 */
export function identityFailure(name: string, idCard: string, today: Date, codes: IdentityCodes): string | undefined {
	const result = idCardVerificationResult(name, idCard, today);
	return result === '0' ? undefined : codes[result];
}

/** The registered name of an ID number, if the identity table has one. */
export function registeredName(idCard: string): string | undefined {
	const number = normalizeIdCardNumber(idCard);
	return TEST_IDENTITIES.find((row) => row.result === '0' && row.idCard === number)?.name;
}

export interface FaceComparison {
	code: string;
	sim: number;
}

/** Compares the face in the photo (`scenario`) with the authoritative photo of `expectedPerson`. */
export function compareFace(scenario: ImageScenario, expectedPerson: string): FaceComparison {
	const faceProblems: Record<string, string> = {
		none: 'FailedOperation.LifePhotoDetectNoFaces',
		multiple: 'FailedOperation.LifePhotoDetectFaces',
		fake: 'FailedOperation.LifePhotoDetectFake',
		lowres: 'FailedOperation.LifePhotoPoorQuality',
	};
	if (scenario.face && faceProblems[scenario.face]) return { code: faceProblems[scenario.face], sim: 0 };
	if (scenario.person === undefined) return { code: 'FailedOperation.LifePhotoDetectNoFaces', sim: 0 };
	const samePerson = normalizeIdCardNumber(scenario.person) === normalizeIdCardNumber(expectedPerson);
	const sim = scenario.sim ?? (samePerson ? MATCH_SIMILARITY : MISMATCH_SIMILARITY);
	return { code: sim < LOW_SIMILARITY_CUTOFF ? 'FailedOperation.CompareLowSimilarity' : 'Success', sim };
}

export interface OcrFields {
	Name: string;
	Sex: string;
	Nation: string;
	Birth: string;
	Address: string;
	IdNum: string;
}

/** What OCR "reads" from a card: the name and number, and sex and birth date from the number. */
export function ocrFields(name: string, idCard: string, language: 'zh' | 'en'): OcrFields {
	const number = normalizeIdCardNumber(idCard);
	const birth = /^\d{14}/.test(number) ? `${number.slice(6, 10)}/${number.slice(10, 12)}/${number.slice(12, 14)}` : '';
	const sexDigit = Number(number[16]);
	const male = Number.isInteger(sexDigit) && sexDigit % 2 === 1;
	return language === 'zh'
		? { Name: name, Sex: male ? '男' : '女', Nation: '汉', Birth: birth, Address: '北京市东城区沙箱路1号', IdNum: number }
		: {
				Name: name,
				Sex: male ? 'Male' : 'Female',
				Nation: 'Han',
				Birth: birth,
				Address: 'No. 1 Sandbox Road, Dongcheng District, Beijing',
				IdNum: number,
			};
}
