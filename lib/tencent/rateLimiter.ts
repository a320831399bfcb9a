/**
 * Client-side pacing at Tencent's per-action frequency limits (the limits are in the catalogue), so a backlog runs as fast as
 * Tencent allows and no faster. Pure: the clock and `sleep` are injected, so tests run it on a
 * fake clock and the node on n8n's `sleep`.
 */
import type { Sleep } from './sleep';

/**
 * Requests are spaced 1% wider than 1/limit, and at most ⌊0.99 × limit⌋ start in any one-second
 * span: a server counting in one-second windows then sees at most `limit` even when the network
 * delays one request into the next window.
 */
export const RATE_HEADROOM = 0.99;

/**
 * After the event loop stalled (a GC pause, a busy CPU), up to this much of a second's requests
 * may start back to back to make up the slots the stall cost; the one-second cap still holds.
 */
export const CATCH_UP_SECONDS = 0.1;

export interface LimiterClock {
	/** Milliseconds, any origin. */
	now: () => number;
	sleep: Sleep;
}

/**
 * Evenly spaced starts (GCRA, the "virtual scheduling" form of a token bucket) with a small
 * catch-up allowance, under a sliding one-second cap. Concurrent callers reserve slots in turn and
 * wait for theirs, so they never burst; the bucket starts empty, so a run begins spaced too.
 */
export class RateLimiter {
	readonly intervalMs: number;
	/** Most starts in any one-second span. */
	readonly perWindow: number;
	private readonly toleranceMs: number;
	/** Theoretical arrival time of the next request (GCRA); undefined before the first. */
	private theoreticalArrival: number | undefined;
	/** The last `perWindow` reserved slots, oldest first. */
	private readonly recentSlots: number[] = [];

	constructor(
		readonly perSecond: number,
		private readonly clock: LimiterClock,
		headroom = RATE_HEADROOM,
	) {
		if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
			throw new RangeError(`A rate limit must be a positive number of requests per second, not ${perSecond}`);
		}
		this.intervalMs = 1000 / (perSecond * headroom);
		this.perWindow = Math.max(1, Math.floor(perSecond * headroom));
		this.toleranceMs = Math.floor(perSecond * CATCH_UP_SECONDS) * this.intervalMs;
	}

	/** Resolves at the caller's slot; rejects if the signal aborts the wait (the slot is then lost). */
	async acquire(signal?: AbortSignal): Promise<void> {
		const now = this.clock.now();
		const arrival = this.theoreticalArrival ?? now + this.toleranceMs;
		let slot = Math.max(now, arrival - this.toleranceMs);
		if (this.recentSlots.length === this.perWindow) slot = Math.max(slot, this.recentSlots[0] + 1000);
		this.theoreticalArrival = Math.max(arrival, slot) + this.intervalMs;
		this.recentSlots.push(slot);
		if (this.recentSlots.length > this.perWindow) this.recentSlots.shift();
		// Rounded up (waking early would start before the slot), ignoring floating-point dust.
		const wait = Math.ceil(slot - now - 1e-6);
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

/**
 * The account's limiters, one per SecretId, action and rate for the whole process: every execution
 * of every workflow and the FaceID Trigger take their slots from the same limiter, so a rate is the
 * account's however many run at once (Tencent's documented one, and each lower one users set). A
 * limiter keeps the clock of its first user.
 */
const accountLimiters = new Map<string, RateLimiter>();

export function accountRateLimiter(account: string, action: string, perSecond: number, clock: LimiterClock): RateLimiter {
	const key = `${account}\n${action}\n${perSecond}`;
	let limiter = accountLimiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perSecond, clock);
		accountLimiters.set(key, limiter);
	}
	return limiter;
}
