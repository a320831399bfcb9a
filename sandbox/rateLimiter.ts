/**
 * Tencent's per-action frequency limit, counted per action across all keys on the sandbox clock
 * (deterministic under an injected clock), in one of two ways: "sliding" (the default, the
 * stricter: no one-second span, however aligned, holds more than the limit) or "fixed" (windows
 * aligned to whole seconds, floor(now / 1000), like Tencent's message "… requests in a second").
 * Only admitted requests count.
 */
export type RateWindow = 'sliding' | 'fixed';

export type Admission = { allowed: true } | { allowed: false; limit: number };

export class PerActionRateLimiter {
	/** Per action: admitted times within the last second (sliding) or this second's count (fixed). */
	private readonly admitted = new Map<string, number[]>();
	private readonly fixedWindows = new Map<string, { second: number; count: number }>();

	constructor(
		private readonly limitFor: (action: string) => number,
		private readonly window: RateWindow = 'sliding',
	) {}

	/** Admits and counts the request, or returns the limit it would exceed. */
	tryAcquire(action: string, nowMs: number): Admission {
		const limit = this.limitFor(action);
		return this.window === 'fixed' ? this.fixed(action, nowMs, limit) : this.sliding(action, nowMs, limit);
	}

	private sliding(action: string, nowMs: number, limit: number): Admission {
		let times = this.admitted.get(action);
		if (!times) {
			times = [];
			this.admitted.set(action, times);
		}
		let expired = 0;
		while (expired < times.length && times[expired] <= nowMs - 1000) expired++;
		if (expired) times.splice(0, expired);
		if (times.length >= limit) return { allowed: false, limit };
		times.push(nowMs);
		return { allowed: true };
	}

	private fixed(action: string, nowMs: number, limit: number): Admission {
		const second = Math.floor(nowMs / 1000);
		let window = this.fixedWindows.get(action);
		if (!window || window.second !== second) {
			window = { second, count: 0 };
			this.fixedWindows.set(action, window);
		}
		if (window.count >= limit) return { allowed: false, limit };
		window.count++;
		return { allowed: true };
	}
}

/**
 * Most of `times` (ms) in any span of `spanMs`, however aligned: with one second, what a
 * sliding-window server counts.
 */
export function mostInAnySpan(times: readonly number[], spanMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let from = 0, to = 0; to < sorted.length; to++) {
		while (sorted[to] - sorted[from] >= spanMs) from++;
		most = Math.max(most, to - from + 1);
	}
	return most;
}
