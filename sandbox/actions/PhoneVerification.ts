/** PhoneVerification: whether a number is registered to a name and ID number, from the test phones. */
import { PhoneVerification } from '../../lib/tencent/actions/PhoneVerification';
import { isValidIdCardNumber, normalizeIdCardNumber } from '../../lib/tencent/idCardNumber';
import { defineSandboxAction } from '../action';
import { SandboxApiError } from '../errors';
import { comparableName, isValidName } from '../identities';
import { optionalString, requiredString } from '../params';
import { lookUpPhone } from '../phones';

/** Tencent's codes: "0" and "-4" are billed. */
const ANSWERS = {
	match: ['0', 'The three elements are consistent'],
	mismatch: ['-4', 'The three elements are inconsistent'],
	invalidPhone: ['-6', 'Invalid mobile number'],
	invalidIdCard: ['-7', 'Invalid ID card number'],
	invalidName: ['-8', 'Name verification failed'],
	notFound: ['-9', 'No record found'],
	busy: ['-11', 'Verification center busy'],
	dailyLimit: ['-12', 'Verification attempts exceeded the daily limit; retry tomorrow'],
	unsupported: ['-13', 'This number range is not supported'],
} as const;
type Answer = keyof typeof ANSWERS;

export const PhoneVerificationAction = defineSandboxAction(PhoneVerification, {
	handler(params) {
		const phone = requiredString(params, 'Phone');
		const name = requiredString(params, 'Name');
		const idCard = normalizeIdCardNumber(requiredString(params, 'IdCard'));
		const verifyMode = optionalString(params, 'VerifyMode') ?? '0';
		if (verifyMode !== '0' && verifyMode !== '1') {
			throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `VerifyMode` is invalid: expected 0 or 1.');
		}
		const row = lookUpPhone(phone);
		let answer: Answer;
		if (row === 'invalid') answer = 'invalidPhone';
		else if (!isValidIdCardNumber(idCard)) answer = 'invalidIdCard';
		else if (!isValidName(name)) answer = 'invalidName';
		else if (typeof row === 'string') answer = row;
		else if (row?.fault) answer = row.fault;
		else if (row?.holder === undefined) answer = 'notFound';
		else answer = comparableName(row.holder) === comparableName(name) && row.holderIdCard === idCard ? 'match' : 'mismatch';
		const [Result, Description] = ANSWERS[answer];
		const Isp = typeof row === 'object' ? '移动' : '';
		if (answer !== 'mismatch' || verifyMode !== '1' || typeof row !== 'object') return { Result, Description, Isp };
		// The detailed version says which element disagrees.
		const nameMatches = comparableName(row.holder ?? '') === comparableName(name);
		const ResultDetail = nameMatches ? 'PhoneIdCardMismatch' : row.holderIdCard === idCard ? 'PhoneNameMismatch' : 'PhoneNameIdCardMismatch';
		return { Result, Description, Isp, ResultDetail };
	},
	isBillable: (response) => response.Result === ANSWERS.match[0] || response.Result === ANSWERS.mismatch[0],
});
