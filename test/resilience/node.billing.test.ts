/**
 * Money and clocks, through n8n's engine against the sandbox, whose log records every billable
 * answer with a hash of the request content: a flaky path never makes the node pay twice for one
 * check, a timeout is not repeated unless the user accepts that risk, and a skewed clock recovers
 * after exactly one retry and stays corrected for the rest of the execution.
 */
import { setTimeout as delay } from 'timers/promises';

import { isBillable } from '../../lib/tencent/outcomes';
import { summariseBilling } from '../../sandbox/billing';
import { startSandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import { runFaceId, sandboxCredential } from '../support/faceIdWorkflow';
import { idCardParameters, itemsOf, resultOfEachItem } from './support';

const billableCount = (results: readonly string[]) => results.filter((code) => isBillable('IdCardVerification', code)).length;

describe('a billable answer is never paid twice', () => {
	test('25% retryable faults (502, reset, InternalError, RequestLimitExceeded): every item right, no check billed twice', async () => {
		const sandbox = await startSandbox({
			faultRate: 0.25,
			faultMix: { http502: 1, reset: 1, internalError: 1, requestLimitExceeded: 1 },
			faultSeed: 7,
		});
		try {
			const identities = workloadIdentities(60);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 5, maxRetries: 6 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			const expected = identities.map((identity) => identity.expected);
			expect(resultOfEachItem(result)).toEqual(expected);

			const faults = sandbox.requests.filter((request) => request.fault !== undefined);
			expect(new Set(faults.map((request) => request.fault))).toEqual(new Set(['http502', 'reset', 'internalError', 'requestLimitExceeded']));
			expect(sandbox.requests).toHaveLength(identities.length + faults.length);
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: billableCount(expected), repeatedBillable: 0 });
		} finally {
			await sandbox.close();
		}
	});

	test('HTTP 500 (the gateway may have passed the request on) is not retried: those items report the error', async () => {
		const sandbox = await startSandbox({ faultRate: 0.3, faultMix: { http500: 1 }, faultSeed: 3 });
		try {
			const identities = workloadIdentities(20);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 1 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
				onError: 'continueRegularOutput',
			});
			const results = resultOfEachItem(result);
			const failed = results.filter((code) => code.startsWith('error:'));
			expect(failed.length).toBe(sandbox.requests.filter((request) => request.fault === 'http500').length);
			expect(failed.length).toBeGreaterThan(0);
			expect(failed.every((message) => /^error: HTTP500: .*\[item \d+\]$/.test(message))).toBe(true);
			// One request per item: nothing was sent again.
			expect(sandbox.requests).toHaveLength(identities.length);
			results.forEach((code, index) => {
				if (!code.startsWith('error:')) expect(code).toBe(identities[index].expected);
			});
		} finally {
			await sandbox.close();
		}
	});

	test('a timeout after Tencent processed (and billed) the check is not sent again', async () => {
		const sandbox = await startSandbox({ latencyMs: 1600 });
		try {
			const [match] = workloadIdentities(1);
			const result = await runFaceId({
				parameters: idCardParameters({ timeout: 1, maxRetries: 3 }),
				items: itemsOf([match]),
				credential: sandboxCredential(sandbox),
			});
			const messages = [result.error?.message, ...((result.error as { messages?: string[] } | undefined)?.messages ?? [])].join('\n');
			expect(messages).toContain('Tencent may have processed and billed the first call');
			expect(messages).toContain('Retry on Timeout');
			await delay(700); // let the sandbox finish answering into the void
			expect(sandbox.requests).toHaveLength(1);
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: 1, repeatedBillable: 0 });
		} finally {
			await sandbox.close();
		}
	});

	test('with Retry on Timeout on, the same check is billed twice: why the option is off by default', async () => {
		const sandbox = await startSandbox({ latencyMs: 1600 });
		try {
			const [match] = workloadIdentities(1);
			await runFaceId({
				parameters: idCardParameters({ timeout: 1, maxRetries: 1, retryOnTimeout: true }),
				items: itemsOf([match]),
				credential: sandboxCredential(sandbox),
			});
			await delay(700);
			expect(sandbox.requests).toHaveLength(2);
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: 2, repeatedBillable: 1 });
		} finally {
			await sandbox.close();
		}
	});
});

describe('clock skew', () => {
	test.each([
		['one hour ahead', 3600],
		['ten minutes behind', -600],
	])('sandbox clock %s: the first request expires, one re-signed retry, later items never expire', async (_label, offset) => {
		const sandbox = await startSandbox({ clockOffsetSeconds: offset });
		try {
			const identities = workloadIdentities(6);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 1, maxRetries: 0 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));
			expect(sandbox.requests.map((request) => request.code)).toEqual([
				'AuthFailure.SignatureExpire',
				...identities.map((identity) => identity.expected),
			]);
		} finally {
			await sandbox.close();
		}
	});

	test('with 4 items in flight: at most 4 expire (the first wave), none after the offset is known', async () => {
		const sandbox = await startSandbox({ clockOffsetSeconds: 3600, latencyMs: 20 });
		try {
			const identities = workloadIdentities(20);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 4 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));
			const codes = sandbox.requests.map((request) => request.code);
			const expired = codes.filter((code) => code === 'AuthFailure.SignatureExpire').length;
			expect(expired).toBeGreaterThanOrEqual(1);
			expect(expired).toBeLessThanOrEqual(4);
			expect(codes.lastIndexOf('AuthFailure.SignatureExpire')).toBeLessThan(4);
			expect(codes).toHaveLength(identities.length + expired);
		} finally {
			await sandbox.close();
		}
	});
});
