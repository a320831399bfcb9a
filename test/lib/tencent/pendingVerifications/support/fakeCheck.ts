/**
 * A stand-in PendingCheck for the start flow and poller tests: answers scripted per token, final
 * unless still PROCESSING, failures classified by their code, every outcome saying where it came
 * from. Plus an embedded registry on a temporary file and a fake clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TencentCloudError } from '../../../../../lib/tencent/errors';
import type { Outcome } from '../../../../../lib/tencent/outcomes';
import type { PendingCheck, ResultAnswer, ResultFailure } from '../../../../../lib/tencent/pendingVerifications/check';
import { openSqliteDatabase, SqliteRegistry } from '../../../../../lib/tencent/pendingVerifications/registry/sqliteStore';

/** A failed result request the fake check classifies by its code: Refused* → token, Denied* → configuration, else transient. */
export function resultError(code: string, requestId = `req-${code}`): TencentCloudError {
	return new TencentCloudError({ kind: 'api', code, message: `${code} happened`, action: 'GetResult', requestId });
}

function classify(error: unknown): ResultFailure {
	if (!(error instanceof TencentCloudError)) return 'transient';
	if (error.code.startsWith('Refused')) return 'token';
	if (error.code.startsWith('Denied')) return 'configuration';
	return 'transient';
}

const outcome = (status: Outcome['status'], code: string, description: string, requestId?: string, retryable = false): Outcome => ({
	status,
	code,
	description,
	billable: true,
	retryable,
	requestId,
});

export type Step = string | Error | ((token: string) => string | Error | Promise<string | Error>);

export interface FakeCheck extends PendingCheck {
	/** Result requests made, as [token, region]. */
	requests: Array<[string, string]>;
}

/** `script[token]`: the Status (or error) of each successive result request; the last repeats. */
export function fakeCheck(script: Record<string, Step[]>, name = 'fake'): FakeCheck {
	const requests: Array<[string, string]> = [];
	const asked: Record<string, number> = {};
	return {
		requests,
		requestResult: async (token, region) => {
			requests.push([token, region]);
			const steps = script[token] ?? ['PROCESSING'];
			const n = (asked[token] = (asked[token] ?? 0) + 1);
			let step = steps[Math.min(n - 1, steps.length - 1)];
			if (typeof step === 'function') step = await step(token);
			if (step instanceof Error) throw step;
			return { Status: step, RequestId: `${token}-r${n}`, Check: name };
		},
		isFinal: (answer: ResultAnswer) => answer.Status !== 'PROCESSING',
		outcomeOf: (answer: ResultAnswer) =>
			outcome(answer.Status === 'PASSED' ? 'passed' : answer.Status === 'REJECTED' ? 'failed' : 'review', String(answer.Status), `${name}: ${String(answer.Status)}`, answer.RequestId),
		classifyFailure: classify,
		timedOut: ({ polls, waitedMs, requestId }) => outcome('review', 'TIMED_OUT', `${name}: still processing after ${polls} poll(s), ${waitedMs} ms`, requestId, true),
		refused: (error) => outcome('review', error.code, `${name}: refused: ${error.message}`, error.requestId),
		unfinished: (code, description, requestId) => outcome('review', code, description, requestId, true),
		started: (requestId) => outcome('review', 'STARTED', `${name}: started`, requestId, true),
		interrupted: () => outcome('review', 'INTERRUPTED', `${name}: start call interrupted`),
	};
}

/** An embedded registry queue on a fresh temporary file; `cleanup` closes it and deletes the folder. */
export function temporaryRegistry(queue = 'test-queue'): { registry: SqliteRegistry; cleanup: () => Promise<void> } {
	const folder = mkdtempSync(join(tmpdir(), 'faceid-pending-'));
	const db = openSqliteDatabase(join(folder, 'registry.sqlite'));
	const registry = new SqliteRegistry(db, queue, async () => db.close());
	return {
		registry,
		cleanup: async () => {
			await registry.close();
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** A clock the test moves: `sleep` advances it instead of waiting (and rejects once `signal` aborted). */
export function fakeClock(start = 1_800_000_000_000) {
	const clock = {
		ms: start,
		slept: [] as number[],
		now: () => clock.ms,
		sleep: async (ms: number, signal?: AbortSignal) => {
			if (signal?.aborted) throw new Error('aborted');
			clock.slept.push(ms);
			clock.ms += ms;
		},
	};
	return clock;
}
