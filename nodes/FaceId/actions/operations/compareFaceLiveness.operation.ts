import type { IExecuteFunctions } from 'n8n-workflow';

import { CompareFaceLiveness, type CompareFaceLivenessRequest, type CompareFaceLivenessResponse } from '../../../../lib/tencent/actions/CompareFaceLiveness';
import { LIVENESS_PHOTO_LIMIT, LIVENESS_VIDEO_LIMIT, VALIDATE_DATA_RULES, type LivenessType } from '../../../../lib/tencent/actions/liveness';
import { imageFieldProperties, readImageBase64, type ImageFieldSpec } from '../../helpers/imageFields';
import { BEST_FRAME, livenessTypeProperty, readLivenessType, readValidateData, validateDataProperty } from '../../helpers/livenessFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

const MODES: readonly LivenessType[] = ['SILENT', 'ACTION'];

/** Both files go as base64 only: a URL is downloaded by n8n. */
const VIDEO: ImageFieldSpec & { url: 'download' } = { kind: 'video', key: 'faceLivenessVideo', label: 'Video', maxBase64Bytes: LIVENESS_VIDEO_LIMIT, url: 'download' };
const PHOTO: ImageFieldSpec & { url: 'download' } = { key: 'faceLivenessPhoto', label: 'Photo', maxBase64Bytes: LIVENESS_PHOTO_LIMIT, url: 'download' };

export const compareFaceLiveness: SingleCallOperation<CompareFaceLivenessRequest, CompareFaceLivenessResponse> = {
	resource: 'face',
	value: 'compareFaceLiveness',
	name: 'Compare Live Video with Photo (International)',
	description: "Check that a video shows a live person, then compare that face with a photo (Tencent's CompareFaceLiveness, international site)",
	actionLabel: 'Compare a live video with a photo (international)',
	action: CompareFaceLiveness,
	properties: [
		livenessTypeProperty(MODES),
		validateDataProperty('The actions the customer performed, in order: one or two of 1 (open mouth), 2 (blink), 3 (nod), 4 (shake head), such as 4,2', ['ACTION']),
		...imageFieldProperties(VIDEO),
		...imageFieldProperties(PHOTO),
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const mode = readLivenessType(this, itemIndex, MODES) as CompareFaceLivenessRequest['LivenessType'];
		const request: CompareFaceLivenessRequest = {
			ImageBase64: await readImageBase64(this, itemIndex, PHOTO),
			VideoBase64: await readImageBase64(this, itemIndex, VIDEO),
			LivenessType: mode,
		};
		const validateData = readValidateData(this, itemIndex, mode, VALIDATE_DATA_RULES.international);
		if (validateData !== undefined) request.ValidateData = validateData;
		return request;
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'Sim']),
	binaryFields: [BEST_FRAME],
};
