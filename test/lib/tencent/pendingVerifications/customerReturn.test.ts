/**
 * The customer's return and the trigger's poll hand a hosted verification over exactly once: the
 * registry's claim decides which of the two emits it. A token the registry did not issue starts
 * nothing; the verdict is always Tencent's answer.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { TencentCloudError } from '../../../../lib/tencent/errors';
import { takeOverOnReturn } from '../../../../lib/tencent/pendingVerifications/customerReturn';
import {
	HOSTED_POLLING,
	hostedCheckOfKind,
	hostedEntryKind,
	hostedVerificationCheck,
	RESULT_WINDOW_MS,
} from '../../../../lib/tencent/pendingVerifications/hostedVerification';
import { newReservationKey } from '../../../../lib/tencent/pendingVerifications/keys';
import { runPollTick } from '../../../../lib/tencent/pendingVerifications/poller';
import { openSqliteDatabase, SqliteRegistry } from '../../../../lib/tencent/pendingVerifications/registry/sqliteStore';
import type { VerificationRegistry } from '../../../../lib/tencent/pendingVerifications/registry/types';
import { fakeClock, temporaryRegistry } from './support/fakeCheck';

/** Tencent's result action as a script: per token, the ErrorCode of each answer (null: not finished), after a random delay. */
function tencent(codes: Record<string, Array<number | null | Error>>, maxDelayMs = 0) {
	const asked: Record<string, number> = {};
	const requests: string[] = [];
	return {
		requests,
		call: async (_action: unknown, params: unknown) => {
			const token = (params as { BizToken: string }).BizToken;
			requests.push(token);
			if (maxDelayMs) await delay(Math.random() * maxDelayMs);
			const steps = codes[token] ?? [null];
			const n = (asked[token] = (asked[token] ?? 0) + 1);
			const step = steps[Math.min(n - 1, steps.length - 1)];
			if (step instanceof Error) throw step;
			return { ErrorCode: step, ErrorMsg: step === null ? null : `code ${step}`, RequestId: `${token}-${n}` };
		},
	};
}

const KIND = hostedEntryKind('webVerification');

async function link(registry: VerificationRegistry, token: string, registeredAt: number): Promise<void> {
	await registry.register({
		token,
		generation: KIND,
		region: 'ap-singapore',
		reference: `CRM-${token}`,
		registeredAt,
		pollIntervalMs: HOSTED_POLLING.intervalMs,
		maxPolls: HOSTED_POLLING.maxPolls,
		polls: 0,
		nextPollAt: registeredAt + HOSTED_POLLING.intervalMs,
	});
}

function options(registry: VerificationRegistry, client: ReturnType<typeof tencent>, now: () => number) {
	const checkOf = (kind: string) => hostedCheckOfKind(kind, client as never);
	return { registry, checkOf, now, leaseMs: 60_000 };
}

function pollTick(registry: VerificationRegistry, client: ReturnType<typeof tencent>, now: () => number) {
	const { checkOf } = options(registry, client, now);
	return runPollTick({
		registry,
		checkOf: (kind) => checkOf(kind)!,
		interrupted: () => hostedVerificationCheck({ flow: 'webVerification' }, client as never).interrupted(),
		budgetMs: 60_000,
		requestTimeoutMs: 5_000,
		concurrency: 4,
		pollLeaseMs: 30_000,
		emitLeaseMs: 30_000,
		maxResults: 1000,
		retentionMs: 86_400_000,
		now,
	});
}

const TOKEN = 'AAAAAAAA-1111-2222-3333-444444444444';

