import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LivenessCompare, type LivenessCompareRequest, type LivenessCompareResponse } from '../../../../lib/tencent/actions/LivenessCompare';
import { LIVENESS_PHOTO_LIMIT, LIVENESS_VIDEO_LIMIT, VALIDATE_DATA_RULES, type LivenessType } from '../../../../lib/tencent/actions/liveness';
import { imageFieldProperties, imageRequestFields, readImageField, videoRequestFields, type ImageFieldSpec } from '../../helpers/imageFields';
import { BEST_FRAME, livenessTypeProperty, readLivenessType, readValidateData, validateDataProperty } from '../../helpers/livenessFields';
import { invalidField } from '../../../shared/errors';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

const MODES: readonly LivenessType[] = ['SILENT', 'ACTION', 'LIP'];

const VIDEO: ImageFieldSpec = { kind: 'video', key: 'livenessVideo', label: 'Video', maxBase64Bytes: LIVENESS_VIDEO_LIMIT, url: 'tencent' };
const PHOTO: ImageFieldSpec = { key: 'livenessPhoto', label: 'Photo', maxBase64Bytes: LIVENESS_PHOTO_LIMIT, url: 'tencent' };

export const livenessCompare: SingleCallOperation<LivenessCompareRequest, LivenessCompareResponse> = {
	resource: 'face',
	value: 'livenessCompare',
	name: 'Compare Live Video with Photo',
	description: "Check that a video shows a live person, then compare that face with a photo, such as the one on file (Tencent's LivenessCompare, China site)",
	actionLabel: 'Compare a live video with a photo',
	action: LivenessCompare,
	properties: [
		livenessTypeProperty(MODES),
		validateDataProperty('LIP: the digits the customer read, from GetLiveCode. ACTION: the order of the actions, from GetActionSequence.', ['LIP', 'ACTION']),
		...imageFieldProperties(VIDEO),
		...imageFieldProperties(PHOTO),
		{
			displayName: 'Best Frames',
			name: 'bestFrames',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 10 },
			description: 'How many best frames of the video Tencent sends back: 1 comes as the bestFrame binary property, 2 to 10 also in BestFrameList',
		},
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const mode = readLivenessType(this, itemIndex, MODES);
		const request: LivenessCompareRequest = {
			LivenessType: mode,
			...videoRequestFields(await readImageField(this, itemIndex, VIDEO)),
			...imageRequestFields(await readImageField(this, itemIndex, PHOTO)),
		};
		const validateData = readValidateData(this, itemIndex, mode, VALIDATE_DATA_RULES.china);
		if (validateData !== undefined) request.ValidateData = validateData;
		const bestFrames = this.getNodeParameter('bestFrames', itemIndex, 1);
		if (typeof bestFrames !== 'number' || !Number.isInteger(bestFrames) || bestFrames < 1 || bestFrames > 10) {
			throw invalidField(this, itemIndex, 'Best Frames', `must be a whole number from 1 to 10, not ${String(bestFrames)}`);
		}
		if (bestFrames > 1) request.Optional = JSON.stringify({ BestFrameNum: bestFrames });
		return request;
	},
	simplify: (response: IDataObject) => pickFields(response, ['Result', 'Description', 'Sim', 'BestFrameList']),
	binaryFields: [BEST_FRAME],
};
