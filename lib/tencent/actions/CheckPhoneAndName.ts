import type { Encryption } from './common';
import { defineElementCheck, type ResultAnswer } from './elementChecks';
import { rule } from './verdicts';

/** CheckPhoneAndName (2018-03-01, China site): whether a mobile number is registered to a name. */
export interface CheckPhoneAndNameRequest {
	Mobile: string;
	Name: string;
	Encryption?: Encryption;
}

export type CheckPhoneAndNameResponse = ResultAnswer;

export const CheckPhoneAndName = defineElementCheck<CheckPhoneAndNameRequest>({
	name: 'CheckPhoneAndName',
	sites: ['china'],
	// A mismatch is "1", not "-1", unlike every other element check.
	results: {
		'0': rule('passed', true, false, 'The number is registered to this name'),
		'1': rule('failed', true, false, 'The number is not registered to this name'),
		'-1': rule('review', false, false, 'No record of this number'),
		'-2': rule('review', false, true, 'Unknown engine error; try again later'),
		'-3': rule('review', false, true, 'The verification engine failed; try again later'),
		'-4': rule('review', false, false, 'Invalid name'),
		'-5': rule('review', false, false, 'Invalid mobile number'),
		'-6': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
		'-13': rule('review', false, false, 'Numbers of this range cannot be checked'),
	},
	encryptedFields: ['Name', 'Mobile'],
});
