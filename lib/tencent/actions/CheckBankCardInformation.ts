import { z } from 'zod';

import type { Encryption } from './common';
import { defineElementCheck, ResultAnswerSchema } from './elementChecks';
import { rule, type OutcomeRule } from './verdicts';

/** CheckBankCardInformation (2018-03-01): the bank that issued a card and the kind of card it is. */
export interface CheckBankCardInformationRequest {
	BankCard: string;
	Encryption?: Encryption;
}

export const CheckBankCardInformationResponseSchema = ResultAnswerSchema.extend({
	AccountBank: z.string().nullish(),
	AccountType: z.number().nullish(),
});

export type CheckBankCardInformationResponse = z.infer<typeof CheckBankCardInformationResponseSchema>;

/** `AccountType` ("卡性质"): 1 debit, 2 credit, 3 prepaid, 4 semi-credit. */
export const CARD_TYPES: Readonly<Record<number, string>> = {
	1: 'debit card',
	2: 'credit card',
	3: 'prepaid card',
	4: 'semi-credit card',
};

/** A found card's description names its kind and its bank, which is what a payout workflow looks at. */
function describeCard(found: OutcomeRule, answer: Readonly<Record<string, unknown>>): OutcomeRule {
	if (found.status !== 'passed') return found;
	const kind = typeof answer.AccountType === 'number' ? CARD_TYPES[answer.AccountType] : undefined;
	const bank = typeof answer.AccountBank === 'string' && answer.AccountBank ? answer.AccountBank : undefined;
	if (!kind && !bank) return found;
	return { ...found, description: `${found.description}: ${kind ?? 'a card of an undocumented kind'}${bank ? ` issued by ${bank}` : ''}` };
}

export const CheckBankCardInformation = defineElementCheck<CheckBankCardInformationRequest, CheckBankCardInformationResponse>({
	name: 'CheckBankCardInformation',
	sites: ['china', 'international'],
	responseSchema: CheckBankCardInformationResponseSchema,
	// "-2" is "验证中心服务繁忙" (the service is busy) in the SDK's earlier text; today's lists it unnamed.
	results: {
		'0': rule('passed', true, false, 'The card was found'),
		'-1': rule('review', true, false, 'No information found for this card'),
		'-2': rule('review', false, true, 'The verification service is busy; try again later'),
		'-3': rule('review', false, false, 'No bank card has this number'),
		'-4': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
		'-5': rule('failed', true, false, 'Invalid card number'),
		'-6': rule('review', false, false, 'Cards of this kind cannot be checked yet'),
	},
	refine: describeCard,
	encryptedFields: ['BankCard'],
});
