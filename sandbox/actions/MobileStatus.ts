/** MobileStatus: a number's carrier status, from the test phones. */
import { MobileStatus } from '../../lib/tencent/actions/MobileStatus';
import { defineSandboxAction } from '../action';
import { requiredString } from '../params';
import { lookUpPhone } from '../phones';

/** Tencent's codes: only "0" is billed. */
const ANSWERS = {
	found: ['0', 'Query succeeded'],
	notFound: ['-1', 'No result found'],
	invalid: ['-2', 'Invalid mobile number format'],
	busy: ['-3', 'Verification center busy'],
	dailyLimit: ['-4', 'Verification attempts exceeded the daily limit; retry tomorrow'],
	unsupported: ['-13', 'This number range is not supported'],
} as const;

export const MobileStatusAction = defineSandboxAction(MobileStatus, {
	handler(params) {
		const row = lookUpPhone(requiredString(params, 'Mobile'));
		const [Result, Description] = ANSWERS[row === undefined ? 'notFound' : typeof row === 'string' ? row : (row.fault ?? 'found')];
		return typeof row === 'object' && !row.fault ? { Result, Description, StatusCode: row.status } : { Result, Description };
	},
	isBillable: (response) => response.Result === ANSWERS.found[0],
});
