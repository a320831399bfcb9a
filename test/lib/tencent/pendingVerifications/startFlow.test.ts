/**
 * Starting a check that hands back a token: reserve → start → register (with a hold when waiting)
 * → wait → settle, on an embedded registry with a stand-in check and a fake clock. From the
 * moment Tencent hands out the token it is never dropped: registered, waited for, or reported.
 */
import { PROCESS_OWNER, isReservationKey } from '../../../../lib/tencent/pendingVerifications/keys';
import type { PollingPlan } from '../../../../lib/tencent/pendingVerifications/inlineWait';
import type { VerificationRegistry } from '../../../../lib/tencent/pendingVerifications/registry/types';
import { startPendingCheck, type StartOptions } from '../../../../lib/tencent/pendingVerifications/startFlow';
import { fakeCheck, fakeClock, resultError, temporaryRegistry, type FakeCheck } from './support/fakeCheck';

type Answer = { RequestId: string; Token: string };

const TENCENT_PLAN: PollingPlan = { intervalMs: 3000, maxPolls: 5 };
const REQUEST_TIMEOUT_MS = 10_000;

let registry: VerificationRegistry;
let cleanup: () => Promise<void>;
beforeEach(() => {
	({ registry, cleanup } = temporaryRegistry('kyc'));
});
afterEach(async () => cleanup());

function setup(
	check: FakeCheck,
	overrides: Partial<StartOptions<Answer>> & { waitPlan?: PollingPlan; noWait?: boolean; noRegistry?: boolean; signal?: AbortSignal } = {},
) {
	const clock = fakeClock();
	const log = { warn: jest.fn<void, [string]>(), error: jest.fn<void, [string]>() };
	const started: Answer = { RequestId: 'apply-req', Token: 'tok-1' };
	const options: StartOptions<Answer> = {
		registry: overrides.noRegistry ? undefined : registry,
		kind: 'faceid',
		region: 'ap-singapore',
		reference: 'CRM-42',
		check,
		start: async () => started,
		tokenOf: (answer) => answer.Token,
		plansOf: () => ({ tencent: TENCENT_PLAN, wait: overrides.waitPlan ?? TENCENT_PLAN }),
		wait: overrides.noWait ? undefined : { requestTimeoutMs: REQUEST_TIMEOUT_MS, sleep: clock.sleep, signal: overrides.signal },
		log,
		now: clock.now,
		...overrides,
	};
	return { clock, log, options, run: () => startPendingCheck(options) };
}

describe('without waiting', () => {
	test('no registry: the token is only in the item, reported as started', async () => {
		const check = fakeCheck({});
		const { run } = setup(check, { noWait: true, noRegistry: true });
		expect(await run()).toEqual({
			answer: { RequestId: 'apply-req', Token: 'tok-1' },
			token: 'tok-1',
			outcome: check.started('apply-req'),
			polls: 0,
			delivery: 'token only in this item (no registry)',
			registered: false,
		});
		expect(check.requests).toEqual([]);
	});

	test('reserved before the start call is sent; the token then replaces the reservation, pending at Tencent\'s interval', async () => {
		const check = fakeCheck({});
		let seenWhileStarting: Awaited<ReturnType<VerificationRegistry['stats']>> | undefined;
		const { run, clock } = setup(check, {
			noWait: true,
			start: async () => {
				seenWhileStarting = await registry.stats();
				return { RequestId: 'apply-req', Token: 'tok-1' };
			},
		});
		const result = await run();
		expect(seenWhileStarting).toMatchObject({ reserved: 1, pending: 0 });
		expect(result).toMatchObject({ token: 'tok-1', polls: 0, delivery: 'handed off to the FaceID Trigger (channel "kyc")', registered: true, outcome: { code: 'STARTED' } });
		expect(await registry.stats()).toMatchObject({ reserved: 0, pending: 1 });
		expect(await registry.get('tok-1')).toMatchObject({
			state: 'pending',
			generation: 'faceid',
			region: 'ap-singapore',
			reference: 'CRM-42',
			registeredAt: clock.ms,
			pollIntervalMs: 3000,
			maxPolls: 5,
			polls: 0,
			nextPollAt: clock.ms + 3000,
		});
	});

	test('the reservation is a reservation key with the reference, lasting ten minutes: an unanswered start is reported after that', async () => {
		const reserve = jest.spyOn(registry, 'reserve');
		const interrupted = { outcome: fakeCheck({}).interrupted(), polls: 0 };
		const { run, clock } = setup(fakeCheck({}), {
			noWait: true,
			start: async () => {
				// Meanwhile the trigger turns lapsed reservations into reports; this one lapses only after ten minutes.
				expect(await registry.expireReservations(clock.ms + 10 * 60_000 - 1, interrupted)).toBe(0);
				expect(await registry.expireReservations(clock.ms + 10 * 60_000, interrupted)).toBe(1);
				throw new Error('n8n stopped');
			},
		});
		await expect(run()).rejects.toThrow('n8n stopped');
		expect(reserve).toHaveBeenCalledTimes(1);
		const [entry] = reserve.mock.calls[0];
		expect(isReservationKey(entry.key)).toBe(true);
		expect(entry).toEqual({ key: entry.key, generation: 'faceid', region: 'ap-singapore', reference: 'CRM-42', createdAt: clock.ms, until: clock.ms + 10 * 60_000 });
	});

	test('a failed start call is rethrown and leaves nothing in the registry', async () => {
		const refused = resultError('InvalidParameterValue');
		const { run } = setup(fakeCheck({}), { noWait: true, start: async () => Promise.reject(refused) });
		await expect(run()).rejects.toBe(refused);
		expect(Object.values(await registry.stats()).every((count) => count === 0)).toBe(true);
	});

	test('a registry that cannot register keeps the token in the item, logged, never thrown', async () => {
		const { run, log } = setup(fakeCheck({}), { noWait: true });
		jest.spyOn(registry, 'register').mockRejectedValueOnce(new Error('disk full'));
		const result = await run();
		expect(result).toMatchObject({ token: 'tok-1', delivery: 'registration failed: keep this token', registered: false, outcome: { code: 'STARTED' } });
		expect(log.error).toHaveBeenCalledWith('FaceID: a pending token could not be registered for the trigger: disk full');
	});
});

