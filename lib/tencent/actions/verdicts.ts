/**
 * The vocabulary action definitions build their verdict tables from: what a FaceID code means for
 * a KYC workflow (passed, failed or review), whether Tencent billed it, and whether asking again
 * later can change the answer. Each definition picks the codes its own API page documents: a
 * `FailedOperation.*` code means the same in every action that returns it, and a misspelled one
 * fails at load. Numbered `Result` codes are each action's own (`-4` is a bad card number in one
 * bank-card check and wrong holder details in another), so each table states its own.
 *
 * Billing. The pages of the element checks (name + ID number, bank card, phone) list which codes
 * are charged; the tables follow them. The photo actions do not say, so the tables are conservative where a mistake
 * would cost money twice: every answer in which Tencent delivered a verdict (Success, a low
 * similarity, a name/number mismatch, a spoof, an OCR warning, an unexplained CompareFail) counts
 * as billed and is never retried; input and image problems and service faults that stopped the
 * check before a verdict count as not billed.
 */
export type OutcomeStatus = 'passed' | 'failed' | 'review';

export interface OutcomeRule {
	status: OutcomeStatus;
	billable: boolean;
	retryable: boolean;
	description: string;
}

export type DecisionTable = Readonly<Record<string, OutcomeRule>>;

/** An action's verdicts: how its `Result` and `FailedOperation.*` codes route an item. */
export interface ActionOutcomeTable {
	/** The action's own `Result` codes ("0" … "-7", or "Success"), or the values of its `verdictField`. */
	results: DecisionTable;
	/** The answer field that holds the verdict, when it is not `Result` (the AI-attack check's `AttackRiskLevel`). */
	verdictField?: string;
	/** The `FailedOperation.*` verdicts the action's page documents. */
	failedOperations: DecisionTable;
	/** `FailedOperation.*` codes that are errors (auth, quota, encryption settings), with why. */
	errors: Readonly<Record<string, string>>;
	/** Whether "Success" carries a similarity (`Sim`) that the threshold must confirm. */
	similarity: boolean;
	/**
	 * For an action whose verdict also depends on another field of the answer (a phone number's
	 * status, its months in use): the rule of the code, decided with that field.
	 */
	refine?: (found: OutcomeRule, answer: Readonly<Record<string, unknown>>, settings: VerdictSettings) => OutcomeRule;
	/** Whether `refine` compares the months a number has been in use with the user's minimum. */
	monthsInUse?: boolean;
}

/** What the user decides about verdicts, besides the similarity threshold. */
export interface VerdictSettings {
	/** Fewest months a phone number must have been in use to pass. */
	minimumMonthsInUse: number;
}

/** A number in use for less than this goes to review: new numbers are a common sign of fraud. */
export const DEFAULT_MINIMUM_MONTHS_IN_USE = 6;

export const rule = (status: OutcomeStatus, billable: boolean, retryable: boolean, description: string): OutcomeRule => ({
	status,
	billable,
	retryable,
	description,
});

/** The name + ID number checks share Tencent's `Result` vocabulary "0" … "-7". */
export const NAME_AND_ID_NUMBER_RESULTS: DecisionTable = {
	'0': rule('passed', true, false, 'Name and ID number match'),
	'-1': rule('failed', true, false, 'Name and ID number do not match'),
	'-2': rule('review', false, false, 'Invalid ID number (length or check digit)'),
	'-3': rule('review', false, false, 'Invalid name (length or format)'),
	'-4': rule('review', false, true, 'ID document service error; try again later'),
	'-5': rule('review', false, false, 'No record of this ID number in the ID document database'),
	'-6': rule('review', false, true, 'The authoritative comparison system is being upgraded; try again later'),
	'-7': rule('review', false, true, 'Daily verification attempts for this ID number exceeded; try again tomorrow'),
};

/**
 * What a bank-card check's `Result` can say. The codes differ from action to action (`-4` is a bad
 * card number in one and wrong holder details in another), so each definition maps its own codes
 * onto these meanings with `bankCardResults`. Billing follows Tencent's lists, which agree on every
 * meaning. failed: the card is not the person's or cannot take money; review: the card may be
 * theirs but this check cannot tell (card-not-present payments off, a dormant or restricted card),
 * or the input or the service stopped the check.
 */
