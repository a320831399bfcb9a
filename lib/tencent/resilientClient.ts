/**
 * The client both nodes call Tencent with: paces requests at Tencent's per-action limits (through a
 * store every client of the same account shares), retries only failures that prove nothing was
 * processed (unless told to retry the others, which it counts), and corrects clock skew once. The
 * decisions live beside it (retryPolicy, rateLimit/, clockSkew, the catalogue's limits); the caller
 * injects the transport, the timers, the pacing store and the log, so the node, the trigger and
 * tests share this one class. No n8n import.
 */
import type { ActionDefinition, BaseResponse } from './actions/common';
import { documentedRateLimit, effectiveRateLimit } from './catalogue';
import { TencentCloudClient, type CallOptions, type Transport } from './client';
import { SigningClock } from './clockSkew';
import { accountLimits } from './rateLimit/accountPacing';
import { pace, ProcessPacingStore, type KeyedLimit, type PacingStore } from './rateLimit/pacer';
import { rateLimitRule } from './rateLimit/rule';
import { callWithRetry, DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from './retryPolicy';
import type { Sleep } from './sleep';

export interface ResilienceSettings {
	/**
	 * The account (its SecretId) whose rate the requests count against: every client of one account
	 * that is given the same `pacing` store shares its limits. Absent: this client paces itself only.
	 */
	account?: string;
	/** A lower limit for this client's own requests; 0: Tencent's documented limit for the action. */
	maxRequestsPerSecond: number;
	maxRetries: number;
	/** Send again what Tencent may have processed (and billed); each such attempt is counted. */
	retryPossiblyProcessed: boolean;
}

export interface ResilientClientDependencies {
	/** The transport, signing each request with the timestamp it is given (the corrected clock). */
	transport: (timestamp: () => number) => Transport;
	sleep: Sleep;
	now?: () => number;
	/** Where the account's limits are kept (the deployment's store); absent: this client's own. */
	pacing?: PacingStore;
	random?: () => number;
	/** Cancels waits and requests: the execution's cancel signal. */
	signal?: AbortSignal;
	/** Where retries are logged (codes and RequestIds only). */
	debug?: (message: string) => void;
}

/** Drop-in for TencentCloudClient: `call` paces, retries and re-signs. */
export class ResilientClient extends TencentCloudClient {
	readonly signingClock: SigningClock;
	private readonly pacing: PacingStore;
	private readonly limits = new Map<string, KeyedLimit[]>();
	private readonly policy: RetryPolicy;

	constructor(
		readonly settings: ResilienceSettings,
		private readonly dependencies: ResilientClientDependencies,
	) {
		const now = dependencies.now ?? Date.now;
		const signingClock = new SigningClock(now);
		super(dependencies.transport(() => signingClock.timestamp()));
		this.signingClock = signingClock;
		this.policy = { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries, retryPossiblyProcessed: settings.retryPossiblyProcessed };
		// Shared only between clients of one account; without one, this client's own.
		this.pacing = settings.account && dependencies.pacing ? dependencies.pacing : new ProcessPacingStore(now);
	}

	/**
	 * The user's limit and Tencent's, kept together, each shared by every client of the account
	 * (without an account, this client's own pace at the lower of the two).
	 */
	private limitsOf(action: string): KeyedLimit[] {
		let limits = this.limits.get(action);
		if (!limits) {
			limits = this.computeLimits(action);
			this.limits.set(action, limits);
		}
		return limits;
	}

	private computeLimits(action: string): KeyedLimit[] {
		const { account, maxRequestsPerSecond } = this.settings;
		const userLimit = effectiveRateLimit(action, maxRequestsPerSecond);
		if (!account) return [{ key: action, rule: rateLimitRule(userLimit) }];
		const documented = documentedRateLimit(action);
		return accountLimits(account, action, userLimit < documented ? [userLimit, documented] : [documented]);
	}

	override async call<Req, Res extends BaseResponse>(action: ActionDefinition<Req, Res>, params: Req, options: CallOptions = {}): Promise<Res> {
		const signal = options.signal ?? this.dependencies.signal;
		return await callWithRetry(
			async () => {
				await pace(this.pacing, this.limitsOf(action.name), this.dependencies.sleep, signal);
				return await super.call(action, params, { ...options, signal });
			},
			this.policy,
			{
				sleep: this.dependencies.sleep,
				now: this.dependencies.now ?? Date.now,
				random: this.dependencies.random,
				signal,
				correctClock: (error) => this.signingClock.correctFrom(error.serverDate),
				onRetry: (event) => this.logRetry(action.name, event),
				attempts: options.attempts,
			},
		);
	}

	private logRetry(action: string, event: RetryEvent): void {
		// Codes and RequestIds only: never a name, an ID number or a secret.
		this.dependencies.debug?.(
			`FaceID ${action}: attempt ${event.attempt} failed (${event.error.code}${event.error.requestId ? `, RequestId ${event.error.requestId}` : ''}); ` +
				(event.failure === 'clock-skew'
					? `re-signing with the server's clock (offset ${this.signingClock.offsetSeconds} s)`
					: `retrying in ${event.delayMs} ms`),
		);
	}
}
