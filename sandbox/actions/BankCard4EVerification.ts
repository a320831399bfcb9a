/** BankCard4EVerification: name, ID number, card and the mobile number the bank holds (four elements) against the test bank cards. */
import { BankCard4EVerification } from '../../lib/tencent/actions/BankCard4EVerification';
import { defineSandboxAction } from '../action';
import { bankCardAnswers, cardStateCodes, type BankCardPage } from '../bankCards';

/** Its page: Tencent's codes, billed and not billed. */
export const PAGE: BankCardPage = {
	billed: { '0': 'Verification passed', '-1': 'Verification failed', ...cardStateCodes(-6), '-21': 'Abnormal card status or wrong card number' },
	notBilled: {
		'-2': 'Name verification failed',
		'-3': 'Invalid ID card number',
		'-4': 'Invalid bank card number format',
		'-5': 'Invalid mobile number',
		'-18': 'Verification center busy',
		'-19': 'Verification attempts exceeded; retry tomorrow',
		'-20': 'Only second-generation ID cards are supported',
	},
};

export const BankCard4EVerificationAction = defineSandboxAction(BankCard4EVerification, bankCardAnswers(PAGE, { idCard: true, phone: true }));
