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
import { queueModeRedis } from './queueModeRedis';
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

/** After a failed connection, the next attempt waits this long (requests pace locally meanwhile). */
const RECONNECT_AFTER_MS = 10_000;

export interface RedisPacingSettings {
	connection: RedisConnectionOptions;
	keyPrefix: string;
	log: PacingLog;
	now?: () => number;
	connect?: (connection: RedisConnectionOptions) => Promise<RedisScripting>;
}

/** Redis's store while Redis answers; this process's store, and one warning, while it does not. */
export class RedisPacingWithFallback implements PacingStore {
	private store: Promise<RedisPacingStore> | undefined;
	private nextConnectAt = 0;
	private degraded = false;
	private readonly now: () => number;

	constructor(
		private readonly settings: RedisPacingSettings,
		private readonly local: PacingStore,
	) {
		this.now = settings.now ?? Date.now;
	}

	private get address(): string {
		return `${this.settings.connection.host}:${this.settings.connection.port}`;
	}

	private redis(): Promise<RedisPacingStore> {
		if (this.store) return this.store;
		if (this.now() < this.nextConnectAt) return Promise.reject(new Error('not connected'));
		const connect = this.settings.connect ?? connectForPacing;
		const opening = connect(this.settings.connection).then((client) => new RedisPacingStore(client, this.settings.keyPrefix));
		this.store = opening;
		opening.catch(() => {
			if (this.store === opening) this.store = undefined;
			this.nextConnectAt = this.now() + RECONNECT_AFTER_MS;
		});
		return opening;
	}

	private async either(step: (store: PacingStore) => Promise<number>): Promise<number> {
		let result: number;
		try {
			result = await step(await this.redis());
		} catch (error) {
			if (!this.degraded) {
				this.degraded = true;
				this.settings.log.warn(
					`FaceID: the Redis that shares the rate limit (${this.address}) cannot be reached (${(error as Error).message}); ` +
						"until it can, each n8n process paces its FaceID requests on its own, so together they may exceed the account's rate (Tencent's throttled answers are retried)",
				);
			}
			return await step(this.local);
		}
		if (this.degraded) {
			this.degraded = false;
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

const processStore = new ProcessPacingStore(Date.now);
const redisStores = new Map<string, RedisPacingWithFallback>();
let reportedUnsupported = false;

/**
 * This process's pacing store for the deployment `env` describes: n8n's queue Redis in queue mode
 * (one per Redis, created on first use), else the process's own.
 */
export function deploymentPacing(env: NodeJS.ProcessEnv, log: PacingLog): PacingStore {
	const redis = queueModeRedis(env);
	if (redis.kind === 'none') return processStore;
	if (redis.kind === 'unsupported') {
		if (!reportedUnsupported) log.warn(`FaceID: ${redis.reason}; each n8n process paces its FaceID requests on its own`);
		reportedUnsupported = true;
		return processStore;
	}
	const identity = JSON.stringify(redis.connection);
	let store = redisStores.get(identity);
	if (!store) {
		store = new RedisPacingWithFallback({ connection: redis.connection, keyPrefix: DEFAULT_REDIS_KEY_PREFIX, log }, processStore);
		redisStores.set(identity, store);
	}
	return store;
}
