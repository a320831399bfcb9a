import type { Encryption } from './common';
import { defineElementCheck, type ResultAnswer } from './elementChecks';
import { bankCardResults } from './verdicts';

/** BankCardVerification (2018-03-01): checks that a bank card, its holder's name and ID number belong together (three elements). */
export interface BankCardVerificationRequest {
	IdCard: string;
	Name: string;
	BankCard: string;
	/** 0: resident ID card, the only type Tencent supports. */
	CertType?: number;
	Encryption?: Encryption;
}

export type BankCardVerificationResponse = ResultAnswer;

export const BankCardVerification = defineElementCheck<BankCardVerificationRequest>({
	name: 'BankCardVerification',
	sites: ['china', 'international'],
	results: bankCardResults({
		'0': 'verified',
		'-1': 'notVerified',
		'-2': 'nameInvalid',
		'-3': 'idNumberInvalid',
		'-4': 'cardNumberInvalid',
		'-5': 'holderMismatch',
		'-6': 'cardNotPresentDisabled',
		'-7': 'confiscated',
		'-8': 'invalidCard',
		'-9': 'noIssuer',
		'-10': 'dormant',
		'-11': 'fraudulent',
		'-12': 'reportedLost',
		'-13': 'expired',
		'-14': 'restricted',
		'-15': 'pinTriesExceeded',
		'-16': 'issuerRefuses',
		'-17': 'serviceBusy',
		'-18': 'dailyLimit',
		'-19': 'idTypeUnsupported',
		'-20': 'cardStateAbnormal',
	}),
	encryptedFields: ['Name', 'IdCard', 'BankCard'],
});
