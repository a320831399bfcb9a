import type { IExecuteFunctions } from 'n8n-workflow';

import {
	IdCardVerification,
	type IdCardVerificationRequest,
	type IdCardVerificationResponse,
} from '../../../../lib/tencent/actions/IdCardVerification';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const idCardVerification: SingleCallOperation<IdCardVerificationRequest, IdCardVerificationResponse> = {
	resource: 'identityCard',
	value: 'idCardVerification',
	name: 'Verify Name and ID Number',
	description: "Check that a name and a mainland China ID number belong together (Tencent's IdCardVerification)",
	actionLabel: 'Verify name and ID number',
	action: IdCardVerification,
	properties: [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
