/**
 * Concurrency and pacing in the real node, through n8n's engine against the sandbox: items run
 * several at a time yet leave in input order with the right pairedItem, the concurrency bound
 * holds, and the rate limit keeps a strict sandbox limit from ever being hit.
 */
import { setTimeout as delay } from 'timers/promises';

import { IdCardVerificationAction } from '../../sandbox/actions/IdCardVerification';
import { defineSandboxAction, SANDBOX_CREDENTIALS, SandboxApiError, startSandbox } from '../../sandbox/server';
import { workloadIdentities } from '../../sandbox/workload';
import { FACEID_NODE, runFaceId, sandboxCredential } from '../support/faceIdWorkflow';
import { startSeparateSandbox } from '../support/separateSandbox';
import { idCardParameters, itemsOf, pairedIndexes, resultOfEachItem } from './support';

/** The real IdCardVerification, answering later items sooner, and counting requests in flight. */
function reorderingAction(count: number) {
	const stats = { inFlight: 0, peak: 0, order: [] as string[] };
	const action = defineSandboxAction({
		...IdCardVerificationAction,
		async handler(params, ctx) {
			stats.inFlight++;
			stats.peak = Math.max(stats.peak, stats.inFlight);
			const position = workloadIdentities(count).findIndex((identity) => identity.name === params.Name);
			await delay((count - position) * 4);
			stats.inFlight--;
			stats.order.push(String(position));
			return await IdCardVerificationAction.handler(params, ctx);
		},
	});
	return { action, stats };
}

