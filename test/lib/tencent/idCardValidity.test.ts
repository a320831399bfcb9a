import { chinaDate, LONG_TERM, normalizeValidityDate, validFromProblem, validUntilProblem } from '../../../lib/tencent/idCardValidity';

describe('normalizeValidityDate: YYYYMMDD from the ways a card date is written', () => {
	test.each([
		['20150701', '20150701'],
		[' 2015.07.01 ', '20150701'],
		['2015-7-1', '20150701'],
		['2015/07/01', '20150701'],
		['2015年7月1日', '20150701'],
		['2015-07-01T00:00:00.000+08:00', '20150701'],
		['2015-07-01T16:00:00Z', '20150701'],
		['长期', LONG_TERM],
		['Long-Term', LONG_TERM],
		['permanent', LONG_TERM],
		['next year', 'next year'],
	])('%j → %j', (raw, expected) => {
		expect(normalizeValidityDate(raw)).toBe(expected);
	});
});

describe('the rules the node checks before sending and the sandbox answers "-4" by', () => {
	const today = new Date('2026-12-01T12:00:00Z');

	test('Valid From: a real date, not in the future, never long-term', () => {
		expect(validFromProblem('20150701', today)).toBeUndefined();
		expect(validFromProblem('20261201', today)).toBeUndefined();
		expect(validFromProblem('20261202', today)).toBe('lies in the future');
		expect(validFromProblem('20150229', today)).toMatch(/must be a date/);
		expect(validFromProblem('2015070', today)).toMatch(/must be a date/);
		expect(validFromProblem(LONG_TERM, today)).toBe('must be a date: only Valid Until can be long-term');
	});

	test("'today' is China's day: at 07:00 Beijing time (23:00 UTC the day before) a card issued that day is not in the future", () => {
		const morningInBeijing = new Date('2026-11-30T23:00:00Z');
		expect(chinaDate(morningInBeijing)).toBe('20261201');
		expect(validFromProblem('20261201', morningInBeijing)).toBeUndefined();
		expect(validFromProblem('20261202', morningInBeijing)).toBe('lies in the future');
	});

	test('Valid Until: a real date after Valid From, or long-term', () => {
		expect(validUntilProblem('20350701', '20150701')).toBeUndefined();
		expect(validUntilProblem(LONG_TERM, '20150701')).toBeUndefined();
		expect(validUntilProblem('20150701', '20150701')).toBe('must come after Valid From');
		expect(validUntilProblem('20140701', '20150701')).toBe('must come after Valid From');
		expect(validUntilProblem('20350230', '20150701')).toMatch(/must be a date/);
	});
});
