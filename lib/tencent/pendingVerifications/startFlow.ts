/**
 * Starting an asynchronous check, from the call that buys it to the item that reports it:
 * reserve → start → register (with a hold when waiting) → wait → settle. Tencent bills the check
 * when it hands out the token, so from that moment on the token is never dropped: it is
 * registered, waited for, or put in the result. No n8n import.
 */
import { randomUUID } from 'node:crypto';

import type { TencentCloudError } from '../errors';
import type { Outcome } from '../outcomes';
import type { Sleep } from '../sleep';
import type { PendingCheck, ResultAnswer } from './check';
import { waitForResult, type InlineWaitOutcome, type PollingPlan } from './inlineWait';
import { newReservationKey, PROCESS_OWNER } from './keys';
import type { Lease, VerificationRegistry } from './registry/types';

/** A start whose answer never got recorded is reported this long after it was sent. */
const RESERVATION_MS = 10 * 60_000;

/** Spare time on an inline wait's hold, past its last poll, before the trigger may take over. */
const HOLD_MARGIN_MS = 60_000;

export interface StartOptions<A extends ResultAnswer> {
	/** Absent: the token is only in the result (no hand-off to the trigger). */
	registry?: VerificationRegistry;
	/** Which check this is (PendingCheck kind), stored with the token. */
	kind: string;
	region: string;
	reference: string;
	check: PendingCheck;
	/** The billable call that starts the check. A failure is rethrown, with nothing registered. */
	start: () => Promise<A>;
	tokenOf: (answer: A) => string;
	/** `tencent`: the check's own polling plan (the trigger follows it); `wait`: the inline wait's, within it. */
	plansOf: (answer: A) => { tencent: PollingPlan; wait: PollingPlan };
	/** Wait for the result here; absent: hand the token on at once. */
	wait?: { requestTimeoutMs: number; sleep: Sleep; signal?: AbortSignal };
	log: { warn: (message: string) => void; error: (message: string) => void };
	now?: () => number;
}

export interface StartedCheck<A> {
	answer: A;
	token: string;
	outcome: Outcome;
	/** Tencent's last result answer, when the wait got one. */
	result?: ResultAnswer;
	polls: number;
	/** How the result was delivered, in a few words. */
	delivery: string;
	/** Whether the token is in the registry (false: no registry, or its registration failed). */
	registered: boolean;
}

export async function startPendingCheck<A extends ResultAnswer>(options: StartOptions<A>): Promise<StartedCheck<A>> {
	const { registry, check } = options;
	const now = options.now ?? Date.now;

	// Recorded before sending: if n8n dies before the answer is stored, the trigger reports it.
	const reservationKey = registry ? newReservationKey() : undefined;
	if (registry && reservationKey) {
		const createdAt = now();
		await registry.reserve({
			key: reservationKey,
			generation: options.kind,
			region: options.region,
			reference: options.reference,
			createdAt,
			until: createdAt + RESERVATION_MS,
		});
	}
	let answer: A;
	try {
		answer = await options.start();
	} catch (error) {
		if (registry && reservationKey) await registry.dropReservation(reservationKey);
		throw error;
	}

	// From here Tencent has billed the check: whatever happens, the token leaves in the result.
	const token = options.tokenOf(answer);
	const plans = options.plansOf(answer);
	const registeredAt = now();
	const hold: Lease | undefined = options.wait
		? {
				id: randomUUID(),
				owner: PROCESS_OWNER,
				until: registeredAt + plans.wait.maxPolls * (plans.wait.intervalMs + options.wait.requestTimeoutMs) + HOLD_MARGIN_MS,
			}
		: undefined;
	const registered = await register(options, reservationKey, hold, {
		token,
		registeredAt,
		pollIntervalMs: plans.tencent.intervalMs,
		maxPolls: plans.tencent.maxPolls,
	});
	const handedOffText = `handed off to the FaceID Trigger (channel "${registry?.queue ?? ''}")`;

	if (!options.wait) {
		const delivery = registered ? handedOffText : registry ? 'registration failed: keep this token' : 'token only in this item (no registry)';
		return { answer, token, outcome: check.started(answer.RequestId), polls: 0, delivery, registered };
	}

	const { signal } = options.wait;
	const result = await waitForResult({
		check,
		requestResult: async () => await check.requestResult(token, options.region),
		plan: plans.wait,
		sleep: options.wait.sleep,
		signal,
	});
	const settledHere =
		result.kind === 'final' || result.kind === 'refused' || (result.kind === 'timed-out' && result.polls >= plans.tencent.maxPolls);
	let handOff = false;
	if (registered && registry && hold) {
		handOff = !settledHere;
		const settled = await registry
			.settleHold(
				token,
				hold.id,
				settledHere ? { delivered: true, at: now() } : { delivered: false, polls: result.polls, nextPollAt: now() + plans.tencent.intervalMs },
			)
			.catch((error: unknown) => {
				options.log.warn(`FaceID: could not settle the registry hold on a pending token: ${(error as Error).message}`);
				return false;
			});
		// A hold that lapsed was taken over by the trigger, which will emit the result as well.
		if (!settled) handOff = true;
	}
	return {
		answer,
		token,
		outcome: waitOutcome(
			check,
			result,
			handOff ? ` The token was handed to the FaceID Trigger (channel "${registry?.queue ?? ''}"), which emits the result.` : '',
			now() - registeredAt,
		),
		result: result.response,
		polls: result.polls,
		delivery: handOff ? `waited inline, then ${handedOffText}` : 'waited inline',
		registered,
	};
}

/** How the wait ended, as the item reports it; `handedOff` says who emits the result later. */
function waitOutcome(check: PendingCheck, wait: InlineWaitOutcome, handedOff: string, waitedMs: number): Outcome {
	const requestId = wait.response?.RequestId;
	if (wait.kind === 'final') return check.outcomeOf(wait.response!);
	if (wait.kind === 'refused') return check.refused(wait.error as TencentCloudError);
	if (wait.kind === 'cancelled') {
		return check.unfinished('CANCELLED', `The execution was cancelled while waiting for the result.${handedOff}`, requestId);
	}
	if (wait.kind === 'unreachable') {
		const error = wait.error as TencentCloudError;
		return check.unfinished(error.code, `Could not ask for the result: ${error.message}.${handedOff}`, error.requestId);
	}
	const timedOut = check.timedOut({ polls: wait.polls, waitedMs, requestId });
	return { ...timedOut, description: `${timedOut.description}.${handedOff}` };
}

/** Registers the token; a registry failure is logged and reported in the item, never thrown (the token would be lost). */
async function register(
	options: Pick<StartOptions<ResultAnswer>, 'registry' | 'kind' | 'region' | 'reference' | 'log'>,
	reservationKey: string | undefined,
	hold: Lease | undefined,
	entry: { token: string; registeredAt: number; pollIntervalMs: number; maxPolls: number },
): Promise<boolean> {
	if (!options.registry) return false;
	try {
		await options.registry.register(
			{
				...entry,
				generation: options.kind,
				region: options.region,
				reference: options.reference,
				polls: 0,
				nextPollAt: entry.registeredAt + entry.pollIntervalMs,
			},
			{ reservationKey, hold },
		);
		return true;
	} catch (error) {
		options.log.error(`FaceID: a pending token could not be registered for the trigger: ${(error as Error).message}`);
		return false;
	}
}