describe('concurrency in the node', () => {
	const COUNT = 15;
	const identities = workloadIdentities(COUNT);

	test('items finish out of order but leave in input order, with pairedItem, as a sequential run would', async () => {
		const { action, stats } = reorderingAction(COUNT);
		const sandbox = await startSandbox({ actions: [action] });
		try {
			const concurrent = await runFaceId({
				parameters: idCardParameters({ concurrency: 4 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(concurrent.error).toBeUndefined();
			expect(stats.peak).toBe(4);
			// The sandbox really answered out of order...
			expect(stats.order).not.toEqual([...stats.order].sort((a, b) => Number(a) - Number(b)));
			// ...and every output still lists its items in input order.
			for (const indexes of pairedIndexes(concurrent)) expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
			expect(resultOfEachItem(concurrent)).toEqual(identities.map((identity) => identity.expected));

			stats.peak = 0;
			const sequential = await runFaceId({
				parameters: idCardParameters({ concurrency: 1 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(stats.peak).toBe(1);
			const withoutRequestIds = (outputs: ReturnType<typeof concurrent.outputs>) =>
				JSON.parse(JSON.stringify(outputs).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"<id>"')) as unknown;
			expect(withoutRequestIds(concurrent.outputs(FACEID_NODE))).toEqual(withoutRequestIds(sequential.outputs(FACEID_NODE)));
		} finally {
			await sandbox.close();
		}
	});

	test('with Route by Outcome off, the single output is exactly the input order', async () => {
		const { action } = reorderingAction(COUNT);
		const sandbox = await startSandbox({ actions: [action] });
		try {
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 8 }, { routeByOutcome: false }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(pairedIndexes(result)).toEqual([identities.map((_, index) => index)]);
		} finally {
			await sandbox.close();
		}
	});

	test('with "continue (regular output)", a bad item keeps its place among concurrent good ones', async () => {
		const sandbox = await startSandbox();
		try {
			const items = itemsOf(identities.slice(0, 6));
			items[2] = { json: { name: 'Bad Number', idCard: '12345' } };
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 6 }, { routeByOutcome: false }),
				items,
				credential: sandboxCredential(sandbox),
				onError: 'continueRegularOutput',
			});
			const results = resultOfEachItem(result);
			expect(results[2]).toBe('error: ID Card Number must have 18 characters, not 5 [item 2]');
			expect(results.filter((_, index) => index !== 2)).toEqual(
				identities.slice(0, 6).filter((_, index) => index !== 2).map((identity) => identity.expected),
			);
			expect(pairedIndexes(result)).toEqual([[0, 1, 2, 3, 4, 5]]);
		} finally {
			await sandbox.close();
		}
	});

	test('without continue-on-fail, the lowest failing item stops the node, even when a later one failed first', async () => {
		// Item 3 fails slowly at Tencent; item 5 fails at once, before sending. A sequential loop would report item 3.
		const slowRefusal = defineSandboxAction({
			...IdCardVerificationAction,
			async handler(params, ctx) {
				if (params.Name === 'Slow Refusal') {
					await delay(150);
					throw new SandboxApiError('InvalidParameterValue', 'The value of parameter `Name` is invalid.');
				}
				return await IdCardVerificationAction.handler(params, ctx);
			},
		});
		const sandbox = await startSandbox({ actions: [slowRefusal] });
		try {
			const items = itemsOf(identities.slice(0, 8));
			items[3] = { json: { name: 'Slow Refusal', idCard: identities[3].idCard } };
			items[5] = { json: { name: 'Bad Number', idCard: '12345' } };
			const result = await runFaceId({ parameters: idCardParameters({ concurrency: 8 }), items, credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toMatch(/^InvalidParameterValue: .*\[item 3\]$/);
		} finally {
			await sandbox.close();
		}
	});
});

describe('rate limit in the node', () => {
	test('Max Requests per Second 5 against a sandbox that allows 5/s: 12 items, 10 at a time, never throttled', async () => {
		const sandbox = await startSandbox({ rateLimits: { IdCardVerification: 5 } });
		try {
			const identities = workloadIdentities(12);
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 10, maxRequestsPerSecond: 5, maxRetries: 0 }),
				items: itemsOf(identities),
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.code)).not.toContain('RequestLimitExceeded');
			expect(resultOfEachItem(result)).toEqual(identities.map((identity) => identity.expected));
			// Evenly spaced at ~5/s: 11 gaps of ≥ 200 ms.
			const times = sandbox.requests.map((request) => request.time);
			expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual(11 * 200 - 20);
		} finally {
			await sandbox.close();
		}
	});

	test('the same run without the node limit hits the sandbox limit (so the test above measures something)', async () => {
		const sandbox = await startSandbox({ rateLimits: { IdCardVerification: 5 } });
		try {
			const result = await runFaceId({
				parameters: idCardParameters({ concurrency: 10, maxRetries: 0 }),
				items: itemsOf(workloadIdentities(12)),
				credential: sandboxCredential(sandbox),
				onError: 'continueRegularOutput',
			});
			expect(sandbox.requests.filter((request) => request.code === 'RequestLimitExceeded').length).toBeGreaterThan(0);
			expect(resultOfEachItem(result).some((code) => code.startsWith('error: RequestLimitExceeded'))).toBe(true);
		} finally {
			await sandbox.close();
		}
	});
});

describe('one rate limit per account in the process', () => {
	const OTHER_KEY = { secretId: 'AKIDsandboxSecondAccount0000000000', secretKey: 'sandbox-second-account-secret-key-000' };
	const LIMIT = 30;

	/** Against a sandbox in its own process, which counts arrivals in sliding one-second windows. */
	async function twoExecutionsAtOnce(secondKey: typeof OTHER_KEY | undefined) {
		const sandbox = await startSeparateSandbox({ rateLimits: { IdCardVerification: LIMIT }, keys: [SANDBOX_CREDENTIALS, OTHER_KEY] });
		try {
			const run = (credential: ReturnType<typeof sandboxCredential>, items: number) =>
				runFaceId({
					// The node's own limit at the sandbox's, as a user sets it for this account.
					parameters: idCardParameters({ concurrency: 20, maxRequestsPerSecond: LIMIT }),
					items: itemsOf(workloadIdentities(items)),
					credential,
					onError: 'continueRegularOutput',
				});
			const first = sandboxCredential(sandbox.url);
			const second = sandboxCredential(sandbox.url, secondKey ?? {});
			// One item each first, as executions of a running n8n have done: their first request
			// loads n8n's HTTP code and opens a connection, later than the pacer let it start.
			await Promise.all([run(first, 1), run(second, 1)]);
			await delay(1100);
			const since = Date.now();
			const results = (await Promise.all([run(first, 60), run(second, 60)])).flatMap(resultOfEachItem);
			const stats = await sandbox.stats(since);
			return { throttled: stats.throttled, busiest: stats.busiestSecond, requests: stats.requests, results };
		} finally {
			await sandbox.close();
		}
	}

	// The pacer leaves 50 ms per second for the trip; a longer pause of this process or of the
	// sandbox's (a GC, a busy machine) may still put a request over in a window, retried: two such
	// pauses are allowed in a run.
	const PAUSES_ALLOWED = 2;

	test('two executions at once on one SecretId share its limiter: together at the limit, every item answered right', async () => {
		const { throttled, busiest, requests, results } = await twoExecutionsAtOnce(undefined);
		expect(requests).toBe(120 + throttled);
		expect(throttled).toBeLessThanOrEqual(PAUSES_ALLOWED);
		expect(busiest).toBeLessThanOrEqual(LIMIT + PAUSES_ALLOWED);
		expect(results.filter((result) => result.startsWith('error'))).toEqual([]);
	});

	test('two SecretIds pace separately (so the test above measures the sharing): together they send well above a limit the sandbox counts across keys', async () => {
		const { throttled, busiest } = await twoExecutionsAtOnce(OTHER_KEY);
		expect(busiest).toBeGreaterThanOrEqual(1.5 * LIMIT);
		expect(throttled).toBeGreaterThan(10);
	});
});

