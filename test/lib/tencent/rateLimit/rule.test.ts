import { rateLimitRule, sustainedRate, TRANSIT_VARIATION_MS } from '../../../../lib/tencent/rateLimit/rule';

describe('rateLimitRule', () => {
	test('N per second becomes N starts per second plus the transit variation, planned evenly', () => {
		expect(rateLimitRule(100)).toEqual({ perSecond: 100, perWindow: 100, windowMs: 1000 + TRANSIT_VARIATION_MS, intervalMs: 10.5, minGapMs: 5.25 });
		expect(rateLimitRule(20)).toMatchObject({ perWindow: 20, windowMs: 1050, intervalMs: 52.5 });
	});

	test("a backlog runs at ≥ 95% of Tencent's limits (100/s and 20/s)", () => {
		expect(sustainedRate(rateLimitRule(100)) / 100).toBeGreaterThanOrEqual(0.95);
		expect(sustainedRate(rateLimitRule(20)) / 20).toBeGreaterThanOrEqual(0.95);
	});

	test('a rate under 1/s spaces single starts; a fractional rate above 1 keeps its whole part in any second', () => {
		expect(rateLimitRule(0.5)).toMatchObject({ perWindow: 1, windowMs: 2100, intervalMs: 2100 });
		expect(rateLimitRule(2.5)).toMatchObject({ perWindow: 2, windowMs: 1050, intervalMs: 525 });
	});

	test('refuses a rate that is not a positive number', () => {
		for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => rateLimitRule(bad)).toThrow(RangeError);
	});
});
