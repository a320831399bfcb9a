import type { IExecuteFunctions } from 'n8n-workflow';

import { CheckIdNameDate, type CheckIdNameDateRequest, type CheckIdNameDateResponse } from '../../../../lib/tencent/actions/CheckIdNameDate';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { readValidityPeriod, VALID_FROM_PROPERTY, VALID_UNTIL_PROPERTY } from '../../helpers/validityFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const checkIdNameDate: SingleCallOperation<CheckIdNameDateRequest, CheckIdNameDateResponse> = {
	resource: 'identityCard',
	value: 'checkIdNameDate',
	name: 'Verify Name, ID Number and Validity',
	description: "Check a name, an ID number and the card's validity period against the authority's records: an expired or replaced card does not match (Tencent's CheckIdNameDate)",
	actionLabel: 'Verify name, ID number and card validity',
	action: CheckIdNameDate,
	properties: [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY, VALID_FROM_PROPERTY, VALID_UNTIL_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
			...readValidityPeriod(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
