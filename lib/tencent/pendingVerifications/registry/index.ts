/**
 * Opens a registry queue on the configured store, sharing one connection per store per process
 * (an SQLite handle per file, a Redis client per server and database). A connection nobody uses
 * closes after a short idle time, so a busy Apply step or trigger does not reconnect for every
 * item or tick. No n8n import.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { DEFAULT_REDIS_KEY_PREFIX } from '../../redis';
import { connectRedis, RedisRegistry, type RedisConnectionOptions } from './redisStore';
import { openSqliteDatabase, SqliteRegistry } from './sqliteStore';
import type { VerificationRegistry } from './types';

export * from './types';
export type { RedisConnectionOptions } from './redisStore';

export type RegistryConfig =
	| { store: 'embedded'; file: string; queue: string }
	| { store: 'redis'; connection: RedisConnectionOptions; keyPrefix: string; queue: string };

export const DEFAULT_QUEUE = 'default';
export { DEFAULT_REDIS_KEY_PREFIX };

/**
 * `<n8n user folder>/.n8n/tencent-faceid/card-verifications.sqlite`: n8n's own folder, found as n8n
 * finds it (N8N_USER_FOLDER, else the home directory), so Apply and the trigger of one instance
 * agree without configuration.
 */
export function defaultRegistryFile(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	return join(env.N8N_USER_FOLDER || home, '.n8n', 'tencent-faceid', 'card-verifications.sqlite');
}

/** Connections close this long after their last user let go. */
const IDLE_CLOSE_MS = 30_000;

interface SharedConnection {
	open: Promise<unknown>;
	users: number;
	idleTimer?: ReturnType<typeof setTimeout>;
	close: () => Promise<void>;
}

const connections = new Map<string, SharedConnection>();

function connectionKey(config: RegistryConfig): string {
	if (config.store === 'embedded') return `embedded:${resolve(config.file)}`;
	const { host, port, database, user, tls } = config.connection;
	// The password is part of the identity (a changed credential must reconnect) but never shown.
	return `redis:${JSON.stringify([host, port, database ?? 0, user ?? '', tls ?? false, config.connection.password ?? ''])}`;
}

async function acquire<T>(key: string, open: () => Promise<T>, close: (resource: T) => Promise<void>): Promise<{ resource: T; release: () => Promise<void> }> {
	let shared = connections.get(key);
	if (!shared) {
		const opening = open();
		const created: SharedConnection = {
			open: opening,
			users: 0,
			close: async () => close(await opening),
		};
		shared = created;
		connections.set(key, shared);
		opening.catch(() => {
			if (connections.get(key) === created) connections.delete(key);
		});
	}
	if (shared.idleTimer) {
		clearTimeout(shared.idleTimer);
		shared.idleTimer = undefined;
	}
	shared.users++;
	const current = shared;
	let resource: T;
	try {
		resource = (await current.open) as T;
	} catch (error) {
		current.users--;
		throw error;
	}
	let released = false;
	return {
		resource,
		release: async () => {
			if (released) return;
			released = true;
			current.users--;
			if (current.users > 0) return;
			current.idleTimer = setTimeout(() => {
				if (current.users > 0 || connections.get(key) !== current) return;
				connections.delete(key);
				void current.close().catch(() => {});
			}, IDLE_CLOSE_MS);
			current.idleTimer.unref?.();
		},
	};
}

export async function openRegistry(config: RegistryConfig): Promise<VerificationRegistry> {
	const queue = config.queue.trim() || DEFAULT_QUEUE;
	if (config.store === 'embedded') {
		const { resource, release } = await acquire(
			connectionKey(config),
			async () => openSqliteDatabase(resolve(config.file)),
			async (db) => db.close(),
		);
		return new SqliteRegistry(resource, queue, release);
	}
	const { resource, release } = await acquire(
		connectionKey(config),
		async () => connectRedis(config.connection),
		async (client) => {
			await client.quit().catch(() => client.disconnect());
		},
	);
	return new RedisRegistry(resource, queue, config.keyPrefix || DEFAULT_REDIS_KEY_PREFIX, release);
}

/** Closes every connection now (tests, and tools that must exit promptly). */
export async function closeAllRegistries(): Promise<void> {
	const all = [...connections.values()];
	connections.clear();
	for (const shared of all) {
		if (shared.idleTimer) clearTimeout(shared.idleTimer);
		await shared.close().catch(() => {});
	}
}
