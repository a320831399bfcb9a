/**
 * One tick of the FaceID Trigger: ask Tencent for the result of every token that is due, store
 * what finished, and hand out the finished results for emission. The trigger node calls this
 * from `poll()`; it knows nothing of n8n (the result request is a function it is given).
 *
 * Delivery is at-least-once with a single, documented duplicate window. Results are claimed for
 * emission under a lease and marked done only by `commit()`, which the caller runs once n8n has
 * taken the items. A process that dies between emitting and committing leaves them `emitting`;
 * when the lease runs out, the next tick emits them again, with `emitCount` > 1 and the same
 * token, so a workflow can drop the repeat.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

import {
	cardVerificationApplyInterrupted,
	cardVerificationRefused,
	cardVerificationTimedOut,
	classifyCardResultFailure,
	isFinalCardVerificationStatus,
	outcomeOfCardVerification,
} from '../outcomes';
import { TencentCloudError } from '../errors';
import type { Lease, StoredResult, VerificationRecord, VerificationRegistry } from './types';

/** This process, as lease owner: host, pid and a random part (a restarted process is someone else). */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type ResultRequest = (record: VerificationRecord) => Promise<Record<string, unknown> & { Status: string; RequestId?: string }>;

export interface PollTickOptions {
	registry: VerificationRegistry;
	/** Calls GetCardVerificationResult (or the OCR one) for a token; throws TencentCloudError. */
	requestResult: ResultRequest;
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

/** Runs `task` over `items` with at most `width` at once. */
async function forEachLimited<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) await task(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
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

	await registry.expireReservations(startedAt, { outcome: cardVerificationApplyInterrupted(), polls: 0 });

	const pollOne = async (record: VerificationRecord, lease: Lease): Promise<void> => {
		if (report.configurationError || now() >= stopAt) {
			if (await registry.release(record.key, lease.id)) report.deferred++;
			return;
		}
		const finish = async (result: StoredResult): Promise<void> => {
			if (await registry.finish(record.key, lease.id, result, now())) report.finished++;
		};
		// Tencent's window. A token times out only after its last poll, never by the clock alone: n8n
		// polls at most once a minute, which can be slower than Tencent's own polling interval.
		const deadline = record.registeredAt + record.pollIntervalMs * record.maxPolls;
		if (record.polls >= record.maxPolls) {
			await finish({
				outcome: cardVerificationTimedOut({ polls: record.polls, waitedMs: now() - record.registeredAt }),
				polls: record.polls,
			});
			return;
		}

		let response: Awaited<ReturnType<ResultRequest>>;
		try {
			report.polled++;
			response = await options.requestResult(record);
		} catch (error) {
			const failure = classifyCardResultFailure(error);
			if (failure === 'configuration') {
				report.configurationError ??= error as TencentCloudError;
				if (await registry.release(record.key, lease.id)) report.deferred++;
			} else if (failure === 'token') {
				await finish({ outcome: cardVerificationRefused(error as TencentCloudError), error: errorDetails(error), polls: record.polls });
			} else if (now() >= deadline + record.pollIntervalMs * 3) {
				// Tencent unreachable well past the token's window: report it rather than retry forever.
				await finish({
					outcome: cardVerificationTimedOut({ polls: record.polls, waitedMs: now() - record.registeredAt }),
					error: errorDetails(error),
					polls: record.polls,
				});
			} else if (await registry.reschedule(record.key, lease.id, record.polls, now() + record.pollIntervalMs)) {
				report.rescheduled++;
			}
			return;
		}

		const polls = record.polls + 1;
		if (isFinalCardVerificationStatus(response.Status)) {
			await finish({ outcome: outcomeOfCardVerification(response), response, polls });
		} else if (polls >= record.maxPolls) {
			await finish({
				outcome: cardVerificationTimedOut({ polls, waitedMs: now() - record.registeredAt, requestId: response.RequestId }),
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
		await forEachLimited(batch, options.concurrency, (record) => pollOne(record, lease));
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

/**
 * Runs each tick's commit a moment after the tick returned (n8n has started the execution by then),
 * and any still-waiting commit at the start of the next tick. A process that stops in between
 * leaves those results to be emitted once more, after their emission lease.
 */
export class DeferredCommits {
	private readonly waiting = new Set<() => Promise<number>>();

	schedule(commit: () => Promise<number>, delayMs: number, onError: (error: unknown) => void = () => {}): void {
		this.waiting.add(commit);
		const run = (): void => {
			if (!this.waiting.delete(commit)) return;
			commit().catch(onError);
		};
		const timer = setTimeout(run, Math.max(0, delayMs));
		timer.unref?.();
	}

	/** Runs every commit still waiting; errors are passed to `onError`, not thrown. */
	async flush(onError: (error: unknown) => void = () => {}): Promise<void> {
		const commits = [...this.waiting];
		this.waiting.clear();
		for (const commit of commits) await commit().catch(onError);
	}
}
