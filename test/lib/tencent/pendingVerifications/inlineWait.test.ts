/**
 * The inline wait loop on a fake sleep, with a stand-in check: one request per interval, at most
 * the plan's polls, ended by a final answer, a refusal, a failure that concerns every token, or a
 * cancel; failures in passing use up their poll.
 */
import type { PendingCheck, ResultAnswer, ResultFailure } from '../../../../lib/tencent/pendingVerifications/check';
import { waitForResult } from '../../../../lib/tencent/pendingVerifications/inlineWait';

type CardResultRequest = () => Promise<ResultAnswer>;

/** An error the stand-in check classifies as it says. */
class Failure extends Error {
	constructor(readonly failure: ResultFailure) {
		super(`${failure} failure`);
	}
}

/** Final unless still PROCESSING; failures classified by their own word, plain errors transient. */
const check: Pick<PendingCheck, 'isFinal' | 'classifyFailure'> = {
	isFinal: (answer) => answer.Status !== 'PROCESSING',
	classifyFailure: (error) => (error instanceof Failure ? error.failure : 'transient'),
};

const wait = (options: Omit<Parameters<typeof waitForResult>[0], 'check'>) => waitForResult({ check, ...options });

describe('the inline wait', () => {
	const plan = { intervalMs: 1000, maxPolls: 4 };

	function fakeClock() {
		const slept: number[] = [];
		return {
			slept,
			sleep: async (ms: number, signal?: AbortSignal) => {
				if (signal?.aborted) throw new Error('aborted');
				slept.push(ms);
			},
		};
	}

	function answers(...steps: Array<string | Error>): CardResultRequest & { calls: number } {
		const request = async () => {
			const step = steps[Math.min(request.calls++, steps.length - 1)];
			if (step instanceof Error) throw step;
			return { Status: step, RequestId: `r${request.calls}` };
		};
		request.calls = 0;
		return request as CardResultRequest & { calls: number };
	}

	test('asks once per interval until the status is final', async () => {
		const clock = fakeClock();
		const requestResult = answers('PROCESSING', 'PROCESSING', 'REJECTED');
		const result = await wait({ requestResult, plan, sleep: clock.sleep });
		expect(result).toMatchObject({ kind: 'final', polls: 3, response: { Status: 'REJECTED' } });
		expect(clock.slept).toEqual([1000, 1000, 1000]);
	});

	test('stops after the last allowed poll, timed out, with the last answer', async () => {
		const clock = fakeClock();
		const result = await wait({ requestResult: answers('PROCESSING'), plan, sleep: clock.sleep });
		expect(result).toMatchObject({ kind: 'timed-out', polls: 4, response: { Status: 'PROCESSING' } });
	});

	test('a passing network failure uses up its poll; a refusal ends the wait', async () => {
		const clock = fakeClock();
		const transient = new Failure('transient');
		expect(await wait({ requestResult: answers(transient, 'PASSED'), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'final',
			polls: 2,
		});
		expect(await wait({ requestResult: answers('PROCESSING', new Failure('token')), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'refused',
			polls: 2,
			response: { Status: 'PROCESSING' },
		});
		expect(await wait({ requestResult: answers(new Failure('configuration')), plan, sleep: clock.sleep })).toMatchObject({
			kind: 'unreachable',
			polls: 1,
		});
	});

	test('a cancelled execution stops the wait before the next request', async () => {
		const controller = new AbortController();
		const clock = fakeClock();
		const requestResult = answers('PROCESSING');
		const wrapped: CardResultRequest = async () => {
			const answer = await requestResult();
			controller.abort();
			return answer;
		};
		const result = await wait({ requestResult: wrapped, plan, sleep: clock.sleep, signal: controller.signal });
		expect(result).toMatchObject({ kind: 'cancelled', polls: 1 });
		expect(requestResult.calls).toBe(1);
	});
});

describe('the inline wait, edge cases', () => {
	const plan = { intervalMs: 250, maxPolls: 3 };
	const noSleep = async () => {};

	test('timed out after failures in passing: the last failure is kept, and the last answer', async () => {
		const failures = [new Error('first'), new Error('second')];
		let calls = 0;
		const requestResult = async () => {
			calls++;
			if (calls === 1) return { Status: 'PROCESSING', RequestId: 'r1' };
			throw failures[calls - 2];
		};
		const result = await wait({ requestResult, plan, sleep: noSleep });
		expect(result).toEqual({ kind: 'timed-out', response: { Status: 'PROCESSING', RequestId: 'r1' }, polls: 3, error: failures[1] });
	});

	test('timed out without any failure carries no error', async () => {
		const result = await wait({ requestResult: async () => ({ Status: 'PROCESSING' }), plan, sleep: noSleep });
		expect(result).toEqual({ kind: 'timed-out', response: { Status: 'PROCESSING' }, polls: 3 });
		expect(result).not.toHaveProperty('error');
	});

	test('a plan of 0 polls asks nothing', async () => {
		let calls = 0;
		const result = await wait({ requestResult: async () => ({ Status: 'PASSED', n: ++calls }), plan: { intervalMs: 1000, maxPolls: 0 }, sleep: noSleep });
		expect(result).toEqual({ kind: 'timed-out', response: undefined, polls: 0 });
		expect(calls).toBe(0);
	});

	test('a sleep that rejects (the cancel signal) ends the wait as cancelled, with the answer so far', async () => {
		let sleeps = 0;
		const sleep = async () => {
			if (++sleeps === 2) throw new Error('aborted');
		};
		const result = await wait({ requestResult: async () => ({ Status: 'PROCESSING', RequestId: 'r1' }), plan, sleep });
		expect(result).toEqual({ kind: 'cancelled', response: { Status: 'PROCESSING', RequestId: 'r1' }, polls: 1 });
	});

	test('a request that fails because the execution was cancelled is a cancel, not a failure', async () => {
		const controller = new AbortController();
		const requestResult = async () => {
			controller.abort();
			throw new Failure('token');
		};
		const result = await wait({ requestResult, plan, sleep: noSleep, signal: controller.signal });
		expect(result).toEqual({ kind: 'cancelled', response: undefined, polls: 1 });
	});

	test('the signal is handed to every sleep', async () => {
		const controller = new AbortController();
		const seen: Array<AbortSignal | undefined> = [];
		await wait({
			requestResult: async () => ({ Status: 'PROCESSING' }),
			plan,
			sleep: async (_ms, signal) => {
				seen.push(signal);
			},
			signal: controller.signal,
		});
		expect(seen).toEqual([controller.signal, controller.signal, controller.signal]);
	});
});
