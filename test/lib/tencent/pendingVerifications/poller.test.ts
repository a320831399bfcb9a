/**
 * One tick of the FaceID Trigger (runPollTick) on an embedded registry, with stand-in checks and a
 * fake clock: due tokens are asked for, finished results handed out once and committed, tokens
 * out of time or past their window reported, a failure that concerns every token stops the tick,
 * the poll budget is kept, and interrupted starts are reported.
 */
import type { NewVerification } from '../../../../lib/tencent/pendingVerifications/registry/types';
import { runPollTick, type PollTickOptions } from '../../../../lib/tencent/pendingVerifications/poller';
import type { SqliteRegistry } from '../../../../lib/tencent/pendingVerifications/registry/sqliteStore';
import { fakeCheck, fakeClock, resultError, temporaryRegistry, type FakeCheck } from './support/fakeCheck';

const T0 = 1_800_000_000_000;
const INTERVAL = 5000;

let registry: SqliteRegistry;
let cleanup: () => Promise<void>;
let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	({ registry, cleanup } = temporaryRegistry('trigger'));
	clock = fakeClock(T0);
});
afterEach(async () => cleanup());

function token(key: string, overrides: Partial<NewVerification> = {}): NewVerification {
	return {
		token: key,
		generation: 'faceid',
		region: 'ap-singapore',
		reference: `CRM-${key}`,
		registeredAt: T0,
		pollIntervalMs: INTERVAL,
		maxPolls: 4,
		polls: 0,
		nextPollAt: T0 + INTERVAL,
		...overrides,
	};
}

let leaseCounter = 0;
function tick(checks: Record<string, FakeCheck>, overrides: Partial<PollTickOptions> = {}) {
	return runPollTick({
		registry,
		checkOf: (kind) => checks[kind],
		interrupted: () => checks.faceid.interrupted(),
		budgetMs: 60_000,
		requestTimeoutMs: 10_000,
		concurrency: 2,
		pollLeaseMs: 30_000,
		emitLeaseMs: 30_000,
		maxResults: 100,
		retentionMs: 86_400_000,
		now: clock.now,
		owner: 'test-owner',
		newLeaseId: () => `lease-${++leaseCounter}`,
		...overrides,
	});
}

test('asks for every due token once; a final one is emitted at once, a processing one rescheduled, one not due left alone', async () => {
	await registry.register(token('final'));
	await registry.register(token('slow'));
	await registry.register(token('later', { nextPollAt: T0 + 60_000 }));
	const check = fakeCheck({ final: ['PASSED'], slow: ['PROCESSING'] });
	clock.ms = T0 + INTERVAL;

	const report = await tick({ faceid: check });
	expect(check.requests.map(([key]) => key).sort()).toEqual(['final', 'slow']);
	expect(check.requests[0][1]).toBe('ap-singapore');
	expect(report).toMatchObject({ polled: 2, finished: 1, rescheduled: 1, deferred: 0 });
	expect(report.configurationError).toBeUndefined();
	expect(report.emitted).toHaveLength(1);
	expect(report.emitted[0].record).toMatchObject({ key: 'final', reference: 'CRM-final', emitCount: 1, state: 'emitting' });
	expect(report.emitted[0].result).toEqual({
		outcome: check.outcomeOf({ Status: 'PASSED', RequestId: 'final-r1' }),
		response: { Status: 'PASSED', RequestId: 'final-r1', Check: 'fake' },
		polls: 1,
	});
	expect(await registry.get('slow')).toMatchObject({ state: 'pending', polls: 1, nextPollAt: T0 + 2 * INTERVAL });
	expect(await registry.get('later')).toMatchObject({ state: 'pending', polls: 0 });
});

test('commit marks the emitted results done, once, however often it is called', async () => {
	await registry.register(token('a'));
	clock.ms = T0 + INTERVAL;
	const report = await tick({ faceid: fakeCheck({ a: ['REJECTED'] }) });
	expect(await registry.get('a')).toMatchObject({ state: 'emitting' });
	expect(await report.commit()).toBe(1);
	expect(await report.commit()).toBe(1);
	expect(await registry.get('a')).toMatchObject({ state: 'done' });
	// The next tick has nothing to emit.
	expect((await tick({ faceid: fakeCheck({}) })).emitted).toEqual([]);
});

test('results not committed (n8n did not take them) come again after the emission lease, counted as a second emission', async () => {
	await registry.register(token('a'));
	clock.ms = T0 + INTERVAL;
	await tick({ faceid: fakeCheck({ a: ['PASSED'] }) });
	clock.ms += 29_999;
	expect((await tick({ faceid: fakeCheck({}) })).emitted).toEqual([]);
	clock.ms += 1;
	const again = await tick({ faceid: fakeCheck({}) });
	expect(again.emitted.map((emitted) => [emitted.record.key, emitted.record.emitCount])).toEqual([['a', 2]]);
});

