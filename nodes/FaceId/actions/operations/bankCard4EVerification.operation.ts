import type { IExecuteFunctions } from 'n8n-workflow';

import { BankCard4EVerification, type BankCard4EVerificationRequest, type BankCard4EVerificationResponse } from '../../../../lib/tencent/actions/BankCard4EVerification';
import { BANK_CARD_NUMBER_PROPERTY, readBankCardNumber } from '../../helpers/bankCardFields';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { MOBILE_NUMBER_PROPERTY, readMobileNumber } from '../../helpers/mobileFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const bankCard4EVerification: SingleCallOperation<BankCard4EVerificationRequest, BankCard4EVerificationResponse> = {
	resource: 'bankCard',
	value: 'bankCard4EVerification',
	name: 'Verify Card, Name, ID Number and Phone',
	description: "Check that a bank card, its holder's name and ID number, and the mobile number the bank holds belong together (Tencent's BankCard4EVerification)",
	actionLabel: 'Verify bank card with name, ID number and phone',
	action: BankCard4EVerification,
	properties: [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY, BANK_CARD_NUMBER_PROPERTY, { ...MOBILE_NUMBER_PROPERTY, displayName: 'Reserved Mobile Number', hint: `The mobile number the bank holds for this card. ${MOBILE_NUMBER_PROPERTY.hint}` }],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
			BankCard: readBankCardNumber(this, itemIndex),
			Phone: readMobileNumber(this, itemIndex, 'Reserved Mobile Number'),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
