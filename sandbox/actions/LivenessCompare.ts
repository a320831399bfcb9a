/**
 * LivenessCompare: a video (its scenario says who is in it and any liveness problem) checked for a
 * live person, then compared with a photo. Each file as base64 or a URL (base64 wins, as Tencent
 * says); the video within 4 seconds.
 */
import { LivenessCompare } from '../../lib/tencent/actions/LivenessCompare';
import { LIVENESS_PHOTO_LIMIT, LIVENESS_VIDEO_LIMIT, VALIDATE_DATA_RULES } from '../../lib/tencent/actions/liveness';
import { defineSandboxAction } from '../action';
import { SandboxApiError } from '../errors';
import { optionalString } from '../params';
import { imageFromBase64, imageFromUrl, isGiven, type ImageErrorCodes, type MediaKind } from './imageInput';
import { checkValidateData, livenessAnswer, PHOTO_CODES, VIDEO_CODES } from './livenessVerdicts';
import { BILLED_CODES } from './photoVerdicts';
import { readImageScenario } from './testImages';

/** "视频下载耗时不超过4S". */
const VIDEO_DOWNLOAD_MS = 4000;

async function load(params: Record<string, unknown>, field: 'Image' | 'Video', limit: number, codes: ImageErrorCodes) {
	const kind: MediaKind = field === 'Image' ? 'image' : 'video';
	if (isGiven(params[`${field}Base64`])) return imageFromBase64(`${field}Base64`, params[`${field}Base64`], limit, codes, kind);
	if (isGiven(params[`${field}Url`])) return imageFromUrl(`${field}Url`, params[`${field}Url`], limit, codes, kind, kind === 'video' ? VIDEO_DOWNLOAD_MS : undefined);
	throw new SandboxApiError('InvalidParameter', `One of ${field}Base64 and ${field}Url must be given.`);
}

export const LivenessCompareAction = defineSandboxAction(LivenessCompare, {
	async handler(params) {
		const mode = optionalString(params, 'LivenessType');
		if (mode !== 'LIP' && mode !== 'ACTION' && mode !== 'SILENT') {
			throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `LivenessType` is invalid: LIP, ACTION or SILENT.');
		}
		checkValidateData(mode, params.ValidateData, VALIDATE_DATA_RULES.china);
		const optional = optionalString(params, 'Optional');
		const bestFrames = optional ? Number((JSON.parse(optional) as { BestFrameNum?: unknown }).BestFrameNum ?? 1) : 1;
		const video = await load(params, 'Video', LIVENESS_VIDEO_LIMIT, VIDEO_CODES);
		const photo = await load(params, 'Image', LIVENESS_PHOTO_LIMIT, PHOTO_CODES);
		return livenessAnswer(readImageScenario(video.bytes) ?? {}, readImageScenario(photo.bytes) ?? {}, bestFrames);
	},
	isBillable: (response) => BILLED_CODES.has(String(response.Result)),
});
