import {
	idCardCheckDigit,
	isValidIdCardNumber,
	maskIdCardNumber,
	maskName,
	normalizeIdCardNumber,
} from '../../../lib/tencent/idCardNumber';
import { TEST_IDENTITIES } from '../../../sandbox/identities';

describe('idCardCheckDigit', () => {
	test('matches the examples of GB 11643-1999', () => {
		expect(idCardCheckDigit('11010519491231002')).toBe('X');
		expect(idCardCheckDigit('44052418800101001')).toBe('4');
	});

	test('refuses anything but 17 digits', () => {
		expect(() => idCardCheckDigit('1101051949123100')).toThrow(RangeError);
		expect(() => idCardCheckDigit('1101051949123100A')).toThrow(RangeError);
	});
});

describe('isValidIdCardNumber', () => {
	const today = new Date(Date.UTC(2026, 0, 15));

	test.each([
		['11010519491231002X', true],
		['11010519491231002x', true],
		['440524188001010014', true],
		['51010720000229007X', true],
		['110105194912310021', false], // wrong check digit
		['11010519491231002', false], // 17 characters
		['11010519491231002XX', false], // 19 characters
		['1101051949123100AX', false], // letter among the digits
		[' 11010519491231002X', false], // not normalised
	])('%s → %s', (id, valid) => {
		expect(isValidIdCardNumber(id, { today })).toBe(valid);
	});

	const withCheckDigit = (first17: string) => first17 + idCardCheckDigit(first17);

	test('needs a real birth date', () => {
		expect(isValidIdCardNumber(withCheckDigit('11010119900230001'), { today })).toBe(false); // 30 February
		expect(isValidIdCardNumber(withCheckDigit('11010119000229001'), { today })).toBe(false); // 1900 is not a leap year
		expect(isValidIdCardNumber(withCheckDigit('11010119901301001'), { today })).toBe(false); // month 13
	});

	test('needs a birth date between 1800-01-01 and today', () => {
		expect(isValidIdCardNumber(withCheckDigit('11010117991231001'), { today })).toBe(false);
		expect(isValidIdCardNumber(withCheckDigit('11010118000101001'), { today })).toBe(true);
		expect(isValidIdCardNumber(withCheckDigit('11010120260115001'), { today })).toBe(true);
		expect(isValidIdCardNumber(withCheckDigit('11010120260116001'), { today })).toBe(false);
	});

	test('agrees with the sandbox table: only "-2" rows are invalid', () => {
		for (const row of TEST_IDENTITIES) {
			expect(isValidIdCardNumber(normalizeIdCardNumber(row.idCard), { today })).toBe(row.result !== '-2');
		}
	});
});

describe('normalise and mask', () => {
	test('normalizeIdCardNumber trims and upper-cases x', () => {
		expect(normalizeIdCardNumber(' 11010519491231002x\n')).toBe('11010519491231002X');
	});

	test('maskIdCardNumber keeps the first and last character, like 1****************X', () => {
		expect(maskIdCardNumber('11010519491231002X')).toBe('1****************X');
		expect(maskIdCardNumber('123')).toBe('1*3');
		expect(maskIdCardNumber('12')).toBe('**');
		expect(maskIdCardNumber('')).toBe('');
	});

	test('maskName keeps the first character, like 韦**', () => {
		expect(maskName('韦小宝')).toBe('韦**');
		expect(maskName('Wei Xiaobao')).toBe('W**********');
		expect(maskName('𠮷野家')).toBe('𠮷**');
		expect(maskName('韦')).toBe('韦');
		expect(maskName('')).toBe('');
	});
});
