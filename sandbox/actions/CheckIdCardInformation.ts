/**
 * CheckIdCardInformation: an ID-card photo (its scenario says whose card it
 * is) read and compared with the authoritative photo. Tencent's priority: ImageUrl > ImageBase64.
 * Verdicts come in `Result` (a scenario's `via=error` sends them as `Response.Error`); problems
 * with the image itself come back as `Response.Error`.
 */
import {
	CHECK_CONFIG_FLAGS,
	CHECK_ID_CARD_BASE64_LIMIT,
	CHECK_ID_CARD_URL_LIMIT,
	BLURRY_QUALITY_THRESHOLD,
	CheckIdCardInformation,
	WARNING_CODES_BY_FLAG,
	type CheckIdCardConfig,
} from '../../lib/tencent/actions/CheckIdCardInformation';
import { defineSandboxAction } from '../action';
import { invalidParameterValue, SandboxApiError } from '../errors';
import { imageFromBase64, imageFromUrl, isGiven, type ImageErrorCodes, type LoadedImage } from './imageInput';
import {
	BILLED_CODES,
	compareFace,
	DEFAULT_QUALITY,
	describe,
	errorAnswer,
	identityFailure,
	ocrFields,
	registeredName,
	type IdentityCodes,
} from './photoVerdicts';
import { readImageScenario, SANDBOX_PORTRAIT, type ImageScenario } from './testImages';

const IMAGE_CODES: ImageErrorCodes = {
	empty: 'FailedOperation.EmptyImageError',
	undecodable: 'FailedOperation.ImageDecodeFailed',
	tooLarge: 'FailedOperation.ImageSizeTooLarge',
	download: 'FailedOperation.DownLoadError',
};

/** The identity table's results in this action's codes. */
const IDENTITY_CODES: IdentityCodes = {
	'-1': 'FailedOperation.IdNameMisMatch',
	'-2': 'FailedOperation.IdFormatError',
	'-3': 'FailedOperation.OcrFailed',
	'-4': 'FailedOperation.IdPhotoSystemNoanswer',
	'-5': 'FailedOperation.IdNoExistSystem',
	'-6': 'FailedOperation.CompareSystemError',
	'-7': 'FailedOperation.RequestLimitExceeded',
};

/** `Config`: a JSON string of the documented boolean switches (the sandbox refuses unknown keys). */
function readConfig(value: unknown): CheckIdCardConfig {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'string') throw invalidParameterValue('Config', 'a JSON string such as {"CopyWarn":true}');
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		throw invalidParameterValue('Config', 'a JSON string such as {"CopyWarn":true}');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameterValue('Config', 'a JSON object');
	const config: CheckIdCardConfig = {};
	for (const [key, flag] of Object.entries(parsed as Record<string, unknown>)) {
		if (!(CHECK_CONFIG_FLAGS as readonly string[]).includes(key)) {
			throw invalidParameterValue('Config', `only the keys ${CHECK_CONFIG_FLAGS.join(', ')}, not ${key}`);
		}
		if (typeof flag !== 'boolean') throw invalidParameterValue(`Config.${key}`, 'true or false');
		config[key as keyof CheckIdCardConfig] = flag;
	}
	return config;
}

async function loadImage(params: Record<string, unknown>): Promise<LoadedImage> {
	if (isGiven(params.ImageUrl)) return await imageFromUrl('ImageUrl', params.ImageUrl, CHECK_ID_CARD_URL_LIMIT, IMAGE_CODES);
	if (isGiven(params.ImageBase64)) return imageFromBase64('ImageBase64', params.ImageBase64, CHECK_ID_CARD_BASE64_LIMIT, IMAGE_CODES);
	throw new SandboxApiError('InvalidParameter', 'Either ImageBase64 or ImageUrl must be provided.');
}

/** The card's warnings that the request's Config asks about, in Tencent's switch order. */
function raisedWarnings(scenario: ImageScenario, config: CheckIdCardConfig, quality: number): string[] {
	const onCard = new Set(scenario.warn ?? []);
	if (quality < BLURRY_QUALITY_THRESHOLD) onCard.add('-8001');
	return CHECK_CONFIG_FLAGS.filter((flag) => config[flag]).flatMap((flag) => WARNING_CODES_BY_FLAG[flag].filter((code) => onCard.has(code)));
}

export const CheckIdCardInformationAction = defineSandboxAction(CheckIdCardInformation, {
	async handler(params, ctx) {
		// Encryption (IsEncrypt, IsEncryptResponse) is the server's business (sandbox/encryption.ts).
		const config = readConfig(params.Config);
		const image = await loadImage(params);
		const scenario = readImageScenario(image.bytes) ?? {};
		const answer = (code: string, fields: Record<string, unknown> = {}) => {
			if (scenario.via === 'error') throw errorAnswer(code);
			return { ...fields, Result: code, Description: describe(code), Sim: 0 };
		};

		if (scenario.result) return answer(scenario.result);
		if (!scenario.person) return answer('FailedOperation.ImageNoIdCard');
		const name = scenario.name ?? registeredName(scenario.person);
		if (!name) return answer('FailedOperation.OcrFailed');

		const quality = scenario.quality ?? DEFAULT_QUALITY;
		const card = {
			...ocrFields(name, scenario.person, 'en'),
			Portrait: SANDBOX_PORTRAIT.toString('base64'),
			Quality: quality,
			Warnings: '',
			Encryption: null,
		};
		// Tencent skips the comparison when a requested warning is raised.
		const warnings = raisedWarnings(scenario, config, quality);
		if (warnings.length > 0) return { ...answer('FailedOperation.OcrWarningOccurred', card), Warnings: warnings.join('|') };

		const failure = identityFailure(name, scenario.person, new Date(ctx.now), IDENTITY_CODES);
		if (failure) return answer(failure, card);
		const face = compareFace(scenario, scenario.person);
		return { ...answer(face.code, card), Sim: face.sim };
	},
	isBillable: (response) => BILLED_CODES.has(String(response.Result)),
});
