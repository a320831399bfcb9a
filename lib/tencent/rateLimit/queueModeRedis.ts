/**
 * In queue mode (and multi-main, which runs on it) every n8n process of the deployment already
 * reaches one Redis: n8n's own queue, configured by the same QUEUE_BULL_REDIS_* variables on the
 * main instance and on every worker. The shared rate limit uses it, so all FaceID nodes and
 * triggers of all processes pace together without a setting on any node that one could forget.
 */
import { readFileSync } from 'node:fs';

import type { RedisConnectionOptions } from '../redis';

export type QueueModeRedis =
	| { kind: 'none' }
	| { kind: 'redis'; connection: RedisConnectionOptions }
	/** Queue mode on a setup the shared limit does not support: each process paces alone. */
	| { kind: 'unsupported'; reason: string };

/** n8n's convention: `<NAME>_FILE` names a file that holds the value (Docker secrets). */
function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
	const file = env[`${name}_FILE`];
	if (file) return readFileSync(file, 'utf8').trim();
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
}

/**
 * Queue mode: EXECUTIONS_MODE=queue, or a process started as `n8n worker`, which n8n runs in queue
 * mode whatever the variable says.
 */
export function queueModeRedis(env: NodeJS.ProcessEnv, argv: readonly string[] = []): QueueModeRedis {
	if (env.EXECUTIONS_MODE !== 'queue' && argv[2] !== 'worker') return { kind: 'none' };
	if (setting(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES')) {
		return { kind: 'unsupported', reason: 'n8n runs on a Redis cluster (QUEUE_BULL_REDIS_CLUSTER_NODES), which the shared rate limit does not support yet' };
	}
	return {
		kind: 'redis',
		connection: {
			host: setting(env, 'QUEUE_BULL_REDIS_HOST') ?? 'localhost',
			port: Number(setting(env, 'QUEUE_BULL_REDIS_PORT')) || 6379,
			database: Number(setting(env, 'QUEUE_BULL_REDIS_DB')) || 0,
			user: setting(env, 'QUEUE_BULL_REDIS_USERNAME'),
			password: setting(env, 'QUEUE_BULL_REDIS_PASSWORD'),
			tls: setting(env, 'QUEUE_BULL_REDIS_TLS') === 'true',
		},
	};
}
