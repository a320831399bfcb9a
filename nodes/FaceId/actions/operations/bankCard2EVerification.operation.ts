import type { IExecuteFunctions } from 'n8n-workflow';

import { BankCard2EVerification, type BankCard2EVerificationRequest, type BankCard2EVerificationResponse } from '../../../../lib/tencent/actions/BankCard2EVerification';
import { BANK_CARD_NUMBER_PROPERTY, readBankCardNumber } from '../../helpers/bankCardFields';
import { NAME_PROPERTY, readName } from '../../helpers/identityFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const bankCard2EVerification: SingleCallOperation<BankCard2EVerificationRequest, BankCard2EVerificationResponse> = {
	resource: 'bankCard',
	value: 'bankCard2EVerification',
	name: 'Verify Card and Name',
	description: "Check that a bank card and its holder's name belong together (Tencent's BankCard2EVerification)",
	actionLabel: 'Verify bank card with name',
	action: BankCard2EVerification,
	properties: [NAME_PROPERTY, BANK_CARD_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return {
			Name: readName(this, itemIndex, 'name'),
			BankCard: readBankCardNumber(this, itemIndex),
		};
	},
	simplify: (response) => pickFields(response, ['Result', 'Description']),
};
