/**
 * DetectAIFakeFaces: a photo or a video (its scenario says which attack it shows) checked for AI
 * attacks. The answer is a risk level, with the traces seen; every risk level is billed.
 */
import { AI_FAKE_FACES_INPUT_LIMIT, DetectAIFakeFaces } from '../../lib/tencent/actions/DetectAIFakeFaces';
import { defineSandboxAction } from '../action';
import { missingParameter, SandboxApiError } from '../errors';
import { errorAnswer } from './photoVerdicts';
import { imageFromBase64, isGiven, type ImageErrorCodes } from './imageInput';
import { readImageScenario, type ImageScenario } from './testImages';

const CODES: Readonly<Record<1 | 2, ImageErrorCodes>> = {
	1: { empty: 'InvalidParameterValue', undecodable: 'FailedOperation.ImageDecodeFailed', tooLarge: 'InvalidParameterValue' },
	2: { empty: 'InvalidParameterValue', undecodable: 'FailedOperation.VideoDecodeFailed', tooLarge: 'InvalidParameterValue' },
};

/** The traces a risky photo or video shows when its scenario names none. */
const DEFAULT_TRACES: Readonly<Record<1 | 2, string>> = { 1: 'SuspectedSynthesisImage', 2: 'SuspectedSynthesisVideo' };

/** Face problems that stop the check before a verdict. */
const FACE_PROBLEMS: Readonly<Record<string, string>> = {
	none: 'FailedOperation.IncompleteFace',
	lowres: 'FailedOperation.PoorImageQuality',
	mask: 'FailedOperation.CoveredFace',
};

function problemOf(scenario: ImageScenario): string | undefined {
	return scenario.result ?? (scenario.face ? FACE_PROBLEMS[scenario.face] : undefined) ?? (scenario.live === 'mask' ? FACE_PROBLEMS.mask : undefined);
}

export const DetectAIFakeFacesAction = defineSandboxAction(DetectAIFakeFaces, {
	handler(params) {
		if (!isGiven(params.FaceInput)) throw missingParameter('FaceInput');
		const type = params.FaceInputType;
		if (type !== 1 && type !== 2) throw new SandboxApiError('InvalidParameter', 'The value of parameter `FaceInputType` is invalid: 1 (image) or 2 (video).');
		const input = imageFromBase64('FaceInput', params.FaceInput, AI_FAKE_FACES_INPUT_LIMIT, CODES[type], type === 1 ? 'image' : 'video');
		const scenario = readImageScenario(input.bytes) ?? {};
		const problem = problemOf(scenario);
		if (problem) throw errorAnswer(problem);
		const level = scenario.attack ?? 'Low';
		const traces = level === 'Low' ? [] : (scenario.traces ?? [DEFAULT_TRACES[type]]);
		return { AttackRiskLevel: level, AttackRiskDetailList: traces.map((Type) => ({ Type })), ExtraInfo: {} };
	},
	isBillable: (response) => typeof response.AttackRiskLevel === 'string',
});
