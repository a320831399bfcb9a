import { clockOffsetMs, SigningClock } from '../../../lib/tencent/clockSkew';

describe('clock offset from a Date header', () => {
	const local = Date.UTC(2026, 0, 15, 12, 0, 0, 250);

	test('server one hour ahead: +1 h, to within the header’s one-second resolution', () => {
		const offset = clockOffsetMs('Thu, 15 Jan 2026 13:00:00 GMT', local)!;
		expect(Math.abs(offset - 3_600_000)).toBeLessThanOrEqual(1000);
	});

	test('server ten minutes behind: negative offset', () => {
		const offset = clockOffsetMs('Thu, 15 Jan 2026 11:50:00 GMT', local)!;
		expect(Math.abs(offset + 600_000)).toBeLessThanOrEqual(1000);
	});

	test('missing or unreadable header: no offset', () => {
		expect(clockOffsetMs(undefined, local)).toBeUndefined();
		expect(clockOffsetMs('', local)).toBeUndefined();
		expect(clockOffsetMs('yesterday-ish', local)).toBeUndefined();
	});
});

describe('SigningClock', () => {
	test('signs with the local clock until corrected, then with the server’s, and keeps it', () => {
		let now = Date.UTC(2026, 0, 15, 12, 0, 0);
		const clock = new SigningClock(() => now);
		expect(clock.timestamp()).toBe(now / 1000);
		expect(clock.offsetSeconds).toBe(0);

		expect(clock.correctFrom('Thu, 15 Jan 2026 13:00:00 GMT')).toBe(true);
		expect(Math.abs(clock.offsetSeconds - 3600)).toBeLessThanOrEqual(1);
		const serverSeconds = Date.UTC(2026, 0, 15, 13, 0, 0) / 1000;
		expect(Math.abs(clock.timestamp() - serverSeconds)).toBeLessThanOrEqual(1);

		now += 60_000; // later requests keep the offset
		expect(Math.abs(clock.timestamp() - (serverSeconds + 60))).toBeLessThanOrEqual(1);

		const kept = clock.offsetSeconds;
		expect(clock.correctFrom(undefined)).toBe(false);
		expect(clock.offsetSeconds).toBe(kept);
	});
});
