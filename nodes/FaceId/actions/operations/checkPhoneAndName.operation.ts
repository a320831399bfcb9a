import type { IExecuteFunctions } from 'n8n-workflow';

import { CheckPhoneAndName, type CheckPhoneAndNameRequest, type CheckPhoneAndNameResponse } from '../../../../lib/tencent/actions/CheckPhoneAndName';
import { NAME_PROPERTY, readName } from '../../helpers/identityFields';
import { MOBILE_NUMBER_PROPERTY, readMobileNumber } from '../../helpers/mobileFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const checkPhoneAndName: SingleCallOperation<CheckPhoneAndNameRequest, CheckPhoneAndNameResponse> = {
	resource: 'phone',
	value: 'checkPhoneAndName',
	name: 'Verify Phone and Name',
	description: "Check that a mainland China mobile number is registered to a name; China site only (Tencent's CheckPhoneAndName)",
	actionLabel: "Verify a mobile number with its holder's name",
	action: CheckPhoneAndName,
	properties: [NAME_PROPERTY, MOBILE_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			Mobile: readMobileNumber(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
