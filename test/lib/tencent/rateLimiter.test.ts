/**
 * The client-side limiter on a fake clock: requests start evenly spaced, never more than the
 * limit in any one-second window (however the windows are aligned), and as fast as the limit allows.
 */
import { ActionRateLimiters, RATE_HEADROOM, RateLimiter } from '../../../lib/tencent/rateLimiter';

/**
 * A virtual clock: sleeping callers wake in time order when the test advances it. During a
 * stall ([start, end) in ms) no timer fires: sleepers due in it wake late, at its end, as on a
 * blocked event loop.
 */
function virtualClock(stalls: Array<[number, number]> = []) {
	let now = 0;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	return {
		now: () => now,
		sleep: (ms: number) =>
			new Promise<void>((resolve) => {
				sleepers.push({ until: now + ms, wake: resolve });
			}),
		/** Runs until nobody sleeps: wakes the earliest sleeper, lets it continue, repeats. */
		async runAll(): Promise<void> {
			for (;;) {
				await new Promise((resolve) => setImmediate(resolve));
				if (sleepers.length === 0) return;
				sleepers.sort((a, b) => a.until - b.until);
				const next = sleepers.shift()!;
				const stall = stalls.find(([start, end]) => next.until >= start && next.until < end);
				now = Math.max(now, stall ? stall[1] : next.until);
				next.wake();
			}
		},
	};
}

/** Most start times in any window [t, t + 1000) — the worst alignment of a fixed-window server. */
function worstWindow(starts: number[]): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let worst = 0;
	let from = 0;
	for (let to = 0; to < sorted.length; to++) {
		while (sorted[to] - sorted[from] >= 1000) from++;
		worst = Math.max(worst, to - from + 1);
	}
	return worst;
}

describe('RateLimiter', () => {
	test('1,000 requests from 10 concurrent callers at 100/s: evenly spaced, ≤ 100 in any second, ~10 s in all', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter(100, clock);
		const starts: number[] = [];
		let next = 0;
		const caller = async () => {
			while (next < 1000) {
				next++;
				await limiter.acquire();
				starts.push(clock.now());
			}
		};
		const callers = Promise.all(Array.from({ length: 10 }, caller));
		await clock.runAll();
		await callers;

		expect(starts).toHaveLength(1000);
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		// Slots are 1000 / (100 × 0.99) ≈ 10.10 ms apart; waits are rounded up to whole ms.
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(11);
		expect(worstWindow(starts)).toBeLessThanOrEqual(100);
		const achieved = (starts.length - 1) / ((starts.at(-1)! - starts[0]) / 1000);
		expect(achieved / 100).toBeGreaterThanOrEqual(RATE_HEADROOM - 0.005);
		expect(achieved).toBeLessThanOrEqual(100);
	});

	test('a run starts spaced: the first request goes at once, the next waits one interval', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter(20, clock);
		const starts: number[] = [];
		const three = Promise.all([0, 1, 2].map(async () => {
			await limiter.acquire();
			starts.push(clock.now());
		}));
		await clock.runAll();
		await three;
		expect(starts).toEqual([0, 51, 102]);
	});

	test('after the event loop stalls, lost slots are made up, and no one-second span gets more than 99', async () => {
		// 100 ms stalls every second (a GC pause, a busy CPU); each request takes 55 ms.
		const stalls = Array.from({ length: 12 }, (_, i): [number, number] => [i * 1000 + 400, i * 1000 + 500]);
		const clock = virtualClock(stalls);
		const limiter = new RateLimiter(100, clock);
		const starts: number[] = [];
		let next = 0;
		const caller = async () => {
			while (next < 1000) {
				next++;
				await limiter.acquire();
				starts.push(clock.now());
				await clock.sleep(55);
			}
		};
		const callers = Promise.all(Array.from({ length: 10 }, caller));
		await clock.runAll();
		await callers;

		expect(worstWindow(starts)).toBeLessThanOrEqual(limiter.perWindow);
		expect(limiter.perWindow).toBe(99);
		const achieved = (starts.length - 1) / ((starts.at(-1)! - starts[0]) / 1000);
		// A limiter that never catches up would lose ~10% here (100 ms in every second).
		expect(achieved).toBeGreaterThanOrEqual(97);
	});

	test('after an idle period at most the catch-up allowance (0.1 s of requests) goes at once', async () => {
		let now = 0;
		const limiter = new RateLimiter(100, { now: () => now, sleep: async (ms) => void (now += ms) });
		await limiter.acquire();
		now = 60_000; // a minute idle
		const starts: number[] = [];
		for (let i = 0; i < 30; i++) {
			await limiter.acquire();
			starts.push(now);
		}
		const together = starts.filter((start) => start === 60_000).length;
		expect(together).toBe(11); // the request itself plus 10 caught-up slots
		const gaps = starts.slice(together).map((start, i) => start - starts[together - 1 + i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
	});

	test('an aborted wait gives up its slot to nobody and rejects', async () => {
		const controller = new AbortController();
		const limiter = new RateLimiter(1, {
			now: () => 0,
			sleep: (_ms, signal) =>
				new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))),
		});
		await limiter.acquire(controller.signal); // the first slot is free
		const waiting = limiter.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow('aborted');
	});

	test('refuses a non-positive rate', () => {
		const clock = virtualClock();
		expect(() => new RateLimiter(0, clock)).toThrow(RangeError);
		expect(() => new RateLimiter(Number.NaN, clock)).toThrow(RangeError);
	});
});

describe('limits per action', () => {
	test('each action has its own limiter: pacing one does not slow the other', async () => {
		const clock = virtualClock();
		const perSecond: Record<string, number> = { IdCardVerification: 100, ImageRecognitionV2: 20 };
		const limiters = new ActionRateLimiters((action) => perSecond[action], clock);
		const starts: Record<string, number[]> = { IdCardVerification: [], ImageRecognitionV2: [] };
		const run = (action: string, count: number) =>
			Promise.all(
				Array.from({ length: count }, async () => {
					await limiters.acquire(action);
					starts[action].push(clock.now());
				}),
			);
		const both = Promise.all([run('IdCardVerification', 50), run('ImageRecognitionV2', 10)]);
		await clock.runAll();
		await both;
		expect(worstWindow(starts.ImageRecognitionV2)).toBeLessThanOrEqual(20);
		// 10 at 20/s take ~0.45 s; 50 at 100/s take ~0.5 s: they ran side by side.
		expect(starts.ImageRecognitionV2.at(-1)!).toBeLessThan(500);
		expect(starts.IdCardVerification.at(-1)!).toBeLessThan(520);
		expect(limiters.forAction('ImageRecognitionV2').perSecond).toBe(20);
	});
});
