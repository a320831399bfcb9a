import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BANK_CARD_DIGITS, bankCardNumberProblem, maskBankCardNumber, normalizeBankCardNumber } from '../../../lib/tencent/bankCardNumber';
import { readCheckedNumber, type NumberRule } from './checkedNumbers';

/** The bank card number (parameter `bankCard`). */
export const BANK_CARD_NUMBER_PROPERTY: INodeProperties = {
	displayName: 'Bank Card Number',
	name: 'bankCard',
	type: 'string',
	default: '',
	required: true,
	placeholder: '6222020200001234567',
	hint: `${BANK_CARD_DIGITS.min} to ${BANK_CARD_DIGITS.max} digits; spaces or hyphens between groups are removed`,
};

const BANK_CARD_NUMBER_RULE: NumberRule = { normalize: normalizeBankCardNumber, problem: bankCardNumberProblem, mask: maskBankCardNumber };

/** Reads and checks a bank card number before anything is sent (see checkedNumbers.ts). */
export function readBankCardNumber(context: IExecuteFunctions, itemIndex: number): string {
	return readCheckedNumber(context, itemIndex, 'bankCard', 'Bank Card Number', BANK_CARD_NUMBER_RULE);
}
