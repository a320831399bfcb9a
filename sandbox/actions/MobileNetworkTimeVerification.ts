/** MobileNetworkTimeVerification: how long a number has been in use, from the test phones. */
import { MobileNetworkTimeVerification } from '../../lib/tencent/actions/MobileNetworkTimeVerification';
import { defineSandboxAction } from '../action';
import { requiredString } from '../params';
import { lookUpPhone } from '../phones';

/** Tencent's codes: "0", "-2" and "-3" are billed. */
const ANSWERS = {
	found: ['0', 'Succeeded'],
	invalid: ['-1', 'Invalid mobile number format'],
	notFound: ['-2', 'The mobile number does not exist'],
	unknown: ['-3', 'The mobile number exists, but its time on the network cannot be found'],
	busy: ['-4', 'Verification center busy'],
	dailyLimit: ['-5', 'Verification attempts exceeded the daily limit; retry tomorrow'],
	unsupported: ['-13', 'This number range is not supported'],
} as const;
const BILLED: ReadonlySet<string> = new Set([ANSWERS.found[0], ANSWERS.notFound[0], ANSWERS.unknown[0]]);

export const MobileNetworkTimeVerificationAction = defineSandboxAction(MobileNetworkTimeVerification, {
	handler(params) {
		const row = lookUpPhone(requiredString(params, 'Mobile'));
		if (row === undefined) return { Result: ANSWERS.notFound[0], Description: ANSWERS.notFound[1] };
		if (typeof row === 'string') return { Result: ANSWERS[row][0], Description: ANSWERS[row][1] };
		const answer = row.fault ?? (row.monthsInUse === undefined ? 'notFound' : row.monthsInUse === 'unknown' ? 'unknown' : 'found');
		const [Result, Description] = ANSWERS[answer];
		return answer === 'found' ? { Result, Description, Range: row.monthsInUse } : { Result, Description };
	},
	isBillable: (response) => BILLED.has(String(response.Result)),
});
