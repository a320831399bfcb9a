/**
 * Pacing in two steps, whatever keeps the state (this process, or Redis for several):
 *
 * 1. reserve: take the next planned slot on every limit at once, and sleep until it. Callers
 *    queue up evenly spaced instead of all waking together. The limit that set the slot plans
 *    the next one; the others count the start when it happens (planning it on all of them would
 *    leave the looser ones' slots in between unused).
 * 2. start: at the moment of starting, check each limit's window of actual starts and record this
 *    one, or learn how long to wait and check again. A request that woke late (a busy event
 *    loop, a slow worker) is counted when it really starts, so every window holds however late
 *    a request starts.
 *
 * Pure: the stores bring their clock, the caller brings `sleep`.
 */
import type { Sleep } from '../sleep';
import type { RateLimitRule } from './rule';

/** One limit to keep: its key (whose starts count together) and its rule. */
export interface KeyedLimit {
	readonly key: string;
	readonly rule: RateLimitRule;
}

export interface PacingStore {
	/** Reserves the next slot on all limits together; resolves to the milliseconds until it. */
	reserve(limits: readonly KeyedLimit[]): Promise<number>;
	/** Records a start now if every limit allows it (resolves to 0), else the milliseconds to wait. */
	tryStart(limits: readonly KeyedLimit[]): Promise<number>;
}

/** Resolves when the caller may start; rejects if the signal aborts a wait. */
export async function pace(store: PacingStore, limits: readonly KeyedLimit[], sleep: Sleep, signal?: AbortSignal): Promise<void> {
	if (limits.length === 0) return;
	const untilSlot = await store.reserve(limits);
	if (untilSlot > 0) await sleep(Math.ceil(untilSlot), signal);
	for (;;) {
		const wait = await store.tryStart(limits);
		if (wait <= 0) return;
		await sleep(Math.ceil(wait), signal);
	}
}

/**
 * A reservation may take a planned slot up to this far in the past: slots lost while the event
 * loop was busy are made up (at the start step's pace, twice the rate), not forfeited.
 */
export const CATCH_UP_MS = 100;

interface LimitState {
	/** Earliest planned slot for the next reservation. */
	nextSlot: number;
	/** The last `perWindow` actual starts, oldest first. */
	starts: number[];
	/** The rule's window when last used: the state is forgotten two windows after its last slot or start. */
	windowMs: number;
}

/** Past this many limits, forgotten ones are swept out (each account, action and rate is one). */
const SWEEP_ABOVE = 1000;

/**
 * The limits' state in this process, on an injected clock (milliseconds, any origin; a monotonic
 * one, so that a wall clock stepping back never stalls requests). It forgets a limit as Redis
 * expires its keys, two windows after its last planned slot or start: an idle limit starts afresh,
 * spaced, in both stores.
 */
export class ProcessPacingStore implements PacingStore {
	private readonly states = new Map<string, LimitState>();

	constructor(private readonly now: () => number) {}

	private static forgotten(state: LimitState, now: number): boolean {
		return now > Math.max(state.nextSlot, state.starts.at(-1) ?? -Infinity) + 2 * state.windowMs;
	}

	private stateOf(limit: KeyedLimit, now: number): LimitState {
		let state = this.states.get(limit.key);
		if (!state || ProcessPacingStore.forgotten(state, now)) {
			if (!state && this.states.size >= SWEEP_ABOVE) this.sweep(now);
			// A new limit starts with nothing to catch up: a run begins spaced.
			state = { nextSlot: now, starts: [], windowMs: limit.rule.windowMs };
			this.states.set(limit.key, state);
		}
		state.windowMs = limit.rule.windowMs;
		return state;
	}

	private sweep(now: number): void {
		for (const [key, state] of this.states) if (ProcessPacingStore.forgotten(state, now)) this.states.delete(key);
	}

	async reserve(limits: readonly KeyedLimit[]): Promise<number> {
		const now = this.now();
		const states = limits.map((limit) => this.stateOf(limit, now));
		const slot = Math.max(now - CATCH_UP_MS, ...states.map((state) => state.nextSlot));
		// The limits that set the slot plan the next one; the others count this start when it happens.
		const binding = states.some((state) => state.nextSlot >= slot);
		states.forEach((state, index) => {
			if (!binding || state.nextSlot >= slot) state.nextSlot = slot + limits[index].rule.intervalMs;
		});
		return Math.max(0, slot - now);
	}

	async tryStart(limits: readonly KeyedLimit[]): Promise<number> {
		const now = this.now();
		const states = limits.map((limit) => this.stateOf(limit, now));
		let wait = 0;
		states.forEach(({ starts }, index) => {
			const { rule } = limits[index];
			if (starts.length >= rule.perWindow) wait = Math.max(wait, starts[starts.length - rule.perWindow] + rule.windowMs - now);
			if (starts.length > 0) wait = Math.max(wait, starts[starts.length - 1] + rule.minGapMs - now);
		});
		// Floating-point dust is not a wait.
		if (wait > 1e-6) return wait;
		states.forEach(({ starts }, index) => {
			starts.push(now);
			const { perWindow } = limits[index].rule;
			if (starts.length > perWindow) starts.splice(0, starts.length - perWindow);
		});
		return 0;
	}
}