const BANK_CARD_MEANINGS = {
	verified: rule('passed', true, false, 'The card belongs to this person'),
	notVerified: rule('failed', true, false, 'The card details do not match'),
	holderMismatch: rule('failed', true, false, 'The cardholder details are wrong'),
	nameInvalid: rule('review', false, false, 'Invalid name'),
	idNumberInvalid: rule('review', false, false, 'Invalid ID number'),
	cardNumberInvalid: rule('review', false, false, 'Invalid bank card number format'),
	phoneInvalid: rule('review', false, false, 'Invalid mobile number'),
	cardNotPresentDisabled: rule('review', true, false, 'The card does not allow card-not-present payments'),
	confiscated: rule('failed', true, false, 'The card has been confiscated'),
	invalidCard: rule('failed', true, false, 'Invalid card number'),
	noIssuer: rule('failed', true, false, 'No issuing bank for this card number'),
	dormant: rule('review', true, false, 'The card is not activated or is dormant'),
	fraudulent: rule('failed', true, false, 'The card is a fraudulent or retained card'),
	reportedLost: rule('failed', true, false, 'The card has been reported lost'),
	expired: rule('failed', true, false, 'The card has expired'),
	restricted: rule('review', true, false, 'The card is restricted'),
	pinTriesExceeded: rule('review', true, false, 'Too many wrong PIN attempts on this card'),
	issuerRefuses: rule('review', true, false, 'The issuing bank does not support this verification'),
	serviceBusy: rule('review', false, true, 'The verification service is busy; try again later'),
	dailyLimit: rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
	idTypeUnsupported: rule('review', false, false, 'Only second-generation resident ID cards can be verified'),
	cardStateAbnormal: rule('failed', true, false, 'The card state is abnormal or the card number is wrong'),
} as const satisfies Record<string, OutcomeRule>;

export type BankCardMeaning = keyof typeof BANK_CARD_MEANINGS;

/** A bank-card action's `Result` table: each of its codes with the meaning its API page gives it. */
export function bankCardResults(codes: Readonly<Record<string, BankCardMeaning>>): DecisionTable {
	return Object.fromEntries(Object.entries(codes).map(([code, meaning]) => [code, BANK_CARD_MEANINGS[meaning]]));
}

/** "Success" of the photo comparisons; the similarity threshold may still turn it into a failure. */
export const SIMILARITY_RESULTS: DecisionTable = {
	Success: rule('passed', true, false, 'The photo matches the authoritative ID photo'),
};

/**
 * Every documented `FailedOperation.*` verdict, keyed without the prefix.
 * failed: Tencent has evidence against the identity. review: no verdict on the person (bad input,
 * bad image, no record, a service fault): a human decides or asks for a new photo.
 */
