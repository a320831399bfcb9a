/** BankCard2EVerification: name and card (two elements) against the test bank cards. */
import { BankCard2EVerification } from '../../lib/tencent/actions/BankCard2EVerification';
import { defineSandboxAction } from '../action';
import { bankCardAnswers, cardStateCodes, type BankCardPage } from '../bankCards';

/** Its page: Tencent's codes, billed and not billed. */
export const PAGE: BankCardPage = {
	billed: { '0': 'Verification passed', '-1': 'Verification failed', ...cardStateCodes(-4), '-18': 'Abnormal card status or wrong card number' },
	notBilled: {
		'-2': 'Name verification failed',
		'-3': 'Invalid bank card number format',
		'-16': 'Verification center busy',
		'-17': 'Verification attempts exceeded; retry tomorrow',
	},
};

export const BankCard2EVerificationAction = defineSandboxAction(BankCard2EVerification, bankCardAnswers(PAGE));
