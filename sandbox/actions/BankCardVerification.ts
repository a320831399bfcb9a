/** BankCardVerification: name, ID number and card (three elements) against the test bank cards. */
import { BankCardVerification } from '../../lib/tencent/actions/BankCardVerification';
import { defineSandboxAction } from '../action';
import { bankCardAnswers, cardStateCodes, type BankCardPage } from '../bankCards';

/** Its page: Tencent's codes, billed and not billed. */
export const PAGE: BankCardPage = {
	billed: { '0': 'Verification passed', '-1': 'Verification failed', ...cardStateCodes(-5), '-20': 'Abnormal card status or wrong card number' },
	notBilled: {
		'-2': 'Name verification failed',
		'-3': 'Invalid ID card number',
		'-4': 'Invalid bank card number format',
		'-17': 'Verification center busy',
		'-18': 'Verification attempts exceeded; retry tomorrow',
		'-19': 'Only second-generation ID cards are supported',
	},
};

export const BankCardVerificationAction = defineSandboxAction(BankCardVerification, bankCardAnswers(PAGE, { idCard: true }));
