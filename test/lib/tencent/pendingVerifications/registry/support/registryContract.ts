/**
 * The registry contract every store must keep, as tests: the embedded SQLite store
 * (sqliteStore.test.ts) and the Redis store (redisStore.test.ts) each run it on their own
 * connections. Each test opens its own queue, so a store can be shared by the tests.
 */
import type { Lease, NewVerification, StoredResult, VerificationRegistry } from '../../../../../../lib/tencent/pendingVerifications/registry/types';

/** Opens a handle on a queue of the store under test; the test file closes what it opened. */
export type Opener = (queue: string) => Promise<VerificationRegistry>;

let queueCounter = 0;
export const T0 = 1_800_000_000_000;

export function verification(token: string, overrides: Partial<NewVerification> = {}): NewVerification {
	return {
		token,
		generation: 'faceid',
		region: 'ap-singapore',
		reference: `CRM-${token}`,
		registeredAt: T0,
		pollIntervalMs: 1000,
		maxPolls: 5,
		polls: 0,
		nextPollAt: T0 + 1000,
		...overrides,
	};
}

export const lease = (id: string, until: number): Lease => ({ id, owner: `test-${id}`, until });

export const result = (status: string): StoredResult => ({
	outcome: { status: 'passed', code: status, description: status, billable: true, retryable: false },
	response: { Status: status, CardInfo: { GeneralCard: { FullName: 'TAN AH KOW' } } },
	polls: 2,
});

