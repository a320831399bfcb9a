/**
 * What the video liveness comparisons share: a video of the customer checked for a live person,
 * then compared with a photo; Tencent's limits on both files, its liveness modes, and the
 * `FailedOperation.*` codes its liveness error list documents (recording problems, liveness
 * verdicts, comparison results). Each definition picks its sites, rate and inputs.
 */
import { z } from 'zod';

import { MEGABYTE } from '../images';
import { failedOperationErrors, failedOperations, rule, type ActionOutcomeTable, type DecisionTable } from './verdicts';

/** "Base64编码后的图片数据大小不超过3M", jpg and png. */
export const LIVENESS_PHOTO_LIMIT = 3 * MEGABYTE;

/** "Base64编码后的大小不超过8M，支持mp4、avi、flv格式". */
export const LIVENESS_VIDEO_LIMIT = 8 * MEGABYTE;

/** LIP: the customer reads digits aloud; ACTION: performs actions; SILENT: just looks at the camera. */
export type LivenessType = 'LIP' | 'ACTION' | 'SILENT';

/** The actions a customer can be asked for in ACTION mode (the international comparison's `ValidateData`): one or two of them. */
export const FACE_ACTIONS: Readonly<Record<string, string>> = { '1': 'open mouth', '2': 'blink', '3': 'nod', '4': 'shake head' };

/** Why `value` is not one or two of the actions 1-4 separated by a comma ("4,2"), or undefined. */
export function actionSequenceProblem(value: string): string | undefined {
	const actions = value.split(',').map((action) => action.trim());
	if (actions.length > 2 || actions.some((action) => !(action in FACE_ACTIONS))) {
		return 'must be one or two actions, 1 (open mouth), 2 (blink), 3 (nod) or 4 (shake head), separated by a comma, such as 4,2';
	}
	return undefined;
}

/** Per mode that takes ValidateData: why a value is not one, or undefined. */
export type ValidateDataRules = Partial<Record<LivenessType, (value: string) => string | undefined>>;

/** Why `value` is not digits, the customer's code as read aloud (LIP), or undefined. */
const digitsProblem = (value: string): string | undefined =>
	/^\d+$/.test(value) ? undefined : 'must hold only the digits the customer read, such as 5721';

/**
 * What ValidateData must look like, per action and mode (SILENT takes none). The China site's
 * codes come from GetLiveCode and GetActionSequence, whose format is digits, and digits separated by
 * commas; the international comparison takes one or two of the actions 1-4. Node and sandbox both
 * check with these.
 */
export const VALIDATE_DATA_RULES: Readonly<Record<'china' | 'international', ValidateDataRules>> = {
	china: {
		LIP: digitsProblem,
		ACTION: (value: string) => (/^\d+(,\d+)*$/.test(value) ? undefined : 'must be the order of the actions as GetActionSequence gave it, digits separated by commas, such as 2,1'),
	},
	international: { ACTION: actionSequenceProblem },
};

/** "Success" of a liveness comparison; the similarity threshold may still turn it into a failure. */
export const LIVENESS_RESULTS: DecisionTable = {
	Success: rule('passed', true, false, 'A live person, matching the photo'),
};

/** The codes of Tencent's liveness comparison error list. */
export const LIVENESS_FAILED_OPERATIONS: DecisionTable = failedOperations(
	'ActionCloseEye',
	'ActionFaceClose',
	'ActionFaceFar',
	'ActionFaceLeft',
	'ActionFaceRight',
	'ActionFirstAction',
	'ActionLightDark',
	'ActionLightStrong',
	'ActionNodetectFace',
	'ActionOpenMouth',
	'CompareFail',
	'CompareLowSimilarity',
	'CompareSystemError',
	'CompressVideoError',
	'DownLoadError',
	'DownLoadTimeoutError',
	'LifePhotoDetectFaces',
	'LifePhotoDetectFake',
	'LifePhotoDetectNoFaces',
	'LifePhotoPoorQuality',
	'LifePhotoSizeError',
	'LipFaceIncomplete',
	'LipMoveSmall',
	'LipNetFailed',
	'LipSizeError',
	'LipVideoInvalid',
	'LipVideoQuaility',
	'LipVoiceDetect',
	'LipVoiceLow',
	'LipVoiceRecognize',
	'LivessBestFrameError',
	'LivessDetectFail',
	'LivessDetectFake',
	'LivessSystemError',
	'LivessUnknownError',
	'SilentDetectFail',
	'SilentEyeLiveFail',
	'SilentFaceDetectFail',
	'SilentFaceQualityFail',
	'SilentFaceWithMaskFail',
	'SilentMouthLiveFail',
	'SilentMultiFaceFail',
	'SilentPictureLiveFail',
	'SilentThreshold',
	'SilentTooShort',
	'UnKnown',
);

/** The verdicts of both liveness comparisons: "Success" with a similarity the threshold checks, or a code of the list. */
export const LIVENESS_OUTCOMES: ActionOutcomeTable = {
	results: LIVENESS_RESULTS,
	failedOperations: LIVENESS_FAILED_OPERATIONS,
	errors: failedOperationErrors(),
	similarity: true,
};

/** Both files' limits, on the base64 text. */
export const LIVENESS_FILE_LIMITS = { ImageBase64: LIVENESS_PHOTO_LIMIT, VideoBase64: LIVENESS_VIDEO_LIMIT } as const;

export const LivenessAnswerSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		/** 0-100; Tencent recommends at least 70 for "same person". */
		Sim: z.number().nullish(),
		/** The best frame of the video, base64 JPEG. */
		BestFrameBase64: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();
