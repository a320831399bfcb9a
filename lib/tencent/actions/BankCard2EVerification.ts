import type { Encryption } from './common';
import { defineBankCardCheck, type BankCardCheckResponse } from './bankCardChecks';

/** BankCard2EVerification (2018-03-01): checks that a bank card and its holder's name belong together (two elements). */
export interface BankCard2EVerificationRequest {
	Name: string;
	BankCard: string;
	Encryption?: Encryption;
}

export type BankCard2EVerificationResponse = BankCardCheckResponse;

export const BankCard2EVerification = defineBankCardCheck<BankCard2EVerificationRequest>(
	'BankCard2EVerification',
	{
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
	},
	['Name', 'BankCard'],
);
