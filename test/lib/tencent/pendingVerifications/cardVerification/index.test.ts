/**
 * The document check as the shared machinery sees it (cardVerificationCheck): one result request
 * through the client, for the generation's own result action, in the token's region, and the
 * meaning of answers and failures taken from statuses.ts.
 */
import type { ActionDefinition, BaseResponse } from '../../../../../lib/tencent/actions/common';
import type { CallOptions } from '../../../../../lib/tencent/client';
import { TencentCloudError } from '../../../../../lib/tencent/errors';
import {
	cardVerificationCheck,
	classifyCardResultFailure,
	GENERATIONS,
	outcomeOfCardVerification,
	type CardVerificationGeneration,
} from '../../../../../lib/tencent/pendingVerifications/cardVerification';

interface Call {
	action: string;
	params: unknown;
	options: CallOptions | undefined;
}

/** A client that records each call and answers with `answer`. */
function recordingClient(answer: () => Promise<BaseResponse>) {
	const calls: Call[] = [];
	return {
		calls,
		client: {
			call: async <Req, Res extends BaseResponse>(action: ActionDefinition<Req, Res>, params: Req, options?: CallOptions): Promise<Res> => {
				calls.push({ action: action.name, params, options });
				return (await answer()) as Res;
			},
		},
	};
}

describe.each<CardVerificationGeneration>(['faceid', 'ocr'])('the %s generation', (generation) => {
	test("asks the generation's result action for the token, in the token's region, with the caller's options", async () => {
		const signal = new AbortController().signal;
		const { client, calls } = recordingClient(async () => ({ Status: 'PASSED', RequestId: 'r-1' }));
		const check = cardVerificationCheck(generation, client, { timeoutMs: 4000, signal });
		const answer = await check.requestResult('tok-1', 'ap-jakarta');
		expect(answer).toEqual({ Status: 'PASSED', RequestId: 'r-1' });
		expect(calls).toEqual([
			{
				action: GENERATIONS[generation].getResult.name,
				params: { CardVerificationToken: 'tok-1' },
				options: { timeoutMs: 4000, signal, region: 'ap-jakarta' },
			},
		]);
	});

	test('a failed result request reaches the caller as it was thrown', async () => {
		const refused = new TencentCloudError({ kind: 'api', code: 'InvalidParameterValue', action: 'x', message: 'unknown token' });
		const { client } = recordingClient(async () => Promise.reject(refused));
		await expect(cardVerificationCheck(generation, client).requestResult('tok', 'ap-singapore')).rejects.toBe(refused);
	});
});

describe('the meaning of answers and failures', () => {
	const check = cardVerificationCheck('faceid', { call: async () => Promise.reject(new Error('not called')) });

	test('final unless still PROCESSING, in any spelling', () => {
		expect(check.isFinal({ Status: 'Passed' })).toBe(true);
		expect(check.isFinal({ Status: 'REJECTED' })).toBe(true);
		expect(check.isFinal({ Status: 'processing' })).toBe(false);
		expect(check.isFinal({})).toBe(false);
	});

	test('an answer means what its Status means', () => {
		const answer = { Status: 'WARNING', WarnInfo: ['PaperCopy'], RequestId: 'r-3' };
		expect(check.outcomeOf(answer)).toEqual(outcomeOfCardVerification(answer));
		expect(check.outcomeOf(answer)).toMatchObject({ status: 'review', code: 'WARNING', requestId: 'r-3' });
	});

	test('a started check is reported as PROCESSING (Review, billed, worth asking again) with the Apply RequestId', () => {
		expect(check.started('apply-req')).toMatchObject({ status: 'review', code: 'PROCESSING', billable: true, retryable: true, requestId: 'apply-req' });
	});

	test('failures, timeouts, refusals, interruptions use the document check\'s own rules', () => {
		const error = new TencentCloudError({ kind: 'api', code: 'AuthFailure.SignatureFailure', action: 'x', message: 'bad key' });
		expect(check.classifyFailure(error)).toBe(classifyCardResultFailure(error));
		expect(check.classifyFailure(error)).toBe('configuration');
		expect(check.timedOut({ polls: 2, waitedMs: 10_000 })).toMatchObject({ code: 'TIMED_OUT', status: 'review' });
		expect(check.refused(error)).toMatchObject({ code: 'AuthFailure.SignatureFailure', retryable: false });
		expect(check.unfinished('CANCELLED', 'stopped')).toMatchObject({ code: 'CANCELLED', description: 'stopped', retryable: true });
		expect(check.interrupted()).toMatchObject({ code: 'APPLY_INTERRUPTED', billable: true });
	});
});
