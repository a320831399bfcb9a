/**
 * The account's limits for the whole deployment: one pacing store per process, shared by every
 * execution of every workflow and by the FaceID Trigger, so a rate is the account's however many
 * run at once. In queue mode the store is n8n's own Redis, so the main instance and all workers
 * share it; when that Redis cannot be reached, each process paces on its own (one log line says
 * so, another when Redis is back), and Tencent's throttled answers are retried as always.
 */
import { createHash } from 'node:crypto';

import { DEFAULT_REDIS_KEY_PREFIX, openRedis, type RedisConnectionOptions } from '../redis';
import { ProcessPacingStore, type KeyedLimit, type PacingStore } from './pacer';
import { queueModeRedis, type QueueModeRedis } from './queueModeRedis';
import { RedisPacingStore, type RedisScripting } from './redisStore';
import { rateLimitRule } from './rule';

export interface PacingLog {
	warn(message: string): void;
	info(message: string): void;
}

/** The limits one request of `action` keeps: each rate once, keyed by account (hashed), action and rate. */
export function accountLimits(account: string, action: string, rates: readonly number[]): KeyedLimit[] {
	const accountId = createHash('sha256').update(account).digest('hex').slice(0, 16);
	// The braces are Redis's hash tag: one account and action's keys share a cluster slot.
	return [...new Set(rates)].map((rate) => ({ key: `{${accountId}:${action}}:${rate}`, rule: rateLimitRule(rate) }));
}

/**
 * After Redis failed (no connection, an error, no answer in time), requests pace in this process
 * for this long before one tries Redis again: an outage costs one slow request, not every one.
 */
const RETRY_REDIS_AFTER_MS = 10_000;
/** A pacing step that Redis has not answered in this long counts as a failure. */
const REDIS_STEP_TIMEOUT_MS = 1_000;

export interface RedisPacingSettings {
	connection: RedisConnectionOptions;
	keyPrefix: string;
	log: PacingLog;
	now?: () => number;
	connect?: (connection: RedisConnectionOptions) => Promise<RedisScripting>;
	/** Default 1 s. */
	stepTimeoutMs?: number;
}

/** Redis's store while Redis answers; this process's store, and one warning, while it does not. */
export class RedisPacingWithFallback implements PacingStore {
	private store: Promise<RedisPacingStore> | undefined;
	/** While Redis is failing: when the next request may try it again. */
	private retryRedisAt: number | undefined;
	private readonly now: () => number;

	constructor(
		private readonly settings: RedisPacingSettings,
		private readonly local: PacingStore,
	) {
		this.now = settings.now ?? Date.now;
		settings.log.info(`FaceID: pacing requests per account through n8n's Redis at ${this.address}, shared by the main instance and all workers`);
	}

	private get address(): string {
		return `${this.settings.connection.host}:${this.settings.connection.port}`;
	}

	private redis(): Promise<RedisPacingStore> {
		if (this.store) return this.store;
		const connect = this.settings.connect ?? connectForPacing;
		const opening = connect(this.settings.connection).then((client) => new RedisPacingStore(client, this.settings.keyPrefix));
		this.store = opening;
		opening.catch(() => {
			if (this.store === opening) this.store = undefined;
		});
		return opening;
	}

	/** The step on Redis, failing after the step timeout (a Redis that accepts but never answers). */
	private async onRedis(step: (store: PacingStore) => Promise<number>): Promise<number> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeoutMs = this.settings.stepTimeoutMs ?? REDIS_STEP_TIMEOUT_MS;
		const timeout = new Promise<never>((_resolve, reject) => {
			timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			return await Promise.race([this.redis().then(step), timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	private async either(step: (store: PacingStore) => Promise<number>): Promise<number> {
		if (this.retryRedisAt !== undefined && this.now() < this.retryRedisAt) return await step(this.local);
		let result: number;
		try {
			result = await this.onRedis(step);
		} catch (error) {
			if (this.retryRedisAt === undefined) {
				this.settings.log.warn(
					`FaceID: the Redis that shares the rate limit (${this.address}) cannot be reached (${(error as Error).message}); ` +
						"until it can, each n8n process paces its FaceID requests on its own, so together they may exceed the account's rate (Tencent's throttled answers are retried)",
				);
			}
			this.retryRedisAt = this.now() + RETRY_REDIS_AFTER_MS;
			return await step(this.local);
		}
		if (this.retryRedisAt !== undefined) {
			this.retryRedisAt = undefined;
			this.settings.log.info(`FaceID: the Redis that shares the rate limit (${this.address}) is reachable again; pacing through it`);
		}
		return result;
	}

	reserve(limits: readonly KeyedLimit[]): Promise<number> {
		return this.either((store) => store.reserve(limits));
	}

	tryStart(limits: readonly KeyedLimit[]): Promise<number> {
		return this.either((store) => store.tryStart(limits));
	}
}

/** Short timeouts and no queueing while disconnected: a request paces locally rather than wait on Redis. */
async function connectForPacing(connection: RedisConnectionOptions): Promise<RedisScripting> {
	return await openRedis(connection, {
		purpose: "the shared rate limit's Redis",
		connectTimeoutMs: 2_000,
		commandTimeoutMs: 1_000,
		queueWhileDisconnected: false,
	});
}

// Monotonic: a wall clock stepping back (NTP, a restored VM) would otherwise stall every request.
const processStore = new ProcessPacingStore(() => performance.now());
const deployments = new Map<string, PacingStore>();

/**
 * This process's pacing store for the deployment `env` and `argv` describe: n8n's queue Redis in
 * queue mode (one per Redis, created on first use, its settings read once), else the process's own.
 */
export function deploymentPacing(env: NodeJS.ProcessEnv, log: PacingLog, argv: readonly string[] = []): PacingStore {
	const identity = JSON.stringify([argv.slice(2, 3), Object.entries(env).filter(([name]) => name === 'EXECUTIONS_MODE' || name.startsWith('QUEUE_BULL_REDIS_')).sort()]);
	let store = deployments.get(identity);
	if (!store) {
		store = createDeploymentPacing(queueModeRedis(env, argv), log);
		deployments.set(identity, store);
	}
	return store;
}

function createDeploymentPacing(redis: QueueModeRedis, log: PacingLog): PacingStore {
	if (redis.kind === 'none') return processStore;
	if (redis.kind === 'unsupported') {
		log.warn(`FaceID: ${redis.reason}; each n8n process paces its FaceID requests on its own`);
		return processStore;
	}
	return new RedisPacingWithFallback({ connection: redis.connection, keyPrefix: DEFAULT_REDIS_KEY_PREFIX, log }, processStore);
}
