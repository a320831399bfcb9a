import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	IMAGE_RECOGNITION_IMAGE_LIMIT,
	ImageRecognitionV2,
	type ImageRecognitionV2Request,
	type ImageRecognitionV2Response,
} from '../../../../lib/tencent/actions/ImageRecognitionV2';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { imageFieldProperties, readImageBase64, type ImageFieldSpec } from '../../helpers/imageFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

/** ImageRecognitionV2 takes ImageBase64 only: a URL is downloaded by n8n and sent as base64. */
const FACE_PHOTO: ImageFieldSpec & { url: 'download' } = {
	key: 'facePhoto',
	label: 'Face Photo',
	maxBase64Bytes: IMAGE_RECOGNITION_IMAGE_LIMIT,
	url: 'download',
};

export const imageRecognitionV2: SingleCallOperation<ImageRecognitionV2Request, ImageRecognitionV2Response> = {
	resource: 'face',
	value: 'imageRecognitionV2',
	name: 'Compare Face Photo',
	description:
		"Compare a face photo with the authoritative ID photo of a name and mainland ID number (Tencent's ImageRecognitionV2)",
	actionLabel: 'Compare face photo with the ID photo',
	action: ImageRecognitionV2,
	properties: [
		NAME_PROPERTY,
		ID_CARD_NUMBER_PROPERTY,
		...imageFieldProperties(FACE_PHOTO),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional parameters of ImageRecognitionV2',
			options: [
				{
					displayName: 'Extra',
					name: 'extra',
					type: 'string',
					default: '',
					description: 'Free text Tencent echoes back in Extra, e.g. a case or CRM reference',
				},
				{
					displayName: 'Optional',
					name: 'optional',
					type: 'string',
					default: '',
					description: 'Tencent\'s "Optional" parameter, sent as is (the API page says it is not required)',
				},
			],
		},
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const request: ImageRecognitionV2Request = {
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
			Name: readName(this, itemIndex, 'name'),
			ImageBase64: await readImageBase64(this, itemIndex, FACE_PHOTO),
		};
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		if (typeof additional.optional === 'string' && additional.optional !== '') request.Optional = additional.optional;
		if (typeof additional.extra === 'string' && additional.extra !== '') request.Extra = additional.extra;
		return request;
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'Sim', 'Extra']),
};
