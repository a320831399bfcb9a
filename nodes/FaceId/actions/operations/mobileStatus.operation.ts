import type { IExecuteFunctions } from 'n8n-workflow';

import { MobileStatus, type MobileStatusRequest, type MobileStatusResponse } from '../../../../lib/tencent/actions/MobileStatus';
import { MOBILE_NUMBER_PROPERTY, readMobileNumber } from '../../helpers/mobileFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const mobileStatus: SingleCallOperation<MobileStatusRequest, MobileStatusResponse> = {
	resource: 'phone',
	value: 'mobileStatus',
	name: 'Check Number Status',
	description: "Check whether a mainland China mobile number is in service: suspended, cancelled and unusable numbers fail or go to review (Tencent's MobileStatus)",
	actionLabel: 'Check whether a mobile number is in service',
	action: MobileStatus,
	properties: [MOBILE_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Mobile: readMobileNumber(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'StatusCode']),
};
