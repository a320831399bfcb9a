/**
 * CheckIdNameDate: name, ID number and the card's validity period against the test identities and
 * the periods printed on their cards. The name and number decide as the name + ID check does; then
 * the dates must be the card's.
 */
import { CheckIdNameDate } from '../../lib/tencent/actions/CheckIdNameDate';
import { normalizeIdCardNumber } from '../../lib/tencent/idCardNumber';
import { validFromProblem, validUntilProblem } from '../../lib/tencent/idCardValidity';
import { defineSandboxAction } from '../action';
import { ID_CARD_VALIDITY, idCardVerificationResult, type IdCardVerificationResult } from '../identities';
import { requiredString } from '../params';

/** Tencent's codes: "0" and "-1" are billed. */
const ANSWERS = {
	match: ['0', 'Consistent'],
	mismatch: ['-1', 'Inconsistent'],
	invalidIdCard: ['-2', 'Invalid ID card number'],
	invalidName: ['-3', 'Invalid name'],
	invalidDates: ['-4', 'Invalid validity period'],
	serviceError: ['-6', 'ID document service error'],
	noRecord: ['-7', 'No record of this ID card number'],
	dailyLimit: ['-8', 'Verification attempts exceeded the daily limit; retry tomorrow'],
} as const;
type Answer = keyof typeof ANSWERS;

/** What the name + ID check's answer becomes here ("0" still needs the dates to match). */
const FROM_NAME_AND_NUMBER: Readonly<Record<Exclude<IdCardVerificationResult, '0'>, Answer>> = {
	'-1': 'mismatch',
	'-2': 'invalidIdCard',
	'-3': 'invalidName',
	'-4': 'serviceError',
	'-5': 'noRecord',
	'-6': 'serviceError',
	'-7': 'dailyLimit',
};

export const CheckIdNameDateAction = defineSandboxAction(CheckIdNameDate, {
	handler(params, ctx) {
		const idCard = requiredString(params, 'IdCard');
		const begin = requiredString(params, 'ValidityBegin');
		const end = requiredString(params, 'ValidityEnd');
		const byNameAndNumber = idCardVerificationResult(requiredString(params, 'Name'), idCard, new Date(ctx.now));
		let answer: Answer;
		if (byNameAndNumber === '-2' || byNameAndNumber === '-3') answer = FROM_NAME_AND_NUMBER[byNameAndNumber];
		else if (validFromProblem(begin, new Date(ctx.now)) || validUntilProblem(end, begin)) answer = 'invalidDates';
		else if (byNameAndNumber !== '0') answer = FROM_NAME_AND_NUMBER[byNameAndNumber];
		else {
			const printed = ID_CARD_VALIDITY[normalizeIdCardNumber(idCard)];
			answer = printed?.begin === begin && printed.end === end ? 'match' : 'mismatch';
		}
		const [Result, Description] = ANSWERS[answer];
		return { Result, Description };
	},
	isBillable: (response) => response.Result === ANSWERS.match[0] || response.Result === ANSWERS.mismatch[0],
});
