import { maskMobileNumber, mobileNumberProblem, normalizeMobileNumber } from '../../../lib/tencent/mobileNumber';

describe('normalizeMobileNumber', () => {
	test.each([
		[' 138 0013 8000 ', '13800138000'],
		['138-0013-8000', '13800138000'],
		['+86 138 0013 8000', '13800138000'],
		['+8613800138000', '13800138000'],
		['008613800138000', '13800138000'],
		// Not a country code in front of a mobile number: kept for the check to refuse.
		['+85261234567', '+85261234567'],
	])('%s → %s', (raw, normalized) => {
		expect(normalizeMobileNumber(raw)).toBe(normalized);
	});
});

describe('mobileNumberProblem', () => {
	test.each([
		['13800138000', undefined],
		['19912345678', undefined],
		['12800138000', 'must start with 13 to 19 (a mainland China mobile number)'],
		['1380013800', 'must have 11 digits, not 10'],
		['+85261234567', 'must hold only digits (a +86 prefix, spaces or hyphens are allowed)'],
	])('%s → %s', (phone, problem) => {
		expect(mobileNumberProblem(phone)).toBe(problem);
	});
});

test('maskMobileNumber keeps the network prefix and the last four digits of a mobile number, only the last four of anything longer than 8', () => {
	expect(maskMobileNumber('13800138000')).toBe('138****8000');
	expect(maskMobileNumber('2380013800')).toBe('******3800');
	expect(maskMobileNumber('6222020200001234')).toBe('************1234');
	expect(maskMobileNumber('13800138')).toBe('********');
});
