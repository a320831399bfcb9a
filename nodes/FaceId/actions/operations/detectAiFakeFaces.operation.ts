import type { IExecuteFunctions } from 'n8n-workflow';

import { AI_FAKE_FACES_INPUT_LIMIT, DetectAIFakeFaces, type DetectAIFakeFacesRequest, type DetectAIFakeFacesResponse } from '../../../../lib/tencent/actions/DetectAIFakeFaces';
import { imageFieldProperties, readImageBase64, type ImageFieldSpec } from '../../helpers/imageFields';
import { invalidField } from '../../../shared/errors';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

/** The action takes base64 only: a URL is downloaded by n8n. */
const PHOTO: ImageFieldSpec & { url: 'download' } = {
	key: 'suspectPhoto',
	label: 'Photo',
	maxBase64Bytes: AI_FAKE_FACES_INPUT_LIMIT,
	url: 'download',
	show: { faceInputType: ['photo'] },
};
const VIDEO: ImageFieldSpec & { url: 'download' } = { ...PHOTO, kind: 'video', key: 'suspectVideo', label: 'Video', show: { faceInputType: ['video'] } };

export const detectAiFakeFaces: SingleCallOperation<DetectAIFakeFacesRequest, DetectAIFakeFacesResponse> = {
	resource: 'face',
	value: 'detectAiFakeFaces',
	name: 'Detect AI Attack',
	description: "Check a face photo or video for face swaps and other AI-made faces, recaptures of a screen or a print, and watermarks: high risk fails, medium goes to review (Tencent's DetectAIFakeFaces)",
	actionLabel: 'Detect an AI attack on a face photo or video',
	action: DetectAIFakeFaces,
	properties: [
		{
			displayName: 'Check',
			name: 'faceInputType',
			type: 'options',
			options: [
				{ name: 'Photo', value: 'photo', description: 'A face photo, PNG or JPEG' },
				{ name: 'Video', value: 'video', description: 'A face video, MP4, AVI or FLV, up to 20 seconds (Tencent advises 2 to 5)' },
			],
			default: 'photo',
			hint: 'Where both exist, Tencent advises the video',
		},
		...imageFieldProperties(PHOTO),
		...imageFieldProperties(VIDEO),
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const input = this.getNodeParameter('faceInputType', itemIndex, 'photo');
		if (input !== 'photo' && input !== 'video') throw invalidField(this, itemIndex, 'Check', `must be photo or video, not ${String(input)}`);
		return input === 'video'
			? { FaceInput: await readImageBase64(this, itemIndex, VIDEO), FaceInputType: 2 }
			: { FaceInput: await readImageBase64(this, itemIndex, PHOTO), FaceInputType: 1 };
	},
	simplify: (response) => pickFields(response, ['AttackRiskLevel', 'AttackRiskDetailList']),
};
