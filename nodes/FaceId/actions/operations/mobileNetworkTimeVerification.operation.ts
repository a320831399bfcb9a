import type { IExecuteFunctions } from 'n8n-workflow';

import { MobileNetworkTimeVerification, type MobileNetworkTimeVerificationRequest, type MobileNetworkTimeVerificationResponse } from '../../../../lib/tencent/actions/MobileNetworkTimeVerification';
import { MOBILE_NUMBER_PROPERTY, readMobileNumber } from '../../helpers/mobileFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const mobileNetworkTimeVerification: SingleCallOperation<MobileNetworkTimeVerificationRequest, MobileNetworkTimeVerificationResponse> = {
	resource: 'phone',
	value: 'mobileNetworkTimeVerification',
	name: 'Check Months in Use',
	description: "Check how long a mainland China mobile number has been in use; under Minimum Months in Use it goes to review (Tencent's MobileNetworkTimeVerification)",
	actionLabel: 'Check how long a mobile number has been in use',
	action: MobileNetworkTimeVerification,
	properties: [MOBILE_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Mobile: readMobileNumber(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'Range']),
};