/** The contract's tests, in the describe block of the calling test file. */
export function describeRegistryContract(open: Opener): void {
	let registry: VerificationRegistry;
	beforeEach(async () => {
		registry = await open(`q${++queueCounter}`);
	});

	test('registers a token once: a second registration of the same token changes nothing', async () => {
		expect(await registry.register(verification('tok-1'))).toBe(true);
		expect(await registry.register(verification('tok-1', { reference: 'other', polls: 3 }))).toBe(false);
		const record = await registry.get('tok-1');
		expect(record).toMatchObject({ state: 'pending', reference: 'CRM-tok-1', polls: 0, nextPollAt: T0 + 1000, generation: 'faceid' });
		expect((await registry.stats()).pending).toBe(1);
	});

	test('claims only due tokens, oldest first, and never the same token under two leases', async () => {
		await registry.register(verification('late', { nextPollAt: T0 + 5000 }));
		await registry.register(verification('second', { nextPollAt: T0 + 2000 }));
		await registry.register(verification('first', { nextPollAt: T0 + 1000 }));
		expect(await registry.claimDue(T0 + 999, 10, lease('a', T0 + 60_000))).toEqual([]);
		const claimed = await registry.claimDue(T0 + 3000, 10, lease('a', T0 + 60_000));
		expect(claimed.map((record) => record.key)).toEqual(['first', 'second']);
		expect(claimed[0]).toMatchObject({ state: 'polling', leaseId: 'a', leaseUntil: T0 + 60_000 });
		// Another process at the same time gets nothing: both are leased.
		expect(await registry.claimDue(T0 + 3000, 10, lease('b', T0 + 60_000))).toEqual([]);
		// The lease names who may move the entry.
		expect(await registry.reschedule('first', 'b', 1, T0 + 4000)).toBe(false);
		expect(await registry.reschedule('first', 'a', 1, T0 + 4000)).toBe(true);
		expect(await registry.get('first')).toMatchObject({ state: 'pending', polls: 1, nextPollAt: T0 + 4000 });
		expect((await registry.get('first'))?.leaseId).toBeUndefined();
	});

	test('a lapsed polling lease makes the token claimable again, and the old holder loses it', async () => {
		await registry.register(verification('tok'));
		await registry.claimDue(T0 + 1000, 10, lease('dead', T0 + 2000));
		expect(await registry.claimDue(T0 + 1999, 10, lease('next', T0 + 9000))).toEqual([]);
		const reclaimed = await registry.claimDue(T0 + 2000, 10, lease('next', T0 + 9000));
		expect(reclaimed.map((record) => record.key)).toEqual(['tok']);
		expect(await registry.finish('tok', 'dead', result('PASSED'), T0 + 2100)).toBe(false);
		expect(await registry.finish('tok', 'next', result('PASSED'), T0 + 2100)).toBe(true);
	});

	test('release puts a claimed token back unchanged', async () => {
		await registry.register(verification('tok', { polls: 2, nextPollAt: T0 + 1000 }));
		await registry.claimDue(T0 + 1000, 10, lease('a', T0 + 9000));
		expect(await registry.release('tok', 'a')).toBe(true);
		expect(await registry.get('tok')).toMatchObject({ state: 'pending', polls: 2, nextPollAt: T0 + 1000 });
	});

	test('finished results are claimed for emission oldest first, committed once, and dropped from storage', async () => {
		for (const [token, at] of [['b', T0 + 3000], ['a', T0 + 2000]] as const) {
			await registry.register(verification(token));
			await registry.claimDue(T0 + 1000, 10, lease(`p-${token}`, T0 + 9000));
			await registry.finish(token, `p-${token}`, result('PASSED'), at);
		}
		const emitted = await registry.claimFinished(T0 + 4000, 10, lease('e1', T0 + 10_000));
		expect(emitted.map((record) => [record.key, record.emitCount, record.result?.response?.Status])).toEqual([
			['a', 1, 'PASSED'],
			['b', 1, 'PASSED'],
		]);
		expect(await registry.claimFinished(T0 + 4000, 10, lease('e2', T0 + 10_000))).toEqual([]);
		expect(await registry.commit(['a', 'b'], 'wrong-lease', T0 + 4100)).toBe(0);
		expect(await registry.commit(['a', 'b'], 'e1', T0 + 4100)).toBe(2);
		expect(await registry.commit(['a', 'b'], 'e1', T0 + 4100)).toBe(0);
		const done = await registry.get('a');
		expect(done).toMatchObject({ state: 'done', emittedAt: T0 + 4100 });
		expect(done?.result).toBeUndefined();
		expect(await registry.claimFinished(T0 + 99_000, 10, lease('e3', T0 + 100_000))).toEqual([]);
	});

	test('an emission whose lease lapses without a commit is emitted again, counted as a second emission', async () => {
		await registry.register(verification('tok'));
		await registry.claimDue(T0 + 1000, 10, lease('p', T0 + 9000));
		await registry.finish('tok', 'p', result('REJECTED'), T0 + 1500);
		await registry.claimFinished(T0 + 2000, 10, lease('crashed', T0 + 5000));
		expect(await registry.claimFinished(T0 + 4999, 10, lease('x', T0 + 9000))).toEqual([]);
		const again = await registry.claimFinished(T0 + 5000, 10, lease('restarted', T0 + 9000));
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({ key: 'tok', emitCount: 2, leaseId: 'restarted' });
		expect(await registry.commit(['tok'], 'crashed', T0 + 5100)).toBe(0);
		expect(await registry.commit(['tok'], 'restarted', T0 + 5100)).toBe(1);
	});

	test('a reservation becomes the token in one step, or is dropped, or is reported once its lease lapses', async () => {
		await registry.reserve({ key: 'apply:1', generation: 'ocr', region: 'ap-singapore', reference: 'CRM-9', createdAt: T0, until: T0 + 30_000 });
		await registry.reserve({ key: 'apply:2', generation: 'faceid', region: 'ap-jakarta', reference: 'CRM-8', createdAt: T0, until: T0 + 30_000 });
		await registry.reserve({ key: 'apply:3', generation: 'faceid', region: 'ap-jakarta', reference: 'CRM-7', createdAt: T0, until: T0 + 30_000 });
		expect((await registry.stats()).reserved).toBe(3);

		expect(await registry.register(verification('tok-9'), { reservationKey: 'apply:1' })).toBe(true);
		expect(await registry.get('apply:1')).toBeUndefined();
		await registry.dropReservation('apply:2');
		expect(await registry.get('apply:2')).toBeUndefined();
		// Reservations are never polled.
		expect(await registry.claimDue(T0 + 1_000_000, 10, lease('p', T0 + 2_000_000))).toHaveLength(1);

		expect(await registry.expireReservations(T0 + 29_999, result('APPLY_INTERRUPTED'))).toBe(0);
		expect(await registry.expireReservations(T0 + 30_000, result('APPLY_INTERRUPTED'))).toBe(1);
		const reported = await registry.claimFinished(T0 + 30_001, 10, lease('e', T0 + 40_000));
		expect(reported.map((record) => [record.key, record.reference, record.result?.response?.Status])).toEqual([
			['apply:3', 'CRM-7', 'APPLY_INTERRUPTED'],
		]);
	});

	test('an inline wait holds its token: the trigger cannot claim it until the hold is settled or lapses', async () => {
		await registry.register(verification('held'), { hold: lease('inline', T0 + 20_000) });
		await registry.register(verification('given-up'), { hold: lease('inline', T0 + 20_000) });
		await registry.register(verification('crashed'), { hold: lease('inline-dead', T0 + 20_000) });
		expect(await registry.claimDue(T0 + 10_000, 10, lease('trigger', T0 + 60_000))).toEqual([]);

		expect(await registry.settleHold('held', 'inline', { delivered: true, at: T0 + 11_000 })).toBe(true);
		expect(await registry.get('held')).toMatchObject({ state: 'done' });
		expect(await registry.settleHold('given-up', 'inline', { delivered: false, polls: 3, nextPollAt: T0 + 12_000 })).toBe(true);
		expect(await registry.get('given-up')).toMatchObject({ state: 'pending', polls: 3, nextPollAt: T0 + 12_000 });

		const claimed = await registry.claimDue(T0 + 20_000, 10, lease('trigger', T0 + 60_000));
		expect(claimed.map((record) => record.key).sort()).toEqual(['crashed', 'given-up']);
		expect(await registry.settleHold('crashed', 'inline-dead', { delivered: true, at: T0 + 21_000 })).toBe(false);
	});

	test('prune deletes done entries older than the retention, and nothing else', async () => {
		await registry.register(verification('old', { nextPollAt: T0 + 1000 }));
		await registry.register(verification('new', { nextPollAt: T0 + 1001 }));
		await registry.register(verification('open', { nextPollAt: T0 + 1002 }));
		for (const [token, at] of [['old', T0 + 1000], ['new', T0 + 50_000]] as const) {
			const [claimed] = await registry.claimDue(T0 + 1001, 1, lease(`p-${token}`, T0 + 100_000));
			expect(claimed.key).toBe(token);
			await registry.finish(token, `p-${token}`, result('PASSED'), at);
			await registry.claimFinished(at, 1, lease(`e-${token}`, at + 1000));
			await registry.commit([token], `e-${token}`, at);
		}
		expect(await registry.prune(T0 + 10_000)).toBe(1);
		expect(await registry.get('old')).toBeUndefined();
		expect(await registry.get('new')).toMatchObject({ state: 'done' });
		expect(await registry.get('open')).toMatchObject({ state: 'pending' });
	});

	test('claimKey takes one token wherever it can be claimed: pending (due or not) for polling, finished for emission, never under a live lease', async () => {
		await registry.register(verification('tok', { nextPollAt: T0 + 50_000 }));
		expect(await registry.claimKey('absent', T0, lease('r', T0 + 9000))).toBeUndefined();
		const polling = await registry.claimKey('tok', T0, lease('r', T0 + 9000));
		expect(polling).toMatchObject({ key: 'tok', state: 'polling', leaseId: 'r', emitCount: 0, reference: 'CRM-tok' });
		// Held: neither the poll nor a second return gets it until the lease lapses.
		expect(await registry.claimDue(T0 + 8999, 10, lease('poll', T0 + 99_000))).toEqual([]);
		expect(await registry.claimKey('tok', T0 + 8999, lease('other', T0 + 20_000))).toBeUndefined();
		expect(await registry.finish('tok', 'r', result('PASSED'), T0 + 100)).toBe(true);
		const emitting = await registry.claimKey('tok', T0 + 200, lease('e', T0 + 9000));
		expect(emitting).toMatchObject({ state: 'emitting', leaseId: 'e', emitCount: 1, result: result('PASSED') });
		// The poll cannot emit it as well, while the lease holds.
		expect(await registry.claimFinished(T0 + 300, 10, lease('poll', T0 + 99_000))).toEqual([]);
		expect(await registry.commit(['tok'], 'e', T0 + 400)).toBe(1);
		expect(await registry.claimKey('tok', T0 + 500, lease('late', T0 + 9000))).toBeUndefined();
		expect(await registry.get('tok')).toMatchObject({ state: 'done' });
	});

	test('claimKey takes over a lapsed lease: polling for polling, emitting for a second emission', async () => {
		await registry.register(verification('p'));
		await registry.claimDue(T0 + 1000, 10, lease('dead', T0 + 2000));
		expect(await registry.claimKey('p', T0 + 1999, lease('r', T0 + 9000))).toBeUndefined();
		expect(await registry.claimKey('p', T0 + 2000, lease('r', T0 + 9000))).toMatchObject({ state: 'polling', leaseId: 'r' });
		await registry.finish('p', 'r', result('PASSED'), T0 + 2100);
		await registry.claimFinished(T0 + 2200, 10, lease('died', T0 + 3000));
		expect(await registry.claimKey('p', T0 + 3000, lease('again', T0 + 9000))).toMatchObject({ state: 'emitting', emitCount: 2 });
	});

	test('a channel setting is kept per queue; removing it with ifValue leaves another value alone', async () => {
		const other = await open(`${registry.queue}-other`);
		expect(await registry.channelSetting('returnUrl')).toBeUndefined();
		await registry.setChannelSetting('returnUrl', 'https://n8n.example/webhook/a/faceid-return');
		expect(await registry.channelSetting('returnUrl')).toBe('https://n8n.example/webhook/a/faceid-return');
		expect(await other.channelSetting('returnUrl')).toBeUndefined();
		await registry.setChannelSetting('returnUrl', 'https://n8n.example/webhook/b/faceid-return');
		await registry.setChannelSetting('returnUrl', undefined, 'https://n8n.example/webhook/a/faceid-return');
		expect(await registry.channelSetting('returnUrl')).toBe('https://n8n.example/webhook/b/faceid-return');
		await registry.setChannelSetting('returnUrl', undefined, 'https://n8n.example/webhook/b/faceid-return');
		expect(await registry.channelSetting('returnUrl')).toBeUndefined();
	});

	test('two connections claiming the same queue at once split the tokens without overlap', async () => {
		const other = await open(registry.queue);
		for (let i = 0; i < 200; i++) await registry.register(verification(`t${String(i).padStart(3, '0')}`));
		const claimedA: string[] = [];
		const claimedB: string[] = [];
		const drain = async (store: VerificationRegistry, into: string[], id: string) => {
			for (;;) {
				const batch = await store.claimDue(T0 + 1000, 7, lease(id, T0 + 60_000));
				if (batch.length === 0) return;
				into.push(...batch.map((record) => record.key));
			}
		};
		await Promise.all([drain(registry, claimedA, 'A'), drain(other, claimedB, 'B')]);
		const all = [...claimedA, ...claimedB];
		expect(all).toHaveLength(200);
		expect(new Set(all).size).toBe(200);
	});
}
