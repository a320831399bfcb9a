/**
 * The node's client for a whole execution: paces requests at Tencent's per-action limits, retries
 * only failures that prove nothing was processed, corrects clock skew once, and works on several
 * items at once while keeping their order. The decisions live in lib/tencent (retryPolicy,
 * rateLimiter, clockSkew, concurrency); this file wires them to n8n (its `sleep`, the execution's
 * cancel signal, the node options).
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { TencentCloudClient, type CallOptions, type Transport } from '../../../lib/tencent/client';
import { SigningClock } from '../../../lib/tencent/clockSkew';
import { mapInOrder } from '../../../lib/tencent/concurrency';
import type { ActionDefinition, BaseResponse } from '../../../lib/tencent/actions/common';
import { effectiveRateLimit } from '../../../lib/tencent/catalogue';
import { ActionRateLimiters } from '../../../lib/tencent/rateLimiter';
import { callWithRetry, DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from '../../../lib/tencent/retryPolicy';
import { n8nTransport } from '../transport';

/**
 * Items in flight at once by default: 100 requests/s while Tencent answers within ~100 ms. Slower
 * answers need more (requests/s ≈ concurrency ÷ latency); image items hold megabytes each.
 */
export const DEFAULT_CONCURRENCY = 10;
export const MAX_CONCURRENCY = 50;
export const DEFAULT_MAX_RETRIES = DEFAULT_RETRY_POLICY.maxRetries;

/** The node options this file reads (all under "Options"). */
export interface ResilienceSettings {
	concurrency: number;
	/** 0: Tencent's documented limit for the action. */
	maxRequestsPerSecond: number;
	maxRetries: number;
	retryOnTimeout: boolean;
}

export function readResilienceSettings(context: IExecuteFunctions): ResilienceSettings {
	// Node-wide settings: read once, from the first item, like the operation itself.
	const options = context.getNodeParameter('options', 0, {}) as Partial<ResilienceSettings>;
	const whole = (value: unknown, fallback: number, min: number, max: number): number => {
		const number = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
		return Math.min(max, Math.max(min, number));
	};
	return {
		concurrency: whole(options.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
		maxRequestsPerSecond:
			typeof options.maxRequestsPerSecond === 'number' && options.maxRequestsPerSecond > 0 ? options.maxRequestsPerSecond : 0,
		maxRetries: whole(options.maxRetries, DEFAULT_MAX_RETRIES, 0, 10),
		retryOnTimeout: options.retryOnTimeout === true,
	};
}

/** Longest single timer: a cancelled execution is noticed within this. */
const SLEEP_SLICE_MS = 250;

/** n8n's `sleep` that gives up when the signal aborts (n8n-workflow 2.41 has no sleepWithAbort). */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	const end = Date.now() + ms;
	for (let remaining = ms; remaining > 0; remaining = end - Date.now()) {
		if (signal?.aborted) throw new Error('The execution was cancelled while waiting to call Tencent Cloud');
		await sleep(Math.min(remaining, SLEEP_SLICE_MS));
		if (ms <= SLEEP_SLICE_MS) break;
	}
	if (signal?.aborted) throw new Error('The execution was cancelled while waiting to call Tencent Cloud');
}

export interface ResilientClientDependencies {
	transport?: Transport;
	now?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
}

/**
 * Drop-in for TencentCloudClient: `call` paces, retries and re-signs; `runItems` runs the
 * per-item work with the configured concurrency, results in item order.
 */
export class ResilientClient extends TencentCloudClient {
	readonly signingClock: SigningClock;
	private readonly limiters: ActionRateLimiters;
	private readonly policy: RetryPolicy;
	private readonly signal?: AbortSignal;
	private readonly now: () => number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly random?: () => number;

	constructor(
		private readonly context: IExecuteFunctions,
		readonly settings: ResilienceSettings,
		dependencies: ResilientClientDependencies = {},
	) {
		const now = dependencies.now ?? Date.now;
		const signingClock = new SigningClock(now);
		super(dependencies.transport ?? n8nTransport(context, { timestamp: () => signingClock.timestamp() }));
		this.signingClock = signingClock;
		this.now = now;
		this.sleep = dependencies.sleep ?? abortableSleep;
		this.random = dependencies.random;
		this.signal = context.getExecutionCancelSignal();
		this.policy = { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries, retryOnTimeout: settings.retryOnTimeout };
		this.limiters = new ActionRateLimiters(
			(action) => effectiveRateLimit(action, settings.maxRequestsPerSecond),
			{ now, sleep: this.sleep },
		);
	}

	override async call<Req, Res extends BaseResponse>(
		action: ActionDefinition<Req, Res>,
		params: Req,
		options: CallOptions = {},
	): Promise<Res> {
		const signal = options.signal ?? this.signal;
		return await callWithRetry(
			async () => {
				await this.limiters.acquire(action.name, signal);
				return await super.call(action, params, { ...options, signal });
			},
			this.policy,
			{
				sleep: this.sleep,
				now: this.now,
				random: this.random,
				signal,
				correctClock: (error) => this.signingClock.correctFrom(error.serverDate),
				onRetry: (event) => this.logRetry(action.name, event),
			},
		);
	}

	/** Runs `task` for item 0 … count-1, `settings.concurrency` at a time; results in item order. */
	async runItems<T>(count: number, task: (itemIndex: number) => Promise<T>): Promise<T[]> {
		return await mapInOrder(count, this.settings.concurrency, task, this.signal);
	}

	private logRetry(action: string, event: RetryEvent): void {
		// Codes and RequestIds only: never a name, an ID number or a secret.
		this.context.logger.debug(
			`FaceID ${action}: attempt ${event.attempt} failed (${event.error.code}${event.error.requestId ? `, RequestId ${event.error.requestId}` : ''}); ` +
				(event.failure === 'clock-skew'
					? `re-signing with the server's clock (offset ${this.signingClock.offsetSeconds} s)`
					: `retrying in ${event.delayMs} ms`),
		);
	}
}
