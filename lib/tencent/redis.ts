/**
 * One way to connect to Redis for the two users of it: the pending-verification registry and the
 * shared rate limit. `ioredis` is the package's only runtime dependency and is loaded here, on
 * first use, so that a process that never uses Redis never loads it.
 */
import type { Redis, RedisOptions } from 'ioredis';

/** Every key the package writes to a Redis starts with this (unless a registry sets its own). */
export const DEFAULT_REDIS_KEY_PREFIX = 'n8n-faceid:';

export interface RedisConnectionOptions {
	host: string;
	port: number;
	database?: number;
	user?: string;
	password?: string;
	tls?: boolean;
}

export interface RedisTuning {
	/** Named in the connection error: "Could not connect to <purpose> at host:port". */
	purpose: string;
	connectTimeoutMs: number;
	commandTimeoutMs: number;
	/** Queue commands while disconnected (and wait for the reconnect), or fail them at once. */
	queueWhileDisconnected: boolean;
}

/**
 * Connects, or throws naming the purpose and the address (never the password). The client
 * reconnects by itself afterwards; its `error` events are caught here (a command that fails still
 * rejects), so an outage never prints ioredis's "Unhandled error event".
 */
export async function openRedis(options: RedisConnectionOptions, tuning: RedisTuning): Promise<Redis> {
	const IORedis = (require('ioredis') as { default: new (options: RedisOptions) => Redis }).default;
	const client = new IORedis({
		host: options.host,
		port: options.port,
		db: options.database ?? 0,
		username: options.user || undefined,
		password: options.password || undefined,
		tls: options.tls ? {} : undefined,
		lazyConnect: true,
		connectTimeout: tuning.connectTimeoutMs,
		commandTimeout: tuning.commandTimeoutMs,
		maxRetriesPerRequest: tuning.queueWhileDisconnected ? 2 : 0,
		enableOfflineQueue: tuning.queueWhileDisconnected,
		retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
	});
	client.on('error', () => {});
	try {
		await client.connect();
	} catch (error) {
		client.disconnect();
		throw new Error(
			`Could not connect to ${tuning.purpose} at ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	return client;
}
