/**
 * What the liveness comparisons conclude from a test video's scenario and a test photo's: first
 * the video (its liveness problem, or no one in it), then whether the photo shows the same person
 * (the face comparison of the photo actions). Shared by both liveness comparisons (China, International).
 */
import type { ValidateDataRules } from '../../lib/tencent/actions/liveness';
import { SandboxApiError } from '../errors';
import type { ImageErrorCodes } from './imageInput';
import { compareFace, describe, errorAnswer } from './photoVerdicts';
import { SANDBOX_PORTRAIT, type ImageScenario } from './testImages';

/** A video's liveness problem, in Tencent's codes. */
const LIVENESS_PROBLEMS: Readonly<Record<NonNullable<ImageScenario['live']>, string>> = {
	spoof: 'FailedOperation.LivessDetectFake',
	recapture: 'FailedOperation.SilentPictureLiveFail',
	noFace: 'FailedOperation.SilentFaceDetectFail',
	multiple: 'FailedOperation.SilentMultiFaceFail',
	tooShort: 'FailedOperation.SilentTooShort',
	mask: 'FailedOperation.SilentFaceWithMaskFail',
};

/** The liveness answer: the code in `Result` (or as `Response.Error` with `via=error`), Sim, the best frame. */
export function livenessAnswer(video: ImageScenario, photo: ImageScenario, bestFrames = 1): Record<string, unknown> {
	const answer = (code: string, sim: number) => {
		if (video.via === 'error' || photo.via === 'error') throw errorAnswer(code);
		const compared = code === 'Success' || code === 'FailedOperation.CompareLowSimilarity';
		const frame = SANDBOX_PORTRAIT.toString('base64');
		return {
			Result: code,
			Description: describe(code),
			Sim: sim,
			BestFrameBase64: compared ? frame : null,
			...(compared && bestFrames > 1 ? { BestFrameList: Array.from({ length: bestFrames }, () => frame) } : {}),
		};
	};
	if (video.result) return answer(video.result, 0);
	if (photo.result) return answer(photo.result, 0);
	if (video.live) return answer(LIVENESS_PROBLEMS[video.live], 0);
	if (video.person === undefined) return answer(LIVENESS_PROBLEMS.noFace, 0);
	const face = compareFace(photo, video.person);
	return answer(face.code, face.sim);
}

/** `ValidateData` as the action's rules for the mode want it (lib/tencent/actions/liveness.ts); SILENT takes none. */
export function checkValidateData(mode: string, value: unknown, rules: ValidateDataRules): void {
	const rule = rules[mode as keyof ValidateDataRules];
	if (!rule) return;
	if (typeof value !== 'string' || rule(value) !== undefined) {
		throw new SandboxApiError('InvalidParameterValue', `The value of parameter \`ValidateData\` is invalid for LivenessType ${mode}.`);
	}
}

/** The codes a liveness comparison answers a bad photo or video with. */
export const PHOTO_CODES: ImageErrorCodes = {
	empty: 'FailedOperation.LifePhotoSizeError',
	undecodable: 'InvalidParameterValue',
	tooLarge: 'FailedOperation.LifePhotoSizeError',
	download: 'FailedOperation.DownLoadError',
};
export const VIDEO_CODES: ImageErrorCodes = {
	empty: 'FailedOperation.LipSizeError',
	undecodable: 'FailedOperation.LipVideoInvalid',
	tooLarge: 'FailedOperation.LipSizeError',
	download: 'FailedOperation.LipNetFailed',
};