test("each entry is asked through its own kind's check", async () => {
	await registry.register(token('f', { generation: 'faceid' }));
	await registry.register(token('o', { generation: 'ocr' }));
	const faceid = fakeCheck({ f: ['PASSED'] }, 'faceid-check');
	const ocr = fakeCheck({ o: ['PASSED'] }, 'ocr-check');
	clock.ms = T0 + INTERVAL;
	const report = await tick({ faceid, ocr });
	expect(faceid.requests).toEqual([['f', 'ap-singapore']]);
	expect(ocr.requests).toEqual([['o', 'ap-singapore']]);
	expect(Object.fromEntries(report.emitted.map((emitted) => [emitted.record.key, emitted.result.outcome.description]))).toEqual({
		f: 'faceid-check: PASSED',
		o: 'ocr-check: PASSED',
	});
});

describe('tokens out of time', () => {
	test('still processing at the last poll: timed out with the last answer', async () => {
		await registry.register(token('last', { polls: 3 }));
		clock.ms = T0 + INTERVAL;
		const report = await tick({ faceid: fakeCheck({ last: ['PROCESSING'] }) });
		expect(report).toMatchObject({ polled: 1, finished: 1 });
		expect(report.emitted[0].result).toMatchObject({
			outcome: { code: 'TIMED_OUT', requestId: 'last-r1', description: `fake: still processing after 4 poll(s), ${INTERVAL} ms` },
			response: { Status: 'PROCESSING' },
			polls: 4,
		});
	});

	test('no polls left (an inline wait used them): timed out without asking', async () => {
		await registry.register(token('spent', { polls: 4 }));
		clock.ms = T0 + INTERVAL;
		const check = fakeCheck({});
		const report = await tick({ faceid: check });
		expect(check.requests).toEqual([]);
		expect(report).toMatchObject({ polled: 0, finished: 1 });
		expect(report.emitted[0].result).toEqual({ outcome: check.timedOut({ polls: 4, waitedMs: INTERVAL }), polls: 4 });
	});
});

describe('failed result requests', () => {
	test('a refused token is reported with the error, Tencent\'s code and RequestId kept', async () => {
		await registry.register(token('gone', { polls: 1 }));
		clock.ms = T0 + INTERVAL;
		const report = await tick({ faceid: fakeCheck({ gone: [resultError('RefusedToken', 'req-9')] }) });
		expect(report.emitted[0].result).toEqual({
			outcome: expect.objectContaining({ code: 'RefusedToken', description: 'fake: refused: RefusedToken happened' }),
			error: { code: 'RefusedToken', message: 'RefusedToken happened', requestId: 'req-9' },
			polls: 1,
		});
	});

	test('a failure in passing keeps the poll count and asks again at the next interval', async () => {
		await registry.register(token('flaky', { polls: 2 }));
		clock.ms = T0 + INTERVAL;
		const report = await tick({ faceid: fakeCheck({ flaky: [new Error('socket hang up')] }) });
		expect(report).toMatchObject({ polled: 1, rescheduled: 1, finished: 0 });
		expect(await registry.get('flaky')).toMatchObject({ state: 'pending', polls: 2, nextPollAt: clock.ms + INTERVAL });
	});

	test('unreachable well past the token\'s window (three intervals after its last poll was due): reported as timed out, with the error', async () => {
		// Window: registeredAt + 4 polls × 5 s = T0 + 20 s; reported from T0 + 35 s on.
		await registry.register(token('lost', { nextPollAt: T0 }));
		clock.ms = T0 + 35_000 - 1;
		expect((await tick({ faceid: fakeCheck({ lost: [new Error('ETIMEDOUT')] }) })).rescheduled).toBe(1);
		clock.ms = T0 + 35_000 + INTERVAL;
		const report = await tick({ faceid: fakeCheck({ lost: [new Error('ETIMEDOUT')] }) });
		expect(report.emitted[0].result).toMatchObject({ outcome: { code: 'TIMED_OUT' }, error: { code: 'Error', message: 'ETIMEDOUT' }, polls: 0 });
	});

	test('a failure that concerns every token stops the tick: reported once, no token finished, all kept for later', async () => {
		for (const key of ['a', 'b', 'c', 'd', 'e']) await registry.register(token(key));
		clock.ms = T0 + INTERVAL;
		const check = fakeCheck({ a: [resultError('DeniedAuth')], b: [resultError('DeniedAuth')], c: ['PASSED'], d: ['PASSED'], e: ['PASSED'] });
		const report = await tick({ faceid: check }, { concurrency: 1 });
		expect(report.configurationError).toMatchObject({ code: 'DeniedAuth' });
		expect(report).toMatchObject({ finished: 0, polled: 1 });
		// The first batch (2 × concurrency) was claimed: one asked, one released unasked; the rest never claimed.
		expect(report.deferred).toBe(2);
		expect(check.requests).toEqual([['a', 'ap-singapore']]);
		expect(await registry.stats()).toMatchObject({ pending: 5, polling: 0, finished: 0 });
	});
});

