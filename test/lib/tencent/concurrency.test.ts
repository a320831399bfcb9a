/** mapInOrder: bounded, order-preserving, stops like a sequential loop. */
import { setTimeout as delay } from 'timers/promises';

import { mapInOrder } from '../../../lib/tencent/concurrency';

describe('mapInOrder', () => {
	test('results come back in index order although tasks finish out of order', async () => {
		const finished: number[] = [];
		const results = await mapInOrder(8, 4, async (index) => {
			await delay((8 - index) * 5); // later indexes finish first
			finished.push(index);
			return `item ${index}`;
		});
		expect(results).toEqual(Array.from({ length: 8 }, (_, i) => `item ${i}`));
		expect(finished).not.toEqual([...finished].sort((a, b) => a - b));
	});

	test('never more than `concurrency` tasks at once, and that many when there is work', async () => {
		let running = 0;
		let peak = 0;
		await mapInOrder(30, 5, async () => {
			running++;
			peak = Math.max(peak, running);
			await delay(2);
			running--;
		});
		expect(peak).toBe(5);
	});

	test('concurrency 1 is the sequential loop: each task starts after the previous one ended', async () => {
		const log: string[] = [];
		await mapInOrder(3, 1, async (index) => {
			log.push(`start ${index}`);
			await delay(1);
			log.push(`end ${index}`);
		});
		expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	test('a failure stops new starts, waits for running tasks, and throws the lowest index failure', async () => {
		const started: number[] = [];
		const settled: number[] = [];
		const run = mapInOrder(20, 4, async (index) => {
			started.push(index);
			// 3 fails late, 5 fails early: as in a sequential loop, item 3's error is the one reported
			if (index === 3) await delay(30);
			else await delay(5);
			settled.push(index);
			if (index === 3 || index === 5) throw new Error(`item ${index} failed`);
			return index;
		});
		await expect(run).rejects.toThrow('item 3 failed');
		expect(Math.max(...started)).toBeLessThan(20);
		// everything that started also settled before the error surfaced
		expect([...settled].sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
	});

	test('an aborted signal stops new starts and rejects instead of returning a short list', async () => {
		const controller = new AbortController();
		const run = mapInOrder(10, 2, async (index) => {
			if (index === 3) controller.abort();
			await delay(1);
			return index;
		}, controller.signal);
		await expect(run).rejects.toThrow(/Cancelled after \d+ of 10 items/);
	});

	test('zero items: no task runs', async () => {
		const task = jest.fn(async () => 1);
		await expect(mapInOrder(0, 10, task)).resolves.toEqual([]);
		expect(task).not.toHaveBeenCalled();
	});
});
