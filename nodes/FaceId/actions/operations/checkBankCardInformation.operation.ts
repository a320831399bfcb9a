import type { IExecuteFunctions } from 'n8n-workflow';

import {
	CheckBankCardInformation,
	type CheckBankCardInformationRequest,
	type CheckBankCardInformationResponse,
} from '../../../../lib/tencent/actions/CheckBankCardInformation';
import { BANK_CARD_NUMBER_PROPERTY, readBankCardNumber } from '../../helpers/bankCardFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

export const checkBankCardInformation: SingleCallOperation<CheckBankCardInformationRequest, CheckBankCardInformationResponse> = {
	resource: 'bankCard',
	value: 'checkBankCardInformation',
	name: 'Look Up Card',
	description: "Find the bank that issued a card and whether it is a debit, credit, prepaid or semi-credit card; an invalid card number fails (Tencent's CheckBankCardInformation)",
	actionLabel: 'Look up a bank card',
	action: CheckBankCardInformation,
	properties: [BANK_CARD_NUMBER_PROPERTY],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return { BankCard: readBankCardNumber(this, itemIndex) };
	},
	simplify: (response) => pickFields(response, ['Result', 'Description', 'AccountBank', 'AccountType']),
};