test("the poll budget: no request starts after budget − request timeout − a tenth of the budget; the rest wait for the next tick", async () => {
	for (const key of ['t1', 't2', 't3', 't4']) await registry.register(token(key));
	clock.ms = T0 + INTERVAL;
	const started = clock.ms;
	// Budget 60 s, timeout 10 s: requests may start until 44 s into the tick. Each answer takes 20 s.
	const slow = fakeCheck(
		Object.fromEntries(
			['t1', 't2', 't3', 't4'].map((key) => [
				key,
				[
					() => {
						clock.ms += 20_000;
						return 'PASSED';
					},
				],
			]),
		),
	);
	const report = await tick({ faceid: slow }, { concurrency: 1 });
	expect(slow.requests.map(([key]) => key)).toEqual(['t1', 't2', 't3']);
	expect(clock.ms - started).toBe(60_000);
	expect(report).toMatchObject({ polled: 3, finished: 3, deferred: 1 });
	expect(await registry.get('t4')).toMatchObject({ state: 'pending', polls: 0 });
});

test('a start call never answered is reported as interrupted, with its reference, once its reservation lapsed', async () => {
	await registry.reserve({ key: 'apply:1', generation: 'faceid', region: 'ap-jakarta', reference: 'CRM-lost', createdAt: T0, until: T0 + 600_000 });
	const check = fakeCheck({});
	clock.ms = T0 + 599_999;
	expect((await tick({ faceid: check })).emitted).toEqual([]);
	clock.ms = T0 + 600_000;
	const report = await tick({ faceid: check });
	expect(report.emitted.map((emitted) => [emitted.record.key, emitted.record.reference, emitted.result])).toEqual([
		['apply:1', 'CRM-lost', { outcome: check.interrupted(), polls: 0 }],
	]);
	expect(check.requests).toEqual([]);
});

test('at most maxResults results per tick, oldest first; the rest come with the next tick', async () => {
	for (const [key, offset] of [['b', 2], ['a', 1], ['c', 3]] as const) {
		await registry.register(token(key));
		await registry.claimDue(T0 + INTERVAL, 1, { id: `p-${key}`, owner: 'x', until: T0 + 60_000 });
		await registry.finish(key, `p-${key}`, { outcome: fakeCheck({}).outcomeOf({ Status: 'PASSED' }), polls: 1 }, T0 + offset);
	}
	clock.ms = T0 + 10;
	const first = await tick({ faceid: fakeCheck({}) }, { maxResults: 2 });
	expect(first.emitted.map((emitted) => emitted.record.key)).toEqual(['a', 'b']);
	await first.commit();
	const second = await tick({ faceid: fakeCheck({}) }, { maxResults: 2 });
	expect(second.emitted.map((emitted) => emitted.record.key)).toEqual(['c']);
});

test('done entries are deleted once older than the retention', async () => {
	await registry.register(token('old'));
	clock.ms = T0 + INTERVAL;
	await (await tick({ faceid: fakeCheck({ old: ['PASSED'] }) })).commit();
	clock.ms += 86_400_000;
	await tick({ faceid: fakeCheck({}) });
	expect(await registry.get('old')).toMatchObject({ state: 'done' });
	clock.ms += 1;
	await tick({ faceid: fakeCheck({}) });
	expect(await registry.get('old')).toBeUndefined();
});

test('claims are made under leases of the given owner and length', async () => {
	await registry.register(token('seen'));
	clock.ms = T0 + INTERVAL;
	let record: unknown;
	await tick({
		faceid: fakeCheck({
			seen: [
				async (key) => {
					record = await registry.get(key);
					return 'PROCESSING';
				},
			],
		}),
	});
	expect(record).toMatchObject({ state: 'polling', leaseOwner: 'test-owner', leaseUntil: T0 + INTERVAL + 30_000 });
	expect((record as { leaseId: string }).leaseId).toMatch(/^lease-\d+$/);
});
