/**
 * ImageRecognitionV2: a face photo (its scenario says whose face it is) against
 * the authoritative photo of a name and ID number. ImageBase64 only (no URL), 3 MB after base64,
 * PNG or JPEG. Verdicts come in `Result` (a scenario's `via=error` sends them as `Response.Error`).
 * Its rate limit, lower than most, is the definition's.
 */
import { IMAGE_RECOGNITION_IMAGE_LIMIT, ImageRecognitionV2 } from '../../lib/tencent/actions/ImageRecognitionV2';
import { defineSandboxAction } from '../action';
import { missingParameter } from '../errors';
import { imageFromBase64, type ImageErrorCodes } from './imageInput';
import { optionalString, requiredString } from '../params';
import { BILLED_CODES, compareFace, describe, errorAnswer, identityFailure, type IdentityCodes } from './photoVerdicts';
import { readImageScenario } from './testImages';

const IMAGE_CODES: ImageErrorCodes = {
	empty: 'FailedOperation.LifePhotoSizeError',
	undecodable: 'InvalidParameterValue',
	tooLarge: 'FailedOperation.LifePhotoSizeError',
};

/** The identity table's results in this action's codes. */
const IDENTITY_CODES: IdentityCodes = {
	'-1': 'FailedOperation.IdNameMisMatch',
	'-2': 'FailedOperation.IdFormatError',
	'-3': 'FailedOperation.NameFormatError',
	'-4': 'FailedOperation.IdPhotoSystemNoanswer',
	'-5': 'FailedOperation.IdNoExistSystem',
	'-6': 'FailedOperation.CompareLibServiceUnavailable',
	'-7': 'FailedOperation.IdentityAuthLimitExceeded',
};

export const ImageRecognitionV2Action = defineSandboxAction(ImageRecognitionV2, {
	handler(params, ctx) {
		// Encryption was already opened by the server (sandbox/encryption.ts): Name and IdCard are plain here.
		const idCard = requiredString(params, 'IdCard');
		const name = requiredString(params, 'Name');
		if (params.ImageBase64 === undefined || params.ImageBase64 === null) throw missingParameter('ImageBase64');
		optionalString(params, 'Optional');
		const extra = optionalString(params, 'Extra') ?? '';
		const image = imageFromBase64('ImageBase64', params.ImageBase64, IMAGE_RECOGNITION_IMAGE_LIMIT, IMAGE_CODES);
		const scenario = readImageScenario(image.bytes) ?? {};
		const answer = (code: string, sim: number) => {
			if (scenario.via === 'error') throw errorAnswer(code);
			return { Result: code, Description: describe(code), Sim: sim, Extra: extra };
		};

		if (scenario.result) return answer(scenario.result, 0);
		const failure = identityFailure(name, idCard, new Date(ctx.now), IDENTITY_CODES);
		if (failure) return answer(failure, 0);
		const face = compareFace(scenario, idCard);
		return answer(face.code, face.sim);
	},
	isBillable: (response) => BILLED_CODES.has(String(response.Result)),
});
