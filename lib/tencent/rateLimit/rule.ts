/**
 * What "at most N requests per second" means for the pacer. Tencent counts a request when it
 * arrives, and a request's trip from here to Tencent takes a little longer for some requests than
 * for others. Starts held to at most N in any window of one second plus that variation therefore
 * arrive at most N in any one-second window, however the server aligns its windows.
 */

/** How much longer one request's trip may take than another's, allowed for in every window. */
export const TRANSIT_VARIATION_MS = 50;

export interface RateLimitRule {
	readonly perSecond: number;
	/** Most starts in any `windowMs`. */
	readonly perWindow: number;
	readonly windowMs: number;
	/** Planned spacing of starts: `windowMs / perWindow`. */
	readonly intervalMs: number;
	/**
	 * Closest two starts may come: half the spacing, so requests whose turn passed while the event
	 * loop was busy catch up at twice the rate instead of all at once.
	 */
	readonly minGapMs: number;
}

/**
 * The rule for a rate: N starts per (1 s + variation); a rate under 1/s becomes one start per
 * (1 s + variation) / rate. A fractional rate above 1 is held to its whole part in any second,
 * which is what a server counting whole requests per second allows.
 */
export function rateLimitRule(perSecond: number): RateLimitRule {
	if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
		throw new RangeError(`A rate limit must be a positive number of requests per second, not ${perSecond}`);
	}
	const perWindow = Math.max(1, Math.floor(perSecond));
	const windowMs = (1000 + TRANSIT_VARIATION_MS) * Math.max(1, perWindow / perSecond);
	const intervalMs = windowMs / perWindow;
	return { perSecond, perWindow, windowMs, intervalMs, minGapMs: intervalMs / 2 };
}

/** The starts per second a rule allows over a long run (what a backlog achieves). */
export function sustainedRate(rule: RateLimitRule): number {
	return (rule.perWindow * 1000) / rule.windowMs;
}
