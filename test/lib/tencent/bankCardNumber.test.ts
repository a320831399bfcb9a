import { bankCardNumberProblem, maskBankCardNumber, normalizeBankCardNumber } from '../../../lib/tencent/bankCardNumber';

describe('normalizeBankCardNumber', () => {
	test('drops spaces and hyphens between digits, and surrounding spaces; nothing else', () => {
		expect(normalizeBankCardNumber(' 6222 0202-0000 1234 567 ')).toBe('6222020200001234567');
		expect(normalizeBankCardNumber('6222O2020000')).toBe('6222O2020000');
		expect(normalizeBankCardNumber('6222  0202')).toBe('6222  0202');
	});
});

describe('bankCardNumberProblem', () => {
	test.each([
		['6222020200001234567', undefined],
		['4000000000000', undefined],
		['6222020200001234', undefined],
		['622202020000', 'must have 13 to 19 digits, not 12'],
		['62220202000012345678', 'must have 13 to 19 digits, not 20'],
		['6222O20200001234', 'must hold only digits (spaces or hyphens between groups are allowed)'],
		['', 'must hold only digits (spaces or hyphens between groups are allowed)'],
	])('%s → %s', (card, problem) => {
		expect(bankCardNumberProblem(card)).toBe(problem);
	});
});

test('maskBankCardNumber keeps the last four digits only', () => {
	expect(maskBankCardNumber('6222020200001234567')).toBe('***************4567');
	expect(maskBankCardNumber('1234')).toBe('****');
});