describe('a return the registry does not know starts nothing', () => {
	test('an unknown, a malformed, a reservation key and a document token are all "unknown", and Tencent is not asked', async () => {
		const { registry, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			const client = tencent({});
			await registry.register({ token: 'DOCUMENT-TOKEN-0001', generation: 'faceid', region: 'ap-singapore', reference: '', registeredAt: clock.ms, pollIntervalMs: 5000, maxPolls: 5, polls: 0, nextPollAt: clock.ms });
			for (const token of ['BBBBBBBB-0000-0000-0000-000000000000', '<script>', 'x'.repeat(200), newReservationKey(), 'DOCUMENT-TOKEN-0001']) {
				expect([token, (await takeOverOnReturn({ ...options(registry, client, clock.now), token })).kind]).toEqual([token, 'unknown']);
			}
			expect(client.requests).toEqual([]);
		} finally {
			await cleanup();
		}
	});
});

describe('one token', () => {
	test('a finished verification is emitted by the return, with Tencent\'s verdict; a second return and the next poll emit nothing', async () => {
		const { registry, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			const client = tencent({ [TOKEN]: [0] });
			await link(registry, TOKEN, clock.ms);
			const first = await takeOverOnReturn({ ...options(registry, client, clock.now), token: TOKEN });
			expect(first.kind).toBe('emit');
			if (first.kind !== 'emit') return;
			expect(first.result.outcome).toMatchObject({ status: 'passed', code: '0', billable: true });
			expect(first.record).toMatchObject({ reference: `CRM-${TOKEN}`, emitCount: 1 });
			expect(await first.commit()).toBe(true);
			expect((await takeOverOnReturn({ ...options(registry, client, clock.now), token: TOKEN })).kind).toBe('delivered-before');
			clock.ms += 60_000;
			expect((await pollTick(registry, client, clock.now)).emitted).toEqual([]);
			expect(client.requests).toEqual([TOKEN]);
		} finally {
			await cleanup();
		}
	});

	test('a return before Tencent has the result leaves it to the poll, which emits it once the result is final', async () => {
		const { registry, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			const client = tencent({ [TOKEN]: [null, null, null, 1410] });
			await link(registry, TOKEN, clock.ms);
			const early = await takeOverOnReturn({ ...options(registry, client, clock.now), token: TOKEN, retries: 2, retryDelayMs: 1000, sleep: clock.sleep });
			expect(early).toMatchObject({ kind: 'left-to-poll', why: expect.stringContaining('not finished') });
			expect(client.requests).toHaveLength(3);
			expect(await registry.get(TOKEN)).toMatchObject({ state: 'pending', polls: 3 });
			clock.ms += 60_000;
			const tick = await pollTick(registry, client, clock.now);
			expect(tick.emitted.map((emitted) => [emitted.record.key, emitted.result.outcome.code, emitted.result.outcome.status])).toEqual([[TOKEN, '1410', 'review']]);
		} finally {
			await cleanup();
		}
	});

	test('an unknown-to-Tencent token (refused) is emitted by the return as Tencent\'s refusal, not retried', async () => {
		const { registry, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			const refused = new TencentCloudError({ kind: 'api', code: 'InvalidParameterValue.BizTokenExpired', message: 'expired', action: 'x', requestId: 'r1' });
			await link(registry, TOKEN, clock.ms);
			const delivery = await takeOverOnReturn({ ...options(registry, tencent({ [TOKEN]: [refused] }), clock.now), token: TOKEN });
			expect(delivery.kind === 'emit' && delivery.result.outcome).toMatchObject({ status: 'review', code: 'EXPIRED', retryable: true });
		} finally {
			await cleanup();
		}
	});

	test('n8n restarted between the link and the return: the token is in the file, and the return emits it', async () => {
		const { registry: first, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			await link(first, TOKEN, clock.ms);
			// Another process (n8n after a restart) opens the same file.
			const file = (first as unknown as { db: { location(): string } }).db.location();
			const db = openSqliteDatabase(file);
			const reopened = new SqliteRegistry(db, first.queue, async () => db.close());
			try {
				const delivery = await takeOverOnReturn({ ...options(reopened, tencent({ [TOKEN]: [0] }), clock.now), token: TOKEN });
				expect(delivery.kind).toBe('emit');
				if (delivery.kind === 'emit') expect(await delivery.commit()).toBe(true);
				expect(await first.get(TOKEN)).toMatchObject({ state: 'done' });
			} finally {
				await reopened.close();
			}
		} finally {
			await cleanup();
		}
	});
});

