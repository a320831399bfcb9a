import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DETAILED_VERIFY_MODE,
	PhoneVerification,
	type PhoneVerificationRequest,
	type PhoneVerificationResponse,
} from '../../../../lib/tencent/actions/PhoneVerification';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { MOBILE_NUMBER_PROPERTY, readMobileNumber } from '../../helpers/mobileFields';
import { invalidField } from '../../../shared/errors';
import { pickFields } from '../../../shared/responseFields';
import { CREDENTIAL_TYPE } from '../../../shared/transport';
import type { SingleCallOperation } from '../types';

const DETAILED_RESULT_PROPERTY: INodeProperties = {
	displayName: 'Detailed Result',
	name: 'detailedResult',
	type: 'boolean',
	default: false,
	description:
		"Whether Tencent should say which element does not match (the number and the name, or the ID number). China site only; Tencent prices the detailed check differently from the basic one.",
};

export const phoneVerification: SingleCallOperation<PhoneVerificationRequest, PhoneVerificationResponse> = {
	resource: 'phone',
	value: 'phoneVerification',
	name: 'Verify Phone, Name and ID Number',
	description: "Check with the carrier that a mainland mobile number is registered to a name and ID number (Tencent's PhoneVerification)",
	actionLabel: 'Verify phone with name and ID number',
	action: PhoneVerification,
	properties: [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY, MOBILE_NUMBER_PROPERTY, DETAILED_RESULT_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const request: PhoneVerificationRequest = {
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
			Name: readName(this, itemIndex, 'name'),
			Phone: readMobileNumber(this, itemIndex),
		};
		if (this.getNodeParameter(DETAILED_RESULT_PROPERTY.name, itemIndex, false) === true) {
			// The international site's PhoneVerification has no VerifyMode.
			const { site } = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
			if (site === 'international') {
				throw invalidField(this, itemIndex, 'Detailed Result', 'is offered on the China site only', 'Nothing was sent to Tencent Cloud, so this item cost nothing. Turn it off to run the basic check.');
			}
			request.VerifyMode = DETAILED_VERIFY_MODE;
		}
		return request;
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'Isp', 'ResultDetail']),
};
