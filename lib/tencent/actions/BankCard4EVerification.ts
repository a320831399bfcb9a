import type { Encryption } from './common';
import { defineElementCheck, type ResultAnswer } from './elementChecks';
import { bankCardResults } from './verdicts';

/** BankCard4EVerification (2018-03-01): checks that a bank card, its holder's name, ID number and the mobile number the bank holds belong together (four elements). */
export interface BankCard4EVerificationRequest {
	Name: string;
	BankCard: string;
	Phone: string;
	IdCard: string;
	/** 0: resident ID card, the only type Tencent supports. */
	CertType?: number;
	Encryption?: Encryption;
}

export type BankCard4EVerificationResponse = ResultAnswer;

export const BankCard4EVerification = defineElementCheck<BankCard4EVerificationRequest>({
	name: 'BankCard4EVerification',
	sites: ['china', 'international'],
	results: bankCardResults({
		'0': 'verified',
		'-1': 'notVerified',
		'-2': 'nameInvalid',
		'-3': 'idNumberInvalid',
		'-4': 'cardNumberInvalid',
		'-5': 'phoneInvalid',
		'-6': 'holderMismatch',
		'-7': 'cardNotPresentDisabled',
		'-8': 'confiscated',
		'-9': 'invalidCard',
		'-10': 'noIssuer',
		'-11': 'dormant',
		'-12': 'fraudulent',
		'-13': 'reportedLost',
		'-14': 'expired',
		'-15': 'restricted',
		'-16': 'pinTriesExceeded',
		'-17': 'issuerRefuses',
		'-18': 'serviceBusy',
		'-19': 'dailyLimit',
		'-20': 'idTypeUnsupported',
		'-21': 'cardStateAbnormal',
	}),
	encryptedFields: ['Name', 'IdCard', 'Phone', 'BankCard'],
});