describe('a customer who never comes back', () => {
	test("is emitted by the poll: Tencent's own expiry code, or EXPIRED (counted as billed) when even the ask after the result window is not final", async () => {
		const { registry, cleanup } = temporaryRegistry();
		try {
			const clock = fakeClock();
			const expiredAtTencent = 'CCCCCCCC-0000-0000-0000-000000000001';
			const neverAnswered = 'CCCCCCCC-0000-0000-0000-000000000002';
			const client = tencent({ [expiredAtTencent]: [null, 15], [neverAnswered]: [null] });
			await link(registry, expiredAtTencent, clock.ms);
			await link(registry, neverAnswered, clock.ms);
			clock.ms += 60_000;
			expect((await pollTick(registry, client, clock.now)).emitted).toEqual([]);
			clock.ms += 60_000;
			const second = await pollTick(registry, client, clock.now);
			expect(second.emitted.map((emitted) => [emitted.record.key, emitted.result.outcome.code])).toEqual([[expiredAtTencent, '15']]);
			await second.commit();
			const asked = client.requests.length;
			clock.ms += RESULT_WINDOW_MS;
			const late = await pollTick(registry, client, clock.now);
			expect(late.emitted.map((emitted) => [emitted.record.key, emitted.result.outcome.code, emitted.result.outcome.retryable, emitted.result.outcome.billable])).toEqual([
				[neverAnswered, 'EXPIRED', true, true],
			]);
			// Asked once more after the window: a result finished meanwhile would have been emitted instead.
			expect(client.requests.length).toBe(asked + 1);
		} finally {
			await cleanup();
		}
	});
});

test('after the result window the last ask is still read: a customer who finished while n8n was off is emitted with their verdict', async () => {
	const { registry, cleanup } = temporaryRegistry();
	try {
		const clock = fakeClock();
		await link(registry, TOKEN, clock.ms);
		clock.ms += RESULT_WINDOW_MS + 60_000;
		const tick = await pollTick(registry, tencent({ [TOKEN]: [0] }), clock.now);
		expect(tick.emitted.map((emitted) => emitted.result.outcome)).toEqual([expect.objectContaining({ code: '0', status: 'passed', billable: true })]);
	} finally {
		await cleanup();
	}
});

test('returns and polls racing over 40 tokens: every result is emitted exactly once, by one of them', async () => {
	const { registry, cleanup } = temporaryRegistry();
	try {
		const start = Date.now();
		const tokens = Array.from({ length: 40 }, (_, i) => `DDDDDDDD-0000-0000-0000-${String(i).padStart(12, '0')}`);
		const client = tencent(Object.fromEntries(tokens.map((token, i) => [token, [i % 3 === 0 ? 1002 : 0]])), 5);
		for (const token of tokens) await link(registry, token, start - 120_000);
		const emitted: string[] = [];
		const returns = tokens.map(async (token, i) => {
			await delay(i % 7);
			const delivery = await takeOverOnReturn({ ...options(registry, client, Date.now), token });
			if (delivery.kind === 'emit') {
				emitted.push(token);
				await delivery.commit();
			}
		});
		const polls = [0, 3, 9].map(async (wait) => {
			await delay(wait);
			const tick = await pollTick(registry, client, Date.now);
			emitted.push(...tick.emitted.map((result) => result.record.key));
			await tick.commit();
		});
		await Promise.all([...returns, ...polls]);
		const tick = await pollTick(registry, client, () => Date.now() + 120_000);
		emitted.push(...tick.emitted.map((result) => result.record.key));
		expect(emitted.sort()).toEqual([...tokens].sort());
		expect((await registry.stats()).done).toBe(tokens.length - tick.emitted.length);
	} finally {
		await cleanup();
	}
});
