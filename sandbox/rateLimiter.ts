/**
 * Tencent's per-action frequency limit, counted per action across all keys in fixed windows aligned
 * to whole seconds of the sandbox clock (floor(now / 1000)): deterministic under an injected clock,
 * and like Tencent's message ("… requests in a second"). Only admitted requests count.
 */
export class FixedWindowRateLimiter {
	private readonly windows = new Map<string, { second: number; count: number }>();

	constructor(private readonly limitFor: (action: string) => number) {}

	/** Admits and counts the request, or returns the limit it would exceed. */
	tryAcquire(action: string, nowMs: number): { allowed: true } | { allowed: false; limit: number } {
		const second = Math.floor(nowMs / 1000);
		const limit = this.limitFor(action);
		let window = this.windows.get(action);
		if (!window || window.second !== second) {
			window = { second, count: 0 };
			this.windows.set(action, window);
		}
		if (window.count >= limit) return { allowed: false, limit };
		window.count++;
		return { allowed: true };
	}
}
