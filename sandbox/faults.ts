/**
 * Fault injection for resilience tests and benchmarks: a share of requests fails the way a flaky
 * path to Tencent fails. By default faults strike before the action runs (at the gateway), so a
 * faulted request is never processed or billed; with the server's `faultTiming: 'after-charge'`
 * they strike after the action billed, on the way back. Deterministic: the same seed gives the same sequence of
 * faults over the sequence of arriving requests.
 */
import { createHmac, randomBytes } from 'crypto';

export type FaultKind = 'http500' | 'http502' | 'reset' | 'internalError' | 'requestLimitExceeded';

export const FAULT_KINDS: readonly FaultKind[] = ['http500', 'http502', 'reset', 'internalError', 'requestLimitExceeded'];

/** Code a fault is logged under in `sandbox.requests`. */
export const FAULT_CODES: Readonly<Record<FaultKind, string>> = {
	http500: 'HTTP500',
	http502: 'HTTP502',
	reset: 'ConnectionReset',
	internalError: 'InternalError',
	requestLimitExceeded: 'RequestLimitExceeded',
};

export interface FaultOptions {
	/** Share of requests that fail, 0 … 1. */
	rate: number;
	/** Relative weights of the kinds; absent kinds get 0; absent altogether: all equal. */
	mix?: Partial<Record<FaultKind, number>>;
	/** Seed of the generator; same seed, same faults. */
	seed?: number;
}

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Returns, for each arriving request, the fault to inject or undefined. */
export function createFaultInjector(options: FaultOptions): () => FaultKind | undefined {
	if (!(options.rate >= 0 && options.rate <= 1)) {
		throw new RangeError(`faultRate must be between 0 and 1, not ${options.rate}`);
	}
	const weights = FAULT_KINDS.map((kind) => {
		const weight = options.mix ? (options.mix[kind] ?? 0) : 1;
		if (!(weight >= 0)) throw new RangeError(`faultMix.${kind} must be a non-negative number, not ${weight}`);
		return weight;
	});
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	if (options.rate > 0 && total === 0) throw new RangeError('faultMix gives every fault kind a weight of 0');
	const random = seededRandom(options.seed ?? 1);
	return () => {
		// Two draws per request whatever the outcome, so the sequence does not depend on the rate.
		const strike = random();
		let pick = random() * total;
		if (strike >= options.rate) return undefined;
		for (let i = 0; i < FAULT_KINDS.length; i++) {
			pick -= weights[i];
			if (pick < 0 && weights[i] > 0) return FAULT_KINDS[i];
		}
		// Rounding left `pick` a hair above 0: the last kind with a weight.
		return FAULT_KINDS.filter((_, i) => weights[i] > 0).at(-1);
	};
}

/** Parses a CLI mix like `http500=1,reset=2`. */
export function parseFaultMix(text: string): Partial<Record<FaultKind, number>> {
	const mix: Partial<Record<FaultKind, number>> = {};
	for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
		const [kind, weight = '1'] = part.split('=');
		if (!FAULT_KINDS.includes(kind as FaultKind)) {
			throw new Error(`Unknown fault kind "${kind}" (expected ${FAULT_KINDS.join(', ')})`);
		}
		mix[kind as FaultKind] = Number(weight);
	}
	return mix;
}

/** Keyed per process: a fingerprint can be compared within a run, never looked up against guessed bodies. */
const FINGERPRINT_KEY = randomBytes(32);

/**
 * Fingerprint of a request's content (action and exact body bytes), so the log can show the same
 * check answered twice without storing the body, which may hold personal data.
 */
export function requestContentHash(action: string | undefined, body: Buffer | undefined): string {
	return createHmac('sha256', FINGERPRINT_KEY)
		.update(`${action ?? ''}\n`)
		.update(body ?? Buffer.alloc(0))
		.digest('hex')
		.slice(0, 32);
}
