import { BankCardCheckResponseSchema, defineBankCardCheck } from '../../../../lib/tencent/actions/bankCardChecks';

describe('defineBankCardCheck', () => {
	const check = defineBankCardCheck<{ Name: string; BankCard: string }>('SomeBankCardCheck', { '0': 'verified', '-4': 'holderMismatch', '-9': 'dailyLimit' }, ['Name', 'BankCard']);

	test('a FaceID action on both sites at 20 requests per second, with the fields Tencent encrypts', () => {
		expect(check).toMatchObject({ name: 'SomeBankCardCheck', service: 'faceid', version: '2018-03-01', sites: ['china', 'international'], rateLimit: 20 });
		expect(check.encryption).toEqual({ requestFields: ['Name', 'BankCard'] });
	});

	test('its verdict table is its own codes on the shared meanings; no similarity', () => {
		const { results, similarity } = check.outcomes!;
		expect(Object.keys(results)).toEqual(['0', '-4', '-9']);
		expect(results['0']).toMatchObject({ status: 'passed', billable: true });
		expect(results['-4']).toMatchObject({ status: 'failed', billable: true, retryable: false });
		expect(results['-9']).toMatchObject({ status: 'review', billable: false, retryable: true });
		expect(similarity).toBe(false);
	});

	test('the answer needs Result and RequestId, and keeps fields Tencent adds', () => {
		expect(BankCardCheckResponseSchema.safeParse({ Description: 'x', RequestId: 'r' }).success).toBe(false);
		expect(BankCardCheckResponseSchema.parse({ Result: '0', RequestId: 'r', Extra: 1 })).toEqual({ Result: '0', RequestId: 'r', Extra: 1 });
	});
});
