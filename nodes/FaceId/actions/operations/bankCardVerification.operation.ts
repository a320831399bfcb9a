import type { IExecuteFunctions } from 'n8n-workflow';

import { BankCardVerification, type BankCardVerificationRequest, type BankCardVerificationResponse } from '../../../../lib/tencent/actions/BankCardVerification';
import { BANK_CARD_NUMBER_PROPERTY, readBankCardNumber } from '../../helpers/bankCardFields';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from '../../helpers/identityFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const bankCardVerification: SingleCallOperation<BankCardVerificationRequest, BankCardVerificationResponse> = {
	resource: 'bankCard',
	value: 'bankCardVerification',
	name: 'Verify Card, Name and ID Number',
	description: "Check that a bank card and its holder's name and ID number belong together (Tencent's BankCardVerification)",
	actionLabel: 'Verify bank card with name and ID number',
	action: BankCardVerification,
	properties: [NAME_PROPERTY, ID_CARD_NUMBER_PROPERTY, BANK_CARD_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			IdCard: readIdCardNumber(this, itemIndex, 'idCard'),
			BankCard: readBankCardNumber(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
