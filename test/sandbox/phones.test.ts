/**
 * The sandbox's test phones: what its carrier knows of a number, as sandbox/README.md says; and the
 * validity periods printed on the test identities' cards.
 */
import { LONG_TERM, validFromProblem, validUntilProblem } from '../../lib/tencent/idCardValidity';
import { ID_CARD_VALIDITY, idCardVerificationResult, TEST_IDENTITIES } from '../../sandbox/identities';
import { isUnsupportedRange, lookUpPhone, TEST_PHONES } from '../../sandbox/phones';

test('a test number is found as people write it; a valid number outside the table is unknown', () => {
	expect(lookUpPhone('+86 138-0013-8000')).toBe(TEST_PHONES[0]);
	expect(lookUpPhone('13712345678')).toBeUndefined();
});

test('a number that is not a mainland mobile number is invalid; 170 and 171 numbers are not covered', () => {
	expect(lookUpPhone('1380013800')).toBe('invalid');
	expect(lookUpPhone('12800138000')).toBe('invalid');
	expect(lookUpPhone('17012345678')).toBe('unsupported');
	expect(isUnsupportedRange('17112345678')).toBe(true);
	expect(isUnsupportedRange('17312345678')).toBe(false);
});

test('the table covers every documented carrier status, a new and an old number, and both faults', () => {
	expect(new Set(TEST_PHONES.map((row) => row.status).filter((status) => status !== undefined))).toEqual(new Set([0, 1, 2, 4, 5, 99]));
	expect(TEST_PHONES.map((row) => row.monthsInUse)).toEqual(expect.arrayContaining(['[0,3)', '(24,+]', 'unknown', undefined]));
	expect(TEST_PHONES.map((row) => row.fault).filter(Boolean).sort()).toEqual(['busy', 'dailyLimit']);
	for (const row of TEST_PHONES) expect(lookUpPhone(row.phone)).toBe(row);
});

test("a registered number's holder is a test identity: the name and the ID number registered together", () => {
	const holders = TEST_PHONES.filter((row) => row.holder !== undefined);
	expect(holders.length).toBeGreaterThan(0);
	for (const row of holders) {
		expect(idCardVerificationResult(row.holder!, row.holderIdCard!, new Date())).toBe('0');
	}
});

test("every card's validity period is a registered identity's and obeys the node's own date rules", () => {
	for (const [idCard, { begin, end }] of Object.entries(ID_CARD_VALIDITY)) {
		expect(TEST_IDENTITIES.some((row) => row.idCard === idCard && row.result === '0')).toBe(true);
		expect([validFromProblem(begin), validUntilProblem(end, begin)]).toEqual([undefined, undefined]);
	}
	expect(Object.values(ID_CARD_VALIDITY).map((period) => period.end)).toContain(LONG_TERM);
});
