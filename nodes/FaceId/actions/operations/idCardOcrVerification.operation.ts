import type { IExecuteFunctions } from 'n8n-workflow';

import {
	ID_CARD_OCR_IMAGE_LIMIT,
	IdCardOCRVerification,
	type IdCardOCRVerificationRequest,
	type IdCardOCRVerificationResponse,
} from '../../../../lib/tencent/actions/IdCardOCRVerification';
import { showWhen } from '../../helpers/displayOptions';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { imageFieldProperties, imageRequestFields, readImageField, type ImageFieldSpec } from '../../helpers/imageFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

const ID_CARD_PHOTO: ImageFieldSpec = {
	key: 'idCardPhoto',
	label: 'ID Card Photo',
	maxBase64Bytes: ID_CARD_OCR_IMAGE_LIMIT,
	url: 'tencent',
	show: { verifyBy: ['photo'] },
};

/**
 * Tencent takes name + ID number, ImageBase64 or ImageUrl and silently uses the first it finds in
 * that order; the node asks for exactly one, so nothing the user gives is ignored.
 */
export const idCardOcrVerification: SingleCallOperation<IdCardOCRVerificationRequest, IdCardOCRVerificationResponse> = {
	resource: 'identityCard',
	value: 'idCardOcrVerification',
	name: 'Verify ID Card (Photo or Number)',
	description:
		"Check a mainland ID card against the ID document database, from a photo of its portrait side or from a name and ID number (Tencent's IdCardOCRVerification)",
	actionLabel: 'Verify ID card from photo or number',
	action: IdCardOCRVerification,
	properties: [
		{
			displayName: 'Verify By',
			name: 'verifyBy',
			type: 'options',
			options: [
				{
					name: 'ID Card Photo',
					value: 'photo',
					description: 'Tencent reads name and number from a photo of the portrait side',
				},
				{ name: 'Name and ID Number', value: 'nameAndIdNumber', description: 'The name and number as typed' },
			],
			default: 'photo',
			hint: 'Send one or the other: Tencent would silently ignore a photo sent along with a name and number',
		},
		...showWhen({ verifyBy: ['nameAndIdNumber'] }, [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY]),
		...imageFieldProperties(ID_CARD_PHOTO),
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const verifyBy = this.getNodeParameter('verifyBy', itemIndex, 'photo') as string;
		if (verifyBy === 'nameAndIdNumber') {
			return { Name: readName(this, itemIndex, 'name'), IdCard: readIdCardNumber(this, itemIndex, 'idCard') };
		}
		return imageRequestFields(await readImageField(this, itemIndex, ID_CARD_PHOTO));
	},
	simplify: (response) =>
		pickFields(response, ['Result', 'Description', 'Name', 'IdCard', 'Sex', 'Nation', 'Birth', 'Address']),
};
