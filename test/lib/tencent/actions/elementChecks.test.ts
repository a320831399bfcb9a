import { defineElementCheck, ResultAnswerSchema } from '../../../../lib/tencent/actions/elementChecks';
import { bankCardResults, rule } from '../../../../lib/tencent/actions/verdicts';

describe('defineElementCheck', () => {
	const check = defineElementCheck<{ Name: string; BankCard: string }>({
		name: 'SomeElementCheck',
		sites: ['china'],
		results: bankCardResults({ '0': 'verified', '-4': 'holderMismatch', '-9': 'dailyLimit' }),
		encryptedFields: ['Name', 'BankCard'],
	});

	test('a FaceID action at 20 requests per second on its sites, with the fields Tencent encrypts', () => {
		expect(check).toMatchObject({ name: 'SomeElementCheck', service: 'faceid', version: '2018-03-01', sites: ['china'], rateLimit: 20 });
		expect(check.encryption).toEqual({ requestFields: ['Name', 'BankCard'] });
		expect(check.responseSchema).toBe(ResultAnswerSchema);
	});

	test('its verdict table is its own codes; the shared FailedOperation and error codes; no similarity, no refine unless given', () => {
		const outcomes = check.outcomes!;
		expect(Object.keys(outcomes.results)).toEqual(['0', '-4', '-9']);
		expect(outcomes.results['-4']).toMatchObject({ status: 'failed', billable: true, retryable: false });
		expect(outcomes.results['-9']).toMatchObject({ status: 'review', billable: false, retryable: true });
		expect(Object.keys(outcomes.failedOperations)).toEqual(['FailedOperation.UnKnown']);
		expect(Object.keys(outcomes.errors).sort()).toEqual(['FailedOperation.DecryptSystemError', 'FailedOperation.StsUnAuthErrError']);
		expect(outcomes.similarity).toBe(false);
		expect(outcomes.refine).toBeUndefined();
		expect(outcomes.monthsInUse).toBeUndefined();
	});

	test('a refine and its own answer schema when given', () => {
		const refine = (found: ReturnType<typeof rule>) => found;
		const schema = ResultAnswerSchema.extend({});
		const refined = defineElementCheck({ name: 'Other', sites: ['china', 'international'], results: {}, encryptedFields: [], responseSchema: schema, refine, monthsInUse: true });
		expect(refined.outcomes).toMatchObject({ refine, monthsInUse: true });
		expect(refined.responseSchema).toBe(schema);
	});

	test('the answer needs Result and RequestId, and keeps fields Tencent adds', () => {
		expect(ResultAnswerSchema.safeParse({ Description: 'x', RequestId: 'r' }).success).toBe(false);
		expect(ResultAnswerSchema.parse({ Result: '0', RequestId: 'r', Extra: 1 })).toEqual({ Result: '0', RequestId: 'r', Extra: 1 });
	});
});
