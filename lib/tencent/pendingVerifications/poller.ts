/**
 * One tick of the FaceID Trigger: ask Tencent for the result of every token that is due, store
 * what finished, and hand out the finished results for emission. The trigger node calls this
 * from `poll()`; it knows nothing of n8n (each entry's check asks Tencent, see check.ts).
 *
 * Delivery is at-least-once with a single, documented duplicate window. Results are claimed for
 * emission under a lease and marked done only by `commit()`, which the caller runs once n8n has
 * taken the items. A process that dies between emitting and committing leaves them `emitting`;
 * when the lease runs out, the next tick emits them again, with `emitCount` > 1 and the same
 * token, so a workflow can drop the repeat.
 */
import { randomUUID } from 'node:crypto';

import { mapInOrder } from '../concurrency';
import { TencentCloudError } from '../errors';
import type { Outcome } from '../outcomes';
import type { PendingCheck, ResultAnswer } from './check';
import { PROCESS_OWNER } from './keys';
import type { Lease, StoredResult, VerificationRecord, VerificationRegistry } from './registry/types';

export interface PollTickOptions {
	registry: VerificationRegistry;
	/** The check a registry entry belongs to (by its kind), which asks Tencent for its result. */
	checkOf: (kind: string) => PendingCheck;
	/** What a reservation whose start call was never answered is reported as. */
	interrupted: () => Outcome;
	/** n8n's poll budget: no result request starts after `budgetMs - requestTimeoutMs - margin`. */
	budgetMs: number;
	/** The longest one result request can take. */
	requestTimeoutMs: number;
	/** Result requests in flight at once. */
	concurrency: number;
	/** How long a claim for polling lasts; a crashed process's claims come back after this. */
	pollLeaseMs: number;
	/** How long a claim for emission lasts before the results are emitted again (crash window). */
	emitLeaseMs: number;
	/** Most results emitted by one tick; the rest wait for the next. */
	maxResults: number;
	/** Done entries are deleted this long after their emission. */
	retentionMs: number;
	now?: () => number;
	owner?: string;
	newLeaseId?: () => string;
}

export interface EmittedResult {
	record: VerificationRecord;
	result: StoredResult;
}

export interface PollTickReport {
	/** Finished results handed out by this tick, oldest first. */
	emitted: EmittedResult[];
	/** Marks `emitted` done; run it once n8n has the items. Safe to call more than once. */
	commit: () => Promise<number>;
	polled: number;
	finished: number;
	rescheduled: number;
	/** Claimed but not polled because the budget ran out: released for the next tick. */
	deferred: number;
	/** An error that concerns every token (credential, account, region): the caller reports it. */
	configurationError?: TencentCloudError;
}

function errorDetails(error: unknown): StoredResult['error'] {
	if (error instanceof TencentCloudError) {
		return { code: error.code, message: error.message, ...(error.requestId ? { requestId: error.requestId } : {}) };
	}
	return { code: 'Error', message: error instanceof Error ? error.message : String(error) };
}

export async function runPollTick(options: PollTickOptions): Promise<PollTickReport> {
	const now = options.now ?? Date.now;
	const owner = options.owner ?? PROCESS_OWNER;
	const newLeaseId = options.newLeaseId ?? randomUUID;
	const { registry } = options;
	const startedAt = now();
	// Leave room for the slowest request that may still be running, and a tenth of the budget spare.
	const stopAt = startedAt + Math.max(0, options.budgetMs - options.requestTimeoutMs - options.budgetMs / 10);
	const report: PollTickReport = { emitted: [], commit: async () => 0, polled: 0, finished: 0, rescheduled: 0, deferred: 0 };

	await registry.expireReservations(startedAt, { outcome: options.interrupted(), polls: 0 });

	const pollOne = async (record: VerificationRecord, lease: Lease): Promise<void> => {
		const check = options.checkOf(record.generation);
		if (report.configurationError || now() >= stopAt) {
			if (await registry.release(record.key, lease.id)) report.deferred++;
			return;
		}
		const finish = async (result: StoredResult): Promise<void> => {
			if (await registry.finish(record.key, lease.id, result, now())) report.finished++;
		};
		// Tencent's window. A token times out only after its last poll, never by the clock alone: n8n
		// polls at most once a minute, which can be slower than Tencent's own polling interval. A
		// check whose result Tencent keeps for a fixed time (resultWindowMs) is asked once more after
		// that time, and times out if even that answer is not final.
		const deadline = record.registeredAt + record.pollIntervalMs * record.maxPolls;
		const windowClosed = check.resultWindowMs !== undefined && now() >= record.registeredAt + check.resultWindowMs;
		if (record.polls >= record.maxPolls) {
			await finish({
				outcome: check.timedOut({ polls: record.polls, waitedMs: now() - record.registeredAt }),
				polls: record.polls,
			});
			return;
		}

		let response: ResultAnswer;
		try {
			report.polled++;
			response = await check.requestResult(record.key, record.region);
		} catch (error) {
			const failure = check.classifyFailure(error);
			if (failure === 'configuration') {
				report.configurationError ??= error as TencentCloudError;
				if (await registry.release(record.key, lease.id)) report.deferred++;
			} else if (failure === 'token') {
				await finish({ outcome: check.refused(error as TencentCloudError), error: errorDetails(error), polls: record.polls });
			} else if (now() >= deadline + record.pollIntervalMs * 3) {
				// Tencent unreachable well past the token's window: report it rather than retry forever.
				await finish({
					outcome: check.timedOut({ polls: record.polls, waitedMs: now() - record.registeredAt }),
					error: errorDetails(error),
					polls: record.polls,
				});
			} else if (await registry.reschedule(record.key, lease.id, record.polls, now() + record.pollIntervalMs)) {
				report.rescheduled++;
			}
			return;
		}

		const polls = record.polls + 1;
		if (check.isFinal(response)) {
			await finish({ outcome: check.outcomeOf(response), response, polls });
		} else if (polls >= record.maxPolls || windowClosed) {
			await finish({
				outcome: check.timedOut({ polls, waitedMs: now() - record.registeredAt, requestId: response.RequestId }),
				response,
				polls,
			});
		} else if (await registry.reschedule(record.key, lease.id, polls, now() + record.pollIntervalMs)) {
			report.rescheduled++;
		}
	};

	// Claim in small batches, so what this tick cannot reach stays claimable by the next one.
	const batchSize = Math.max(1, options.concurrency * 2);
	while (!report.configurationError && now() < stopAt) {
		const lease: Lease = { id: newLeaseId(), owner, until: now() + options.pollLeaseMs };
		const batch = await registry.claimDue(now(), batchSize, lease);
		if (batch.length === 0) break;
		await mapInOrder(batch.length, options.concurrency, async (index) => await pollOne(batch[index], lease));
	}

	const emitLease: Lease = { id: newLeaseId(), owner, until: now() + options.emitLeaseMs };
	const claimed = await registry.claimFinished(now(), options.maxResults, emitLease);
	report.emitted = claimed
		.filter((record): record is VerificationRecord & { result: StoredResult } => record.result !== undefined)
		.map((record) => ({ record, result: record.result }));
	const keys = claimed.map((record) => record.key);
	let committed: Promise<number> | undefined;
	report.commit = async () => (committed ??= registry.commit(keys, emitLease.id, now()));

	await registry.prune(startedAt - options.retentionMs);
	return report;
}
