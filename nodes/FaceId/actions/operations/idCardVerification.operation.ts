import type { IExecuteFunctions } from 'n8n-workflow';

import {
	IdCardVerification,
	type IdCardVerificationRequest,
	type IdCardVerificationResponse,
} from '../../../../lib/tencent/models/IdCardVerification';
import { readIdCardNumber, readName } from '../../helpers/identityFields';
import type { FaceIdOperation } from '../operation';

export const idCardVerification: FaceIdOperation<IdCardVerificationRequest, IdCardVerificationResponse> = {
	value: 'idCardVerification',
	name: 'Verify Name and ID Number',
	description: "Check that a name and a mainland China ID number belong together (Tencent's IdCardVerification)",
	actionLabel: 'Verify name and ID number',
	action: IdCardVerification,
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: '韦小宝',
			hint: 'Full legal name as on the ID card; spaces around it are removed',
		},
		{
			displayName: 'ID Card Number',
			name: 'idCard',
			type: 'string',
			default: '',
			required: true,
			placeholder: '11010119900307803X',
			hint: '18-character mainland resident ID number; a lower-case x is read as X',
		},
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
		};
	},
};
