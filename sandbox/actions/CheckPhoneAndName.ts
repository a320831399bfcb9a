/** CheckPhoneAndName: whether a number is registered to a name, from the test phones. */
import { CheckPhoneAndName } from '../../lib/tencent/actions/CheckPhoneAndName';
import { defineSandboxAction } from '../action';
import { comparableName, isValidName } from '../identities';
import { requiredString } from '../params';
import { lookUpPhone } from '../phones';

/** Tencent's codes: "0" and "1" (a mismatch, not "-1") are billed. */
const ANSWERS = {
	match: ['0', 'Consistent'],
	mismatch: ['1', 'Inconsistent'],
	notFound: ['-1', 'No record found'],
	busy: ['-3', 'Engine service error'],
	invalidName: ['-4', 'Name verification failed'],
	invalid: ['-5', 'Invalid mobile number'],
	dailyLimit: ['-6', 'Verification attempts exceeded the daily limit; retry tomorrow'],
	unsupported: ['-13', 'This number range is not supported'],
} as const;
type Answer = keyof typeof ANSWERS;

export const CheckPhoneAndNameAction = defineSandboxAction(CheckPhoneAndName, {
	handler(params) {
		const phone = requiredString(params, 'Mobile');
		const name = requiredString(params, 'Name');
		const row = lookUpPhone(phone);
		let answer: Answer;
		if (!isValidName(name)) answer = 'invalidName';
		else if (typeof row === 'string') answer = row;
		else if (row?.fault) answer = row.fault;
		else if (row?.holder === undefined) answer = 'notFound';
		else answer = comparableName(row.holder) === comparableName(name) ? 'match' : 'mismatch';
		const [Result, Description] = ANSWERS[answer];
		return { Result, Description };
	},
	isBillable: (response) => response.Result === ANSWERS.match[0] || response.Result === ANSWERS.mismatch[0],
});
