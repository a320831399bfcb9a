/**
 * The pending-verification registry: how a step that starts an asynchronous check (a document
 * check's Apply) hands its token to the FaceID Trigger.
 * Tencent has no list endpoint, so a token that is not stored somewhere durable is a paid check
 * that can never be read. The registry is that durable place, shared by every process that runs
 * Apply (workers) or the trigger (the main instance). Two stores implement it: an embedded SQLite
 * file (one n8n instance) and Redis (queue mode, multi-main). No n8n import.
 *
 * Life of an entry (one row / hash per token, per queue):
 *
 *   reserved ──Apply answered──▶ pending ◀──reschedule/release── polling ──finish──▶ finished
 *      │ (n8n died mid-call:                │   ▲                                       │
 *      │  lease ran out)                    └───┘ claimDue (lease)          claimFinished (lease)
 *      └──────────────▶ finished (APPLY_INTERRUPTED)                                 ▼
 *                                                                  done ◀──commit── emitting
 *
 * `claimKey` takes one entry by its key into `polling` or `emitting` the same way (a customer's
 * return from a hosted verification), so the return and the poll never both hold it.
 *
 * Every move out of `polling` or `emitting` names the lease it was claimed under, so a process
 * whose lease ran out (it died, or stalled past the lease) can no longer move the entry: whoever
 * claimed it next owns it. A lease that runs out puts the entry back where it was claimable.
 */
import type { Outcome } from '../../outcomes';

export type VerificationState = 'reserved' | 'pending' | 'polling' | 'finished' | 'emitting' | 'done';

export const VERIFICATION_STATES: readonly VerificationState[] = [
	'reserved',
	'pending',
	'polling',
	'finished',
	'emitting',
	'done',
];

/** A claim on entries until `until` (ms since the epoch), by one process. */
export interface Lease {
	id: string;
	/** Who holds it, for diagnostics: host, process id and a random part. */
	owner: string;
	until: number;
}

/** What the trigger emits for a finished entry; stores keep it as opaque JSON. */
export interface StoredResult {
	outcome: Outcome;
	/** Tencent's last answer for the token (final, or the last PROCESSING one when timed out). */
	response?: Record<string, unknown>;
	/** Why there is no final answer, when Tencent refused or could not be reached. */
	error?: { code: string; message: string; requestId?: string };
	/** Result requests made for this token. */
	polls: number;
}

/**
 * Which check a token belongs to (see ../check.ts), stored with it; for the document check, its
 * API generation (`faceid` or `ocr`).
 */
export type PendingCheckKind = string;

export interface NewVerification {
	/** The token Tencent handed out for the check. */
	token: string;
	generation: PendingCheckKind;
	region: string;
	/** Free text from the Apply step (a CRM id, say) so the result can be joined back; '' if none. */
	reference: string;
	registeredAt: number;
	pollIntervalMs: number;
	maxPolls: number;
	/** Result requests already made (by an inline wait) before the trigger takes over. */
	polls: number;
	nextPollAt: number;
}

/** An Apply call about to be sent: recorded first, so a crash before its answer is reported. */
export interface Reservation {
	/** A reservation key (../keys.ts): not a token, never polled. */
	key: string;
	generation: PendingCheckKind;
	region: string;
	reference: string;
	createdAt: number;
	/** After this the Apply is taken to have been interrupted. */
	until: number;
}

export interface VerificationRecord {
	/** The token, or a reservation key (../keys.ts). */
	key: string;
	state: VerificationState;
	generation: PendingCheckKind;
	region: string;
	reference: string;
	registeredAt: number;
	pollIntervalMs: number;
	maxPolls: number;
	polls: number;
	nextPollAt: number;
	leaseId?: string;
	leaseOwner?: string;
	leaseUntil?: number;
	result?: StoredResult;
	finishedAt?: number;
	/** How many times it was claimed for emission: 2 or more means it may have been emitted before. */
	emitCount: number;
	emittedAt?: number;
}

export type HoldSettlement =
	/** The inline wait delivered a final result itself: the trigger must not emit it. */
	| { delivered: true; at: number }
	/** The inline wait gave up (its poll cap, a cancel): the trigger continues from here. */
	| { delivered: false; polls: number; nextPollAt: number };

/** One queue ("channel") of one store. All times are ms since the epoch, passed by the caller. */
export interface VerificationRegistry {
	readonly queue: string;
	/** Records an Apply about to be sent. A key already present is left alone. */
	reserve(reservation: Reservation): Promise<void>;
	/**
	 * Stores a token: `pending` for the trigger, or `polling` under `hold` when an inline wait
	 * polls it itself. Removes the reservation in the same step. Idempotent per token: returns
	 * false when the token was already there (it is not reset).
	 */
	register(verification: NewVerification, options?: { reservationKey?: string; hold?: Lease }): Promise<boolean>;
	/** Forgets a reservation whose Apply failed in front of the user (nothing to report later). */
	dropReservation(key: string): Promise<void>;
	/** Ends an inline wait's hold on a token. False when the hold was lost (its lease ran out). */
	settleHold(token: string, leaseId: string, settlement: HoldSettlement): Promise<boolean>;
	/** Turns reservations whose lease ran out into finished entries carrying `result`. */
	expireReservations(now: number, result: StoredResult): Promise<number>;
	/** Claims tokens due for a result request (pending and due, or polling with a lapsed lease). */
	claimDue(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]>;
	/** Still processing: back to pending with the new poll count and next time. */
	reschedule(key: string, leaseId: string, polls: number, nextPollAt: number): Promise<boolean>;
	/** Claimed but not polled (out of time): back to pending unchanged. */
	release(key: string, leaseId: string): Promise<boolean>;
	/** A final (or timed-out, or refused) result: ready to be emitted. */
	finish(key: string, leaseId: string, result: StoredResult, at: number): Promise<boolean>;
	/** Claims finished entries (and emitting ones with a lapsed lease) for emission, oldest first. */
	claimFinished(now: number, limit: number, lease: Lease): Promise<VerificationRecord[]>;
	/** The emission under `leaseId` reached n8n: done, the result dropped. Returns how many. */
	commit(keys: readonly string[], leaseId: string, at: number): Promise<number>;
	/**
	 * Claims one entry by its key, wherever it can be claimed: a pending one (due or not), or one
	 * polling under a lapsed lease, for polling; a finished one, or one emitting under a lapsed
	 * lease, for emission (counted in `emitCount`). Undefined when it is absent, done, reserved, or
	 * held under someone's live lease. What a customer's return uses to take over one token.
	 */
	claimKey(key: string, now: number, lease: Lease): Promise<VerificationRecord | undefined>;
	/** A channel's setting (the Return Trigger's URL), or undefined. */
	channelSetting(name: string): Promise<string | undefined>;
	/** Sets a channel's setting; undefined removes it, only if it still is `ifValue` when given. */
	setChannelSetting(name: string, value: string | undefined, ifValue?: string): Promise<void>;
	/** Deletes done entries emitted before `before`. */
	prune(before: number): Promise<number>;
	stats(): Promise<Record<VerificationState, number>>;
	get(key: string): Promise<VerificationRecord | undefined>;
	/** Releases this handle; the connection closes when no handle uses it. */
	close(): Promise<void>;
}
