/**
 * Client-side pacing at Tencent's per-action frequency limits, so a backlog runs as fast as
 * Tencent allows and no faster. Pure: the clock and `sleep` are injected, so tests run it on a
 * fake clock and the node on n8n's `sleep`.
 */
import type { Sleep } from './retryPolicy';

/** Tencent's documented limit for FaceID actions, per action and second. */
export const DEFAULT_RATE_LIMIT = 100;

/** Actions documented with a lower limit than the default. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = Object.freeze({ ImageRecognitionV2: 20 });

export function documentedRateLimit(action: string): number {
	return DOCUMENTED_RATE_LIMITS[action] ?? DEFAULT_RATE_LIMIT;
}

/**
 * The rate a node may use for an action: the user's limit when it is lower than Tencent's,
 * Tencent's documented limit otherwise (0, empty or a larger value).
 */
export function effectiveRateLimit(action: string, userLimit?: number): number {
	const documented = documentedRateLimit(action);
	return userLimit !== undefined && userLimit > 0 ? Math.min(userLimit, documented) : documented;
}

/**
 * Requests are spaced 1% wider than 1/limit: a server counting in one-second windows then sees
 * at most `limit` requests in any window even when the network delays one by a few ms.
 */
export const RATE_HEADROOM = 0.99;

export interface LimiterClock {
	/** Milliseconds, any origin. */
	now: () => number;
	sleep: Sleep;
}

/**
 * Evenly spaced start slots (a token bucket holding one token): callers reserve consecutive
 * slots `intervalMs` apart and wait for theirs, so N concurrent callers never burst.
 */
export class RateLimiter {
	readonly intervalMs: number;
	private nextSlot = Number.NEGATIVE_INFINITY;

	constructor(
		readonly perSecond: number,
		private readonly clock: LimiterClock,
		headroom = RATE_HEADROOM,
	) {
		if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
			throw new RangeError(`A rate limit must be a positive number of requests per second, not ${perSecond}`);
		}
		this.intervalMs = 1000 / (perSecond * headroom);
	}

	/** Resolves at the caller's slot; rejects if the signal aborts the wait (the slot is then lost). */
	async acquire(signal?: AbortSignal): Promise<void> {
		const now = this.clock.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.intervalMs;
		// Rounded up: waking a fraction of a ms early would start the request before its slot.
		const wait = Math.ceil(slot - now);
		if (wait > 0) await this.clock.sleep(wait, signal);
	}
}

/** One limiter per action, created on first use. */
export class ActionRateLimiters {
	private readonly limiters = new Map<string, RateLimiter>();

	constructor(
		private readonly limitFor: (action: string) => number,
		private readonly clock: LimiterClock,
	) {}

	forAction(action: string): RateLimiter {
		let limiter = this.limiters.get(action);
		if (!limiter) {
			limiter = new RateLimiter(this.limitFor(action), this.clock);
			this.limiters.set(action, limiter);
		}
		return limiter;
	}

	acquire(action: string, signal?: AbortSignal): Promise<void> {
		return this.forAction(action).acquire(signal);
	}
}
