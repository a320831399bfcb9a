/**
 * The pacer on a virtual clock: starts evenly spaced, never more than the limit in any window of a
 * second plus the transit variation (so arrivals keep every one-second window however the server
 * aligns it), counted when a request really starts, however late it woke.
 */
import { pace, ProcessPacingStore, type KeyedLimit } from '../../../../lib/tencent/rateLimit/pacer';
import { mostInAnySpan } from '../../../../sandbox/rateLimiter';
import { rateLimitRule, sustainedRate, TRANSIT_VARIATION_MS } from '../../../../lib/tencent/rateLimit/rule';

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

/** A deterministic sequence in [0, 1). */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** `callers` concurrent callers start `count` requests through `limits`, each taking `requestMs`; the start times. */
async function run(
	clock: ReturnType<typeof virtualClock>,
	limits: KeyedLimit[],
	options: { count: number; callers: number; requestMs?: number; store?: ProcessPacingStore },
): Promise<number[]> {
	const store = options.store ?? new ProcessPacingStore(clock.now);
	const starts: number[] = [];
	let next = 0;
	const caller = async () => {
		while (next < options.count) {
			next++;
			await pace(store, limits, clock.sleep);
			starts.push(clock.now());
			if (options.requestMs) await clock.sleep(options.requestMs);
		}
	};
	const callers = Promise.all(Array.from({ length: options.callers }, caller));
	await clock.runAll();
	await callers;
	return starts;
}

const rate = (starts: readonly number[]): number => (starts.length - 1) / ((starts.at(-1)! - starts[0]) / 1000);

