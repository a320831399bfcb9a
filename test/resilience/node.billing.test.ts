/**
 * Money and clocks, through n8n's engine against the sandbox, whose log records every billable
 * answer with a hash of the request content: what Tencent refused before processing is retried for
 * free; what it may have processed (and billed) is not sent again unless the user accepts that
 * risk, and then every such attempt is counted on the item; a skewed clock recovers after exactly
 * one retry and stays corrected for the rest of the execution.
 */
import { setTimeout as delay } from 'timers/promises';

import { isBillable } from '../../lib/tencent/outcomes';
import { summariseBilling } from '../../sandbox/billing';
import { startSandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import type { WorkflowRunResult } from '../harness';
import { FACEID_NODE, runFaceId, sandboxCredential } from '../support/faceIdWorkflow';
import { idCardParameters, itemsOf, resultOfEachItem } from './support';

const billableCount = (results: readonly string[]) => results.filter((code) => isBillable('IdCardVerification', code)).length;

/** The outcome of each input item, by its index. */
function outcomeOfEachItem(result: WorkflowRunResult): Array<Record<string, unknown>> {
	const byItem: Array<Record<string, unknown>> = [];
	for (const items of result.outputs(FACEID_NODE)) {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired === 'object' && paired !== null) byItem[paired.item] = item.json.outcome as Record<string, unknown>;
		}
	}
	return byItem;
}

describe('no check is paid twice without the item saying so', () => {
	test('25% throttling (refused before processing): retried, every item right, no check billed twice', async () => {
		const sandbox = await startSandbox({ faultRate: 0.25, faultMix: { requestLimitExceeded: 1 }, faultSeed: 7 });
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
			expect(faults.length).toBeGreaterThan(5);
			expect(sandbox.requests).toHaveLength(identities.length + faults.length);
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: billableCount(expected), repeatedBillable: 0 });
			// Retries of what Tencent refused cost nothing: no item counts a possibly billed attempt.
			expect(outcomeOfEachItem(result).filter((outcome) => Number(outcome.possiblyBilledAttempts ?? 0) > 0)).toEqual([]);
		} finally {
			await sandbox.close();
		}
	});

	test('500, 502, a reset and InternalError may follow processing: not sent again; those items say the check may have been billed', async () => {
		const sandbox = await startSandbox({ faultRate: 0.3, faultMix: { http500: 1, http502: 1, reset: 1, internalError: 1 }, faultSeed: 5 });
		try {
			const identities = workloadIdentities(30);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 1, maxRetries: 3 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
				onError: 'continueRegularOutput',
			});
			const results = resultOfEachItem(result);
			const outcomes = outcomeOfEachItem(result);
			const failed = results.flatMap((code, index) => (code.startsWith('error:') ? [index] : []));
			const faults = sandbox.requests.filter((request) => request.fault !== undefined);
			expect(new Set(faults.map((request) => request.fault))).toEqual(new Set(['http500', 'http502', 'reset', 'internalError']));
			expect(failed.length).toBe(faults.length);
			for (const index of failed) {
				expect(results[index]).toMatch(/Tencent may have processed and billed it \(option "Retry Requests Tencent May Have Processed"\)\) \[item \d+\]$/);
				expect(outcomes[index]).toMatchObject({ status: 'review', possiblyBilled: true });
			}
			// One request per item: nothing was sent again.
			expect(sandbox.requests).toHaveLength(identities.length);
			results.forEach((code, index) => {
				if (!code.startsWith('error:')) expect(code).toBe(identities[index].expected);
			});
		} finally {
			await sandbox.close();
		}
	});

	test('faults after the charge, under the defaults: no check is billed twice, and each such item says it may have been billed', async () => {
		const sandbox = await startSandbox({ faultRate: 0.25, faultMix: { http500: 1, http502: 1, reset: 1, internalError: 1 }, faultSeed: 13, faultTiming: 'after-charge' });
		try {
			const identities = workloadIdentities(40);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 4 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
				onError: 'continueRegularOutput',
			});
			const faults = sandbox.requests.filter((request) => request.fault !== undefined);
			expect(faults.filter((request) => request.billable).length).toBeGreaterThan(0);
			expect(summariseBilling(sandbox.requests).repeatedBillable).toBe(0);
			expect(sandbox.requests).toHaveLength(identities.length);
			const outcomes = outcomeOfEachItem(result);
			expect(outcomes.filter((outcome) => outcome.possiblyBilled === true)).toHaveLength(faults.length);
		} finally {
			await sandbox.close();
		}
	});

	test('with Retry Requests Tencent May Have Processed on, faults after the charge are paid again, and each item counts its attempts', async () => {
		const sandbox = await startSandbox({ faultRate: 0.25, faultMix: { http502: 1, reset: 1, internalError: 1 }, faultSeed: 11, faultTiming: 'after-charge' });
		try {
			const identities = workloadIdentities(40);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 4, maxRetries: 6, retryOnTimeout: true }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));

			const faults = sandbox.requests.filter((request) => request.fault !== undefined);
			expect(faults.length).toBeGreaterThan(3);
			// The sandbox charged the faulted requests of billable checks: paid twice, as the option warns.
			const repeated = summariseBilling(sandbox.requests).repeatedBillable;
			expect(repeated).toBe(faults.filter((request) => request.billable).length);
			expect(repeated).toBeGreaterThan(0);
			// Every such attempt is on its item: attempts and possibly billed attempts add up to the log.
			const outcomes = outcomeOfEachItem(result);
			const retried = outcomes.filter((outcome) => outcome.attempts !== undefined);
			expect(retried.reduce((sum, outcome) => sum + Number(outcome.possiblyBilledAttempts), 0)).toBe(faults.length);
			expect(retried.reduce((sum, outcome) => sum + Number(outcome.attempts), 0)).toBe(faults.length + retried.length);
			expect(outcomes.filter((outcome) => outcome.attempts === undefined)).toHaveLength(identities.length - retried.length);
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
			expect(messages).toContain('not sent again: Tencent may have processed and billed it');
			expect(messages).toContain('Retry Requests Tencent May Have Processed');
			await delay(700); // let the sandbox finish answering into the void
			expect(sandbox.requests).toHaveLength(1);
			expect(summariseBilling(sandbox.requests)).toEqual({ billable: 1, repeatedBillable: 0 });
		} finally {
			await sandbox.close();
		}
	});

	test('with Retry Requests Tencent May Have Processed on, the same check is billed twice: why the option is off by default', async () => {
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
