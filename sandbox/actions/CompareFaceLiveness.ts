/**
 * CompareFaceLiveness: a video (its scenario says who is in it and any liveness problem) checked for
 * a live person, then compared with a photo. Both as base64 only; ACTION or SILENT.
 */
import { CompareFaceLiveness } from '../../lib/tencent/actions/CompareFaceLiveness';
import { LIVENESS_PHOTO_LIMIT, LIVENESS_VIDEO_LIMIT, VALIDATE_DATA_RULES } from '../../lib/tencent/actions/liveness';
import { defineSandboxAction } from '../action';
import { missingParameter, SandboxApiError } from '../errors';
import { optionalString } from '../params';
import { imageFromBase64, isGiven } from './imageInput';
import { checkValidateData, livenessAnswer, PHOTO_CODES, VIDEO_CODES } from './livenessVerdicts';
import { BILLED_CODES } from './photoVerdicts';
import { readImageScenario } from './testImages';

export const CompareFaceLivenessAction = defineSandboxAction(CompareFaceLiveness, {
	handler(params) {
		const mode = optionalString(params, 'LivenessType');
		if (mode !== 'ACTION' && mode !== 'SILENT') {
			throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `LivenessType` is invalid: ACTION or SILENT.');
		}
		checkValidateData(mode, params.ValidateData, VALIDATE_DATA_RULES.international);
		for (const field of ['ImageBase64', 'VideoBase64']) if (!isGiven(params[field])) throw missingParameter(field);
		const video = imageFromBase64('VideoBase64', params.VideoBase64, LIVENESS_VIDEO_LIMIT, VIDEO_CODES, 'video');
		const photo = imageFromBase64('ImageBase64', params.ImageBase64, LIVENESS_PHOTO_LIMIT, PHOTO_CODES);
		// One best frame: this action takes no Optional.
		return livenessAnswer(readImageScenario(video.bytes) ?? {}, readImageScenario(photo.bytes) ?? {});
	},
	isBillable: (response) => BILLED_CODES.has(String(response.Result)),
});