describe('pace', () => {
	test('1,000 requests from 10 concurrent callers at 100/s: evenly spaced, ≤ 100 in any second plus the transit variation, ~10.5 s in all', async () => {
		const clock = virtualClock();
		const rule = rateLimitRule(100);
		const starts = await run(clock, [{ key: 'a', rule }], { count: 1000, callers: 10 });

		expect(starts).toHaveLength(1000);
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		// Slots are 1050 / 100 = 10.5 ms apart; waits are rounded up to whole ms.
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(11);
		expect(mostInAnySpan(starts, 1000 + TRANSIT_VARIATION_MS)).toBeLessThanOrEqual(100);
		expect(rate(starts)).toBeGreaterThanOrEqual(0.99 * sustainedRate(rule));
		expect(rate(starts) / 100).toBeGreaterThanOrEqual(0.95);
	});

	test('a run starts spaced: the first request goes at once, the next waits one interval', async () => {
		const clock = virtualClock();
		const starts = await run(clock, [{ key: 'a', rule: rateLimitRule(20) }], { count: 3, callers: 3 });
		expect(starts).toEqual([0, 53, 105]);
	});

	test('requests that wake late are counted when they start: after stalls every second, no window of 1.05 s holds more than 100', async () => {
		// 100 ms stalls every second (a GC pause, a busy CPU); each request takes 55 ms.
		const stalls = Array.from({ length: 12 }, (_, i): [number, number] => [i * 1000 + 400, i * 1000 + 500]);
		const clock = virtualClock(stalls);
		const starts = await run(clock, [{ key: 'a', rule: rateLimitRule(100) }], { count: 1000, callers: 10, requestMs: 55 });

		expect(mostInAnySpan(starts, 1000 + TRANSIT_VARIATION_MS)).toBeLessThanOrEqual(100);
		// The slots a stall cost are made up at twice the rate, never all at once.
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
		// A pacer that never caught up would lose ~10% here (100 ms in every second).
		expect(rate(starts)).toBeGreaterThanOrEqual(0.97 * sustainedRate(rateLimitRule(100)));
	});

	test('with each request\'s trip taking 0–50 ms more than another\'s, arrivals never exceed 100 in any one-second window', async () => {
		const random = seeded(7);
		for (const stalls of [[], Array.from({ length: 12 }, (_, i): [number, number] => [i * 1000 + 300, i * 1000 + 370])]) {
			const clock = virtualClock(stalls);
			const starts = await run(clock, [{ key: 'a', rule: rateLimitRule(100) }], { count: 1200, callers: 20, requestMs: 30 });
			const arrivals = starts.map((start) => start + random() * TRANSIT_VARIATION_MS);
			expect(mostInAnySpan(arrivals)).toBeLessThanOrEqual(100);
		}
	});

	test('two limits kept together: a caller at its own 30/s and one at the account\'s 100/s share the 100, and the first never passes 30', async () => {
		const clock = virtualClock();
		const store = new ProcessPacingStore(clock.now);
		const account = { key: 'account', rule: rateLimitRule(100) };
		const own = { key: 'own', rule: rateLimitRule(30) };
		const [slow, fast] = await Promise.all([
			run(clock, [own, account], { count: 90, callers: 5, store }),
			run(clock, [account], { count: 300, callers: 10, store }),
		]);
		expect(mostInAnySpan(slow, 1000 + TRANSIT_VARIATION_MS)).toBeLessThanOrEqual(30);
		expect(mostInAnySpan([...slow, ...fast], 1000 + TRANSIT_VARIATION_MS)).toBeLessThanOrEqual(100);
		// Together they use the account's rate while both run.
		const bothRan = Math.min(slow.at(-1)!, fast.at(-1)!);
		const together = [...slow, ...fast].filter((start) => start <= bothRan).sort((a, b) => a - b);
		expect(rate(together)).toBeGreaterThanOrEqual(0.95 * sustainedRate(account.rule));
	});

	test('each key has its own limits: pacing one does not slow another', async () => {
		const clock = virtualClock();
		const store = new ProcessPacingStore(clock.now);
		const [ocr, idCard] = await Promise.all([
			run(clock, [{ key: 'ImageRecognitionV2', rule: rateLimitRule(20) }], { count: 10, callers: 10, store }),
			run(clock, [{ key: 'IdCardVerification', rule: rateLimitRule(100) }], { count: 50, callers: 10, store }),
		]);
		// 10 at 20/s take ~0.47 s; 50 at 100/s take ~0.52 s: they ran side by side.
		expect(ocr.at(-1)!).toBeLessThan(500);
		expect(idCard.at(-1)!).toBeLessThan(530);
	});

	test('after an idle minute the limit starts afresh, spaced (as Redis, whose keys have expired by then)', async () => {
		const clock = virtualClock();
		const store = new ProcessPacingStore(clock.now);
		const limits = [{ key: 'a', rule: rateLimitRule(100) }];
		await run(clock, limits, { count: 5, callers: 1, store });
		const idle = clock.sleep(60_000);
		await clock.runAll();
		await idle;
		const starts = await run(clock, limits, { count: 30, callers: 30, store });
		expect(starts[0]).toBe(60_042);
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		expect(gaps.every((gap) => gap >= 10 && gap <= 11)).toBe(true);
	});

	test('a limit used a moment ago is remembered: a new caller waits for its planned slot', async () => {
		const clock = virtualClock();
		const store = new ProcessPacingStore(clock.now);
		const limits = [{ key: 'a', rule: rateLimitRule(2) }];
		expect(await store.reserve(limits)).toBe(0);
		expect(await store.tryStart(limits)).toBe(0);
		expect(await store.reserve(limits)).toBe(525);
	});

	test('an aborted wait rejects', async () => {
		const controller = new AbortController();
		const store = new ProcessPacingStore(() => 0);
		const sleep = (_ms: number, signal?: AbortSignal) =>
			new Promise<void>((_resolve, reject) => {
				if (signal?.aborted) reject(new Error('aborted'));
				signal?.addEventListener('abort', () => reject(new Error('aborted')));
			});
		const limits = [{ key: 'a', rule: rateLimitRule(1) }];
		await pace(store, limits, sleep, controller.signal); // the first slot is free
		const waiting = pace(store, limits, sleep, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow('aborted');
	});
});