describe('waiting inline', () => {
	test('polls at the wait plan under a hold the trigger cannot take, and a final result settles the entry as delivered', async () => {
		let heldRecord: unknown;
		const check = fakeCheck({
			'tok-1': [
				'PROCESSING',
				async () => {
					heldRecord = await registry.get('tok-1');
					return 'PASSED';
				},
			],
		});
		const { run, clock } = setup(check, { waitPlan: { intervalMs: 1000, maxPolls: 4 } });
		const registeredAt = clock.ms;
		const result = await run();
		expect(result).toMatchObject({
			token: 'tok-1',
			polls: 2,
			delivery: 'waited inline',
			outcome: { status: 'passed', code: 'PASSED', requestId: 'tok-1-r2' },
			result: { Status: 'PASSED', RequestId: 'tok-1-r2' },
		});
		expect(clock.slept).toEqual([1000, 1000]);
		expect(check.requests).toEqual([
			['tok-1', 'ap-singapore'],
			['tok-1', 'ap-singapore'],
		]);
		// The hold covers every poll of the wait with its request timeout, and a minute more.
		expect(heldRecord).toMatchObject({ state: 'polling', leaseOwner: PROCESS_OWNER, leaseUntil: registeredAt + 4 * (1000 + REQUEST_TIMEOUT_MS) + 60_000 });
		expect(await registry.claimDue(clock.ms + 1, 10, { id: 'trigger', owner: 'trigger', until: clock.ms + 60_000 })).toEqual([]);
		expect(await registry.get('tok-1')).toMatchObject({ state: 'done' });
	});

	test("the user's cap ran out before Tencent's: timed out, handed to the trigger with the polls made so far", async () => {
		const check = fakeCheck({ 'tok-1': ['PROCESSING'] });
		const { run, clock } = setup(check, { waitPlan: { intervalMs: 3000, maxPolls: 2 } });
		const result = await run();
		expect(result.polls).toBe(2);
		expect(result.delivery).toBe('waited inline, then handed off to the FaceID Trigger (channel "kyc")');
		expect(result.outcome).toMatchObject({ code: 'TIMED_OUT', requestId: 'tok-1-r2' });
		expect(result.outcome.description).toBe(
			`fake: still processing after 2 poll(s), 6000 ms. The token was handed to the FaceID Trigger (channel "kyc"), which emits the result.`,
		);
		expect(await registry.get('tok-1')).toMatchObject({ state: 'pending', polls: 2, nextPollAt: clock.ms + 3000 });
	});

	test("timed out after Tencent's own last poll: reported here, nothing left for the trigger", async () => {
		const { run } = setup(fakeCheck({ 'tok-1': ['PROCESSING'] }));
		const result = await run();
		expect(result).toMatchObject({ polls: 5, delivery: 'waited inline', outcome: { code: 'TIMED_OUT' } });
		expect(result.outcome.description).toBe('fake: still processing after 5 poll(s), 15000 ms.');
		expect(await registry.get('tok-1')).toMatchObject({ state: 'done' });
	});

	test('a refused token is final here', async () => {
		const { run } = setup(fakeCheck({ 'tok-1': ['PROCESSING', resultError('RefusedToken')] }));
		const result = await run();
		expect(result).toMatchObject({ polls: 2, delivery: 'waited inline', outcome: { code: 'RefusedToken', description: 'fake: refused: RefusedToken happened' } });
		expect(await registry.get('tok-1')).toMatchObject({ state: 'done' });
	});

	test('Tencent unreachable for every token: unfinished with the reason, and the trigger takes over', async () => {
		const { run } = setup(fakeCheck({ 'tok-1': [resultError('DeniedAuth', 'req-denied')] }));
		const result = await run();
		expect(result.outcome).toMatchObject({ code: 'DeniedAuth', requestId: 'req-denied', retryable: true });
		expect(result.outcome.description).toBe(
			'Could not ask for the result: DeniedAuth happened. The token was handed to the FaceID Trigger (channel "kyc"), which emits the result.',
		);
		expect(await registry.get('tok-1')).toMatchObject({ state: 'pending', polls: 1 });
	});

	test('a cancelled execution stops the wait; the token goes to the trigger', async () => {
		const controller = new AbortController();
		const check = fakeCheck({
			'tok-1': [
				() => {
					controller.abort();
					return 'PROCESSING';
				},
			],
		});
		const { run } = setup(check, { signal: controller.signal });
		const result = await run();
		expect(result).toMatchObject({ polls: 1, result: { Status: 'PROCESSING' }, outcome: { code: 'CANCELLED', requestId: 'tok-1-r1' } });
		expect(result.outcome.description).toMatch(/^The execution was cancelled while waiting for the result\. The token was handed to the FaceID Trigger/);
		expect(await registry.get('tok-1')).toMatchObject({ state: 'pending', polls: 1 });
	});

	test('a hold that lapsed was taken by the trigger: the result is reported here and the trigger emits it too', async () => {
		const { run, clock } = setup(
			fakeCheck({
				'tok-1': [
					async () => {
						// The wait stalled past its hold; the trigger claims the token meanwhile.
						clock.ms += 10 * 60_000;
						const claimed = await registry.claimDue(clock.ms, 10, { id: 'trigger', owner: 'trigger', until: clock.ms + 60_000 });
						expect(claimed.map((record) => record.key)).toEqual(['tok-1']);
						return 'REJECTED';
					},
				],
			}),
		);
		const result = await run();
		expect(result).toMatchObject({ outcome: { status: 'failed', code: 'REJECTED' }, delivery: 'waited inline, then handed off to the FaceID Trigger (channel "kyc")' });
		expect(await registry.get('tok-1')).toMatchObject({ state: 'polling', leaseId: 'trigger' });
	});

	test('a hold that cannot be settled (registry down) is logged, and the trigger is counted on', async () => {
		const { run, log } = setup(fakeCheck({ 'tok-1': ['PASSED'] }));
		jest.spyOn(registry, 'settleHold').mockRejectedValueOnce(new Error('connection lost'));
		const result = await run();
		expect(result).toMatchObject({ outcome: { code: 'PASSED' }, delivery: 'waited inline, then handed off to the FaceID Trigger (channel "kyc")' });
		expect(log.warn).toHaveBeenCalledWith('FaceID: could not settle the registry hold on a pending token: connection lost');
	});

	test('without a registry the wait still runs; nothing is handed off', async () => {
		const { run } = setup(fakeCheck({ 'tok-1': ['PROCESSING', 'PASSED'] }), { noRegistry: true });
		expect(await run()).toMatchObject({ polls: 2, delivery: 'waited inline', outcome: { code: 'PASSED' } });
	});

	test('a failed registration still waits, and never claims a hand-off', async () => {
		const { run } = setup(fakeCheck({ 'tok-1': ['PROCESSING'] }), { waitPlan: { intervalMs: 3000, maxPolls: 1 } });
		jest.spyOn(registry, 'register').mockRejectedValueOnce(new Error('disk full'));
		const result = await run();
		expect(result).toMatchObject({ polls: 1, delivery: 'waited inline', outcome: { code: 'TIMED_OUT' } });
		expect(result.outcome.description).not.toContain('FaceID Trigger');
	});
});
