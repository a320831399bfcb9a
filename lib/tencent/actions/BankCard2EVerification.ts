import type { Encryption } from './common';
import { defineElementCheck, type ResultAnswer } from './elementChecks';
import { bankCardResults } from './verdicts';

/** BankCard2EVerification (2018-03-01): checks that a bank card and its holder's name belong together (two elements). */
export interface BankCard2EVerificationRequest {
	Name: string;
	BankCard: string;
	Encryption?: Encryption;
}

export type BankCard2EVerificationResponse = ResultAnswer;

export const BankCard2EVerification = defineElementCheck<BankCard2EVerificationRequest>({
	name: 'BankCard2EVerification',
	sites: ['china', 'international'],
	results: bankCardResults({
		'0': 'verified',
		'-1': 'notVerified',
		'-2': 'nameInvalid',
		'-3': 'cardNumberInvalid',
		'-4': 'holderMismatch',
		'-5': 'cardNotPresentDisabled',
		'-6': 'confiscated',
		'-7': 'invalidCard',
		'-8': 'noIssuer',
		'-9': 'dormant',
		'-10': 'fraudulent',
		'-11': 'reportedLost',
		'-12': 'expired',
		'-13': 'restricted',
		'-14': 'pinTriesExceeded',
		'-15': 'issuerRefuses',
		'-16': 'serviceBusy',
		'-17': 'dailyLimit',
		'-18': 'cardStateAbnormal',
	}),
	encryptedFields: ['Name', 'BankCard'],
});