const FAILED_OPERATIONS: DecisionTable = {
	// Verdicts against the identity: billed (conservative, see above).
	CompareLowSimilarity: rule('failed', true, false, 'The face does not match the photo it was compared with (low similarity)'),
	IdNameMisMatch: rule('failed', true, false, 'Name and ID number do not match'),
	LifePhotoDetectFake: rule('failed', true, false, 'The photo failed the real-person check (suspected spoof)'),
	// Verdicts a human should read: billed (conservative).
	CompareFail: rule('review', true, false, 'Tencent could not complete the comparison'),
	OcrWarningOccurred: rule('review', true, false, 'The ID card photo raised warnings, so Tencent skipped the comparison'),
	// Service faults: not billed, worth trying again later.
	CompareSystemError: rule('review', false, true, 'The comparison engine failed; try again later'),
	CompareLibServiceUnavailable: rule('review', false, true, 'The comparison database is under maintenance; try again later'),
	IdPhotoSystemNoanswer: rule('review', false, true, 'The authority did not return the ID photo; try again later'),
	FileSaveError: rule('review', false, true, 'Tencent could not store the file; try again later'),
	UnKnown: rule('review', false, true, 'Unknown internal error at Tencent; try again later'),
	DownLoadError: rule('review', false, true, 'Tencent could not download the image from the URL'),
	IdentityAuthLimitExceeded: rule('review', false, true, 'Daily verification attempts for this name and ID number exceeded; try again tomorrow'),
	// Identity data Tencent cannot check: not billed.
	IdFormatError: rule('review', false, false, 'Invalid ID number'),
	NameFormatError: rule('review', false, false, 'Invalid name'),
	IdNoExistSystem: rule('review', false, false, 'No record of this ID number in the ID document database'),
	IdPhotoNoExist: rule('review', false, false, 'The database holds no photo for this ID number'),
	IdPhotoPoorQuality: rule('review', false, false, 'The authoritative ID photo is of poor quality'),
	// Image problems: not billed; ask for a new photo.
	LifePhotoDetectFaces: rule('review', false, false, 'Several faces in the photo'),
	LifePhotoDetectNoFaces: rule('review', false, false, 'No complete face found in the photo'),
	LifePhotoPoorQuality: rule('review', false, false, 'The photo resolution is too low'),
	LifePhotoSizeError: rule('review', false, false, 'The photo is too large or too small'),
	EmptyImageError: rule('review', false, false, 'The image is empty'),
	ImageBlur: rule('review', false, false, 'The image is blurry'),
	ImageDecodeFailed: rule('review', false, false, 'The image could not be decoded'),
	ImageNoIdCard: rule('review', false, false, 'No ID card found in the image'),
	ImageSizeTooLarge: rule('review', false, false, 'The image is too large'),
	OcrFailed: rule('review', false, false, 'The ID card could not be read (OCR failed)'),
	// Liveness verdicts against the person in the video: billed (conservative).
	LivessDetectFail: rule('failed', true, false, 'The video failed the liveness check'),
	LivessDetectFake: rule('failed', true, false, 'Suspected spoof: the video was not recorded by a live person'),
	LivessUnknownError: rule('failed', true, false, 'The video failed the real-person check'),
	SilentDetectFail: rule('failed', true, false, 'The video failed the real-person check'),
	SilentThreshold: rule('failed', true, false, 'The real-person check scored below its pass mark'),
	SilentPictureLiveFail: rule('failed', true, false, 'Suspected recapture: the video films a screen or a photo'),
	SilentEyeLiveFail: rule('failed', true, false, 'The eyes failed the liveness check'),
	SilentMouthLiveFail: rule('failed', true, false, 'The mouth failed the liveness check'),
	// Recording problems: not billed; ask for a new video.
	ActionCloseEye: rule('review', false, false, 'No eye closing seen in the video'),
	ActionOpenMouth: rule('review', false, false, 'No mouth opening seen in the video'),
	ActionFirstAction: rule('review', false, false, 'The requested action was not performed'),
	ActionFaceClose: rule('review', false, false, 'The face is too close to the camera'),
	ActionFaceFar: rule('review', false, false, 'The face is too far from the camera'),
	ActionFaceLeft: rule('review', false, false, 'The face is too far left'),
	ActionFaceRight: rule('review', false, false, 'The face is too far right'),
	ActionLightDark: rule('review', false, false, 'The light is too dark'),
	ActionLightStrong: rule('review', false, false, 'The light is too strong'),
	ActionNodetectFace: rule('review', false, false, 'No complete face found in the video'),
	LipFaceIncomplete: rule('review', false, false, 'The face is not fully visible'),
	LipMoveSmall: rule('review', false, false, 'The lips move too little'),
	LipSizeError: rule('review', false, false, 'The video is empty or of the wrong length (record about 6 seconds)'),
	LipVideoInvalid: rule('review', false, false, 'The video format is wrong'),
	LipVideoQuaility: rule('review', false, false, 'The video resolution is too low'),
	LipVoiceDetect: rule('review', false, false, 'No voice found in the video'),
	LipVoiceLow: rule('review', false, false, 'The voice in the video is too quiet'),
	LipVoiceRecognize: rule('review', false, false, 'The spoken digits could not be recognised'),
	LivessBestFrameError: rule('review', false, false, 'No face frame could be taken from the video to compare'),
	SilentFaceDetectFail: rule('review', false, false, 'No face found in the video'),
	SilentFaceQualityFail: rule('review', false, false, 'The face in the video is of poor quality'),
	SilentFaceWithMaskFail: rule('review', false, false, 'The face in the video wears a mask'),
	SilentMultiFaceFail: rule('review', false, false, 'Several faces in the video'),
	SilentTooShort: rule('review', false, false, 'The video is too short (record more than 2 seconds)'),
	CompressVideoError: rule('review', false, false, 'Tencent could not compress the video'),
	VideoDecodeFailed: rule('review', false, false, 'The video could not be decoded'),
	VideoDurationExceeded: rule('review', false, false, 'The video is too long (at most 20 seconds)'),
	CoveredFace: rule('review', false, false, 'The face is covered'),
	IncompleteFace: rule('review', false, false, 'The face is not complete in the picture'),
	PoorImageQuality: rule('review', false, false, 'The picture quality is too poor'),
	// Service faults: not billed, worth trying again later.
	LipNetFailed: rule('review', false, true, 'Tencent could not fetch the video; try again'),
	LivessSystemError: rule('review', false, true, 'The liveness engine failed; try again later'),
	DetectEngineSystemError: rule('review', false, true, 'The detection engine failed; try again later'),
	DownLoadTimeoutError: rule('review', false, true, 'Tencent timed out downloading the file from the URL'),
};

/** `FailedOperation.*` codes that say nothing about the person: the workflow must fail on them. */
const FAILED_OPERATION_ERRORS: Readonly<Record<string, string>> = {
	StsUnAuthErrError: 'authorisation: the STS temporary credentials are not authorised',
	RequestLimitExceeded: 'quota: the number of calls exceeded the limit',
	DecryptSystemError: 'encryption settings: Tencent could not decrypt the request',
	EncryptSystemError: 'encryption settings: Tencent could not encrypt the answer',
};

const PREFIX = 'FailedOperation.';

/** `FailedOperation.<name>` for each name, from `source`; throws on a typo, so every code has a meaning. */
function pick<T>(source: Readonly<Record<string, T>>, names: readonly string[]): Readonly<Record<string, T>> {
	return Object.fromEntries(
		names.map((name) => {
			if (!(name in source)) throw new Error(`verdicts: no rule for ${PREFIX}${name}`);
			return [PREFIX + name, source[name]];
		}),
	);
}

/** The `FailedOperation.*` verdicts an action's page documents, by name without the prefix. */
export const failedOperations = (...names: string[]): DecisionTable => pick(FAILED_OPERATIONS, names);

/** The `FailedOperation.*` codes an action's page documents that are errors, not verdicts. */
export const failedOperationErrors = (...names: string[]): Readonly<Record<string, string>> => pick(FAILED_OPERATION_ERRORS, names);
