import type { Encryption } from './common';
import { defineElementCheck, type ResultAnswer } from './elementChecks';
import { rule } from './verdicts';

/** CheckIdNameDate (2018-03-01): a name, ID number and the card's validity period, against the authority's records. */
export interface CheckIdNameDateRequest {
	Name: string;
	IdCard: string;
	/** First day of validity, YYYYMMDD. */
	ValidityBegin: string;
	/** Last day of validity, YYYYMMDD; "00000000" for a lifelong card. */
	ValidityEnd: string;
	Encryption?: Encryption;
}

export type CheckIdNameDateResponse = ResultAnswer;

export const CheckIdNameDate = defineElementCheck<CheckIdNameDateRequest>({
	name: 'CheckIdNameDate',
	sites: ['china', 'international'],
	results: {
		'0': rule('passed', true, false, 'Name, ID number and validity period match'),
		'-1': rule('failed', true, false, 'Name, ID number and validity period do not match'),
		'-2': rule('review', false, false, 'Invalid ID number (length or check digit)'),
		'-3': rule('review', false, false, 'Invalid name (length or format)'),
		'-4': rule('review', false, false, 'Invalid validity dates (length or format)'),
		'-5': rule('review', false, false, 'The identity information is not valid'),
		'-6': rule('review', false, true, 'ID document service error; try again later'),
		'-7': rule('review', false, false, 'No record of this ID number in the ID document database'),
		'-8': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
	},
	encryptedFields: ['Name', 'IdCard'],
});
