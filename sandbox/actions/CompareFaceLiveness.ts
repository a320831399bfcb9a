/**
 * CompareFaceLiveness: a video (its scenario says who is in it and any liveness problem) checked for
 * a live person, then compared with a photo. Both as base64 only; ACTION or SILENT.
 */
import { CompareFaceLiveness } from '../../lib/tencent/actions/CompareFaceLiveness';
import { LIVENESS_PHOTO_LIMIT, LIVENESS_VIDEO_LIMIT } from '../../lib/tencent/actions/liveness';
import { defineSandboxAction } from '../action';
import { missingParameter, SandboxApiError } from '../errors';
import { optionalString } from '../params';
import { imageFromBase64, isGiven, type ImageErrorCodes } from './imageInput';
import { checkValidateData, livenessAnswer } from './livenessVerdicts';
import { BILLED_CODES } from './photoVerdicts';
import { readImageScenario } from './testImages';

const PHOTO_CODES: ImageErrorCodes = { empty: 'FailedOperation.LifePhotoSizeError', undecodable: 'InvalidParameterValue', tooLarge: 'FailedOperation.LifePhotoSizeError' };
const VIDEO_CODES: ImageErrorCodes = { empty: 'FailedOperation.LipSizeError', undecodable: 'FailedOperation.LipVideoInvalid', tooLarge: 'FailedOperation.LipSizeError' };

export const CompareFaceLivenessAction = defineSandboxAction(CompareFaceLiveness, {
	handler(params) {
		const mode = optionalString(params, 'LivenessType');
		if (mode !== 'ACTION' && mode !== 'SILENT') {
			throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `LivenessType` is invalid: ACTION or SILENT.');
		}
		// One or two of 1 (open mouth), 2 (blink), 3 (nod), 4 (shake head).
		checkValidateData(mode, params.ValidateData, /^[1-4](,[1-4])?$/);
		for (const field of ['ImageBase64', 'VideoBase64']) if (!isGiven(params[field])) throw missingParameter(field);
		const video = imageFromBase64('VideoBase64', params.VideoBase64, LIVENESS_VIDEO_LIMIT, VIDEO_CODES, 'video');
		const photo = imageFromBase64('ImageBase64', params.ImageBase64, LIVENESS_PHOTO_LIMIT, PHOTO_CODES);
		const { BestFrameList: _none, ...answer } = livenessAnswer(readImageScenario(video.bytes) ?? {}, readImageScenario(photo.bytes) ?? {});
		return answer;
	},
	isBillable: (response) => BILLED_CODES.has(String(response.Result)),
});
