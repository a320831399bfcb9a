/** CheckBankCardInformation: a card's issuing bank and kind, from the test bank cards. */
import { CheckBankCardInformation } from '../../lib/tencent/actions/CheckBankCardInformation';
import { bankCardNumberProblem, normalizeBankCardNumber } from '../../lib/tencent/bankCardNumber';
import { defineSandboxAction } from '../action';
import { TEST_BANK_CARDS } from '../bankCards';
import { requiredString } from '../params';

/** Tencent's codes: "0", "-1" and "-5" are billed. */
const ANSWERS = {
	found: ['0', 'Query succeeded'],
	noInformation: ['-1', 'No information found'],
	busy: ['-2', 'Verification center busy'],
	noSuchCard: ['-3', 'The bank card does not exist'],
	dailyLimit: ['-4', 'Query attempts exceeded the limit'],
	invalid: ['-5', 'Invalid card number'],
	unsupportedKind: ['-6', 'This kind of bank card is not supported yet'],
} as const;
type Answer = keyof typeof ANSWERS;

const BILLED: ReadonlySet<string> = new Set([ANSWERS.found[0], ANSWERS.noInformation[0], ANSWERS.invalid[0]]);

export const CheckBankCardInformationAction = defineSandboxAction(CheckBankCardInformation, {
	handler(params) {
		const card = normalizeBankCardNumber(requiredString(params, 'BankCard'));
		const row = TEST_BANK_CARDS.find((candidate) => candidate.card === card);
		let answer: Answer;
		if (bankCardNumberProblem(card)) answer = 'invalid';
		else if (!row) answer = 'noSuchCard';
		else if (row.state === 'Verification center busy') answer = 'busy';
		else if (row.state === 'Verification attempts exceeded; retry tomorrow') answer = 'dailyLimit';
		else if (row.issuer === 'unsupportedKind') answer = 'unsupportedKind';
		else answer = row.issuer ? 'found' : 'noInformation';
		const [Result, Description] = ANSWERS[answer];
		const issuer = answer === 'found' && typeof row?.issuer === 'object' ? row.issuer : undefined;
		return issuer ? { Result, Description, AccountBank: issuer.bank, AccountType: issuer.kind } : { Result, Description };
	},
	isBillable: (response) => BILLED.has(String(response.Result)),
});
