/** The trigger's watch of n8n's hand-over and its deferred commits, on their own. */
import type { IPollFunctions } from 'n8n-workflow';

import { watchHandOver } from '../../../nodes/FaceIdTrigger/handOver';
import { DeferredCommits } from '../../../nodes/shared/deferredCommits';

function pollContext(): IPollFunctions & { emitted: unknown[][] } {
	const emitted: unknown[][] = [];
	const context = { emitted, __emit: (...args: unknown[]) => emitted.push(args) };
	return context as unknown as IPollFunctions & { emitted: unknown[][] };
}

describe('watchHandOver', () => {
	test('tells whether n8n took the items, and still hands them to the engine', () => {
		const context = pollContext();
		const handedOver = watchHandOver(context);
		expect(handedOver()).toBe(false);
		context.__emit([[{ json: { a: 1 } }]]);
		expect(handedOver()).toBe(true);
		expect(context.emitted).toEqual([[[[{ json: { a: 1 } }]]]]);
	});

	test('a second poll on the same context wraps the engine emit, not the first wrapper', () => {
		const context = pollContext();
		const first = watchHandOver(context);
		const second = watchHandOver(context);
		context.__emit([[]]);
		expect(second()).toBe(true);
		// The first poll's items were not handed over by this call: its wrapper is gone.
		expect(first()).toBe(false);
		expect(context.emitted).toHaveLength(1);
	});
});

describe('DeferredCommits', () => {
	test('runs a commit after its delay, once', async () => {
		const commits = new DeferredCommits();
		let runs = 0;
		commits.schedule(async () => ++runs, 10);
		expect(runs).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(runs).toBe(1);
		await commits.flush();
		expect(runs).toBe(1);
	});

	test('flush runs the waiting commits at once and hands their errors to onError', async () => {
		const commits = new DeferredCommits();
		const ran: string[] = [];
		const errors: unknown[] = [];
		commits.schedule(async () => (ran.push('a'), 1), 60_000);
		commits.schedule(async () => Promise.reject(new Error('store down')), 60_000, () => undefined);
		await commits.flush((error) => errors.push((error as Error).message));
		expect(ran).toEqual(['a']);
		expect(errors).toEqual(['store down']);
	});
});
