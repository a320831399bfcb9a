/**
 * A customer's browser coming back from a hosted verification, as the Return Trigger hands it to
 * the registry: the token in the query string is only a claim ticket. It is accepted only when the
 * registry holds it (a token the package issued), the verdict is asked of Tencent (never read from
 * the query string), and the registry's claim decides who emits the result: this return or the
 * FaceID Trigger's poll, never both. No n8n import.
 */
import { randomUUID } from 'node:crypto';

import type { Sleep } from '../sleep';
import type { PendingCheck, ResultAnswer } from './check';
import { isPlausibleToken } from './hostedVerification/flows';
import { isReservationKey, PROCESS_OWNER } from './keys';
import type { Lease, StoredResult, VerificationRecord, VerificationRegistry } from './registry/types';

export type ReturnDelivery =
	/** Not a token this channel issued (forged, mistyped, another channel's, long pruned): start nothing. */
	| { kind: 'unknown' }
	/** Emitted already, by an earlier return or by the poll: start nothing. */
	| { kind: 'delivered-before'; record: VerificationRecord }
	/** No final result yet, or the poll is asking right now: the FaceID Trigger emits it. */
	| { kind: 'left-to-poll'; record: VerificationRecord; why: string }
	/** This return emits it: start the workflow with it, then `commit()`. */
	| { kind: 'emit'; record: VerificationRecord; result: StoredResult; commit: () => Promise<boolean> };

export interface ReturnOptions {
	registry: VerificationRegistry;
	/** What the browser brought; checked here. */
	token: string;
	/** The check of an entry's kind; undefined for a kind a return cannot take (a document token). */
	checkOf: (kind: string) => PendingCheck | undefined;
	/** How long this return's claims last (one result request and the hand-over to n8n). */
	leaseMs: number;
	/** Tencent may need a moment after the customer's last tap: asked this many more times, this far apart. */
	retries?: number;
	retryDelayMs?: number;
	sleep?: Sleep;
	now?: () => number;
	owner?: string;
	newLeaseId?: () => string;
}

/** After a return whose result Tencent had not finished, the poll asks again this soon. */
const ASK_AGAIN_AFTER_MS = 15_000;

export async function takeOverOnReturn(options: ReturnOptions): Promise<ReturnDelivery> {
	const { registry, token } = options;
	const now = options.now ?? Date.now;
	const newLease = (): Lease => ({ id: (options.newLeaseId ?? randomUUID)(), owner: options.owner ?? PROCESS_OWNER, until: now() + options.leaseMs });
	if (!isPlausibleToken(token) || isReservationKey(token)) return { kind: 'unknown' };
	const found = await registry.get(token);
	const check = found ? options.checkOf(found.generation) : undefined;
	if (!found || !check || found.state === 'reserved') return { kind: 'unknown' };
	if (found.state === 'done') return { kind: 'delivered-before', record: found };

	let lease = newLease();
	let claimed = await registry.claimKey(token, now(), lease);
	if (!claimed) {
		const current = (await registry.get(token)) ?? found;
		if (current.state === 'done' || current.state === 'emitting') return { kind: 'delivered-before', record: current };
		return { kind: 'left-to-poll', record: current, why: 'the FaceID Trigger is asking for this result right now' };
	}

	if (claimed.state === 'polling') {
		const asked = await askForFinalResult(check, claimed, options);
		if (asked.kind === 'not-yet') {
			await registry.reschedule(token, lease.id, claimed.polls + asked.polls, now() + ASK_AGAIN_AFTER_MS);
			return { kind: 'left-to-poll', record: claimed, why: asked.why };
		}
		if (!(await registry.finish(token, lease.id, { ...asked.result, polls: claimed.polls + asked.polls }, now()))) {
			return { kind: 'left-to-poll', record: claimed, why: 'the claim on this result lapsed' };
		}
		lease = newLease();
		claimed = await registry.claimKey(token, now(), lease);
		// The poll claimed the finished result in between: it emits it.
		if (!claimed) return { kind: 'delivered-before', record: (await registry.get(token)) ?? found };
	}
	const record = claimed;
	const { id } = lease;
	return {
		kind: 'emit',
		record,
		result: record.result!,
		commit: async () => (await registry.commit([token], id, now())) > 0,
	};
}

type Asked = { kind: 'final'; result: StoredResult; polls: number } | { kind: 'not-yet'; why: string; polls: number };

async function askForFinalResult(check: PendingCheck, record: VerificationRecord, options: ReturnOptions): Promise<Asked> {
	const tries = 1 + Math.max(0, options.retries ?? 0);
	let why = 'Tencent has no final result yet';
	for (let attempt = 1; attempt <= tries; attempt++) {
		if (attempt > 1 && options.sleep) await options.sleep(options.retryDelayMs ?? 1000);
		let answer: ResultAnswer;
		try {
			answer = await check.requestResult(record.key, record.region);
		} catch (error) {
			const failure = check.classifyFailure(error);
			if (failure === 'token') {
				const { code, message, requestId } = error as { code: string; message: string; requestId?: string };
				return {
					kind: 'final',
					result: { outcome: check.refused(error as never), error: { code, message, ...(requestId ? { requestId } : {}) }, polls: 0 },
					polls: attempt,
				};
			}
			return { kind: 'not-yet', why: `Tencent could not be asked (${(error as Error).message})`, polls: attempt - 1 };
		}
		if (check.isFinal(answer)) return { kind: 'final', result: { outcome: check.outcomeOf(answer), response: answer, polls: 0 }, polls: attempt };
		why = check.outcomeOf(answer).description;
	}
	return { kind: 'not-yet', why, polls: tries };
}
