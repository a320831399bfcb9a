/**
 * IdCardOCRVerification: a name and ID number, or a photo of the card's
 * portrait side, against the test identity table. Tencent's priority when several are sent:
 * Name + IdCard > ImageBase64 > ImageUrl. Image problems come back as `Response.Error`
 * (this action's `Result` is numeric).
 */
import { maskIdCardNumber, maskName, normalizeIdCardNumber } from '../../lib/tencent/idCardNumber';
import { ID_CARD_OCR_IMAGE_LIMIT, IdCardOCRVerification } from '../../lib/tencent/actions/IdCardOCRVerification';
import { defineSandboxAction } from '../action';
import { SandboxApiError } from '../errors';
import { BILLABLE_RESULTS, idCardVerificationResult, RESULT_DESCRIPTIONS } from '../identities';
import { imageFromBase64, imageFromUrl, isGiven, type ImageErrorCodes, type LoadedImage } from './imageInput';
import { requiredString } from '../params';
import { errorAnswer, ocrFields, registeredName } from './photoVerdicts';
import { readImageScenario } from './testImages';

const IMAGE_CODES: ImageErrorCodes = {
	empty: 'FailedOperation.EmptyImageError',
	undecodable: 'FailedOperation.ImageDecodeFailed',
	tooLarge: 'FailedOperation.ImageSizeTooLarge',
	download: 'FailedOperation.DownLoadError',
};

async function loadImage(params: Record<string, unknown>): Promise<LoadedImage> {
	if (isGiven(params.ImageBase64)) return imageFromBase64('ImageBase64', params.ImageBase64, ID_CARD_OCR_IMAGE_LIMIT, IMAGE_CODES);
	if (isGiven(params.ImageUrl)) return await imageFromUrl('ImageUrl', params.ImageUrl, ID_CARD_OCR_IMAGE_LIMIT, IMAGE_CODES);
	throw new SandboxApiError('InvalidParameter', 'One of Name and IdCard, ImageBase64 or ImageUrl must be provided.');
}

export const IdCardOCRVerificationAction = defineSandboxAction(IdCardOCRVerification, {
	async handler(params, ctx) {
		// Encryption was already opened by the server (sandbox/encryption.ts): Name and IdCard are plain here.
		const today = new Date(ctx.now);

		if (isGiven(params.Name) && isGiven(params.IdCard)) {
			const name = requiredString(params, 'Name');
			const idCard = requiredString(params, 'IdCard');
			const result = idCardVerificationResult(name, idCard, today);
			// As Tencent's example: masked echo, no OCR fields.
			return {
				Result: result,
				Description: RESULT_DESCRIPTIONS[result],
				Name: maskName(name.trim()),
				IdCard: maskIdCardNumber(normalizeIdCardNumber(idCard)),
				Sex: '',
				Nation: '',
				Birth: '',
				Address: '',
			};
		}

		const image = await loadImage(params);
		const scenario = readImageScenario(image.bytes) ?? {};
		if (scenario.result) throw errorAnswer(scenario.result);
		if (!scenario.person) throw errorAnswer('FailedOperation.ImageNoIdCard');
		const name = scenario.name ?? registeredName(scenario.person);
		if (!name) throw errorAnswer('FailedOperation.OcrFailed');

		const result = idCardVerificationResult(name, scenario.person, today);
		const card = ocrFields(name, scenario.person, 'zh');
		return {
			Result: result,
			Description: RESULT_DESCRIPTIONS[result],
			Name: maskName(card.Name),
			IdCard: maskIdCardNumber(card.IdNum),
			Sex: card.Sex,
			Nation: card.Nation,
			Birth: card.Birth,
			Address: card.Address,
		};
	},
	isBillable: (response) => BILLABLE_RESULTS.has(String(response.Result)),
});
