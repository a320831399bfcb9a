/**
 * Opening a registry queue: n8n's default file, the default queue and key prefix, one shared
 * connection per store (closed a while after its last user let go, or at once by
 * closeAllRegistries), against a temporary SQLite file and a real redis-server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import {
	closeAllRegistries,
	DEFAULT_QUEUE,
	DEFAULT_REDIS_KEY_PREFIX,
	defaultRegistryFile,
	openRegistry,
} from '../../../../../lib/tencent/pendingVerifications/registry';
import { connectRedis } from '../../../../../lib/tencent/pendingVerifications/registry/redisStore';
import { startRedisServer, type RedisServer } from '../../../../support/redisServer';
import { verification } from './support/registryContract';

let folder: string;

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'faceid-open-registry-'));
});

afterEach(async () => {
	jest.useRealTimers();
	await closeAllRegistries();
});

afterAll(() => {
	rmSync(folder, { recursive: true, force: true });
});

describe('defaultRegistryFile', () => {
	test("in n8n's user folder when N8N_USER_FOLDER is set, else in the home directory", () => {
		expect(defaultRegistryFile({ N8N_USER_FOLDER: '/srv/n8n' }, '/home/node')).toBe('/srv/n8n/.n8n/tencent-faceid/card-verifications.sqlite');
		expect(defaultRegistryFile({}, '/home/node')).toBe('/home/node/.n8n/tencent-faceid/card-verifications.sqlite');
		expect(defaultRegistryFile({ N8N_USER_FOLDER: '' }, '/home/node')).toBe('/home/node/.n8n/tencent-faceid/card-verifications.sqlite');
	});
});

describe('the embedded store', () => {
	test('a blank queue is the default queue; the name is trimmed', async () => {
		const file = join(folder, 'queues.sqlite');
		expect(DEFAULT_QUEUE).toBe('default');
		const blank = await openRegistry({ store: 'embedded', file, queue: '   ' });
		const padded = await openRegistry({ store: 'embedded', file, queue: ' crm ' });
		expect(blank.queue).toBe('default');
		expect(padded.queue).toBe('crm');
		await blank.register(verification('in-default'));
		expect(await padded.get('in-default')).toBeUndefined();
		const again = await openRegistry({ store: 'embedded', file, queue: '' });
		expect(await again.get('in-default')).toMatchObject({ state: 'pending' });
	});

	test('handles on one file share the connection: closing one leaves the others working', async () => {
		const file = join(folder, 'shared.sqlite');
		const first = await openRegistry({ store: 'embedded', file, queue: 'q' });
		// The same file by a relative path is the same connection.
		const second = await openRegistry({ store: 'embedded', file: relative(process.cwd(), file), queue: 'q' });
		await first.register(verification('tok'));
		await first.close();
		await first.close();
		expect(await second.get('tok')).toMatchObject({ state: 'pending' });
	});

	test('the connection closes a while after its last user let go, not before', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const file = join(folder, 'idle.sqlite');
		const kept = await openRegistry({ store: 'embedded', file, queue: 'q' });
		await kept.register(verification('tok'));
		await kept.close();
		jest.advanceTimersByTime(29_000);
		await new Promise((resolve) => setImmediate(resolve));
		// Still open: a handle released early can still read (the next user reuses it).
		expect(await kept.get('tok')).toMatchObject({ state: 'pending' });
		const reused = await openRegistry({ store: 'embedded', file, queue: 'q' });
		await reused.close();
		jest.advanceTimersByTime(29_000);
		await new Promise((resolve) => setImmediate(resolve));
		expect(await kept.get('tok')).toBeDefined();
		jest.advanceTimersByTime(1_000);
		await new Promise((resolve) => setImmediate(resolve));
		await expect(kept.get('tok')).rejects.toThrow();
		// The next open gets a new connection to the same file.
		const reopened = await openRegistry({ store: 'embedded', file, queue: 'q' });
		expect(await reopened.get('tok')).toMatchObject({ state: 'pending' });
	});

	test('closeAllRegistries closes every connection at once, even one still in use', async () => {
		const registry = await openRegistry({ store: 'embedded', file: join(folder, 'all.sqlite'), queue: 'q' });
		await registry.register(verification('tok'));
		await closeAllRegistries();
		await expect(registry.get('tok')).rejects.toThrow();
	});

	test('a file that cannot be created is an error, not remembered: the next open tries again', async () => {
		// A plain file where the registry's folder should be.
		const blocker = join(folder, 'not-a-folder');
		writeFileSync(blocker, '');
		const file = join(blocker, 'registry.sqlite');
		await expect(openRegistry({ store: 'embedded', file, queue: 'q' })).rejects.toThrow();
		rmSync(blocker);
		const registry = await openRegistry({ store: 'embedded', file, queue: 'q' });
		expect(await registry.register(verification('tok'))).toBe(true);
	});
});

describe('the Redis store', () => {
	let redis: RedisServer;
	beforeAll(async () => {
		redis = await startRedisServer();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	async function connectionCount(): Promise<number> {
		const raw = await connectRedis({ host: redis.host, port: redis.port });
		try {
			const list = (await raw.client('LIST')) as string;
			// Not counting the connection that asks, nor connections on their way out.
			return list
				.trim()
				.split('\n')
				.filter((line) => !/ cmd=(client\|list|quit) /.test(` ${line} `)).length;
		} finally {
			await raw.quit();
		}
	}

	test("a blank key prefix is the package's; queues of one server share one connection", async () => {
		expect(DEFAULT_REDIS_KEY_PREFIX).toBe('n8n-faceid:');
		const connection = { host: redis.host, port: redis.port };
		const before = await connectionCount();
		const a = await openRegistry({ store: 'redis', connection, keyPrefix: '', queue: 'a' });
		const b = await openRegistry({ store: 'redis', connection, keyPrefix: '', queue: ' ' });
		expect(b.queue).toBe(DEFAULT_QUEUE);
		await a.register(verification('tok-a'));
		await b.register(verification('tok-b'));
		expect(await connectionCount()).toBe(before + 1);

		const raw = await connectRedis(connection);
		try {
			expect((await raw.keys('n8n-faceid:*')).sort()).toEqual([
				'n8n-faceid:{a}:pending',
				'n8n-faceid:{a}:r:tok-a',
				'n8n-faceid:{default}:pending',
				'n8n-faceid:{default}:r:tok-b',
			]);
		} finally {
			await raw.quit();
		}
		await closeAllRegistries();
		// The server drops the connection a moment after QUIT.
		for (let attempt = 0; attempt < 50 && (await connectionCount()) !== before; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await connectionCount()).toBe(before);
	});

	test('another database of the same server is another connection, with its own entries', async () => {
		const zero = await openRegistry({ store: 'redis', connection: { host: redis.host, port: redis.port }, keyPrefix: 'db-test:', queue: 'q' });
		const one = await openRegistry({ store: 'redis', connection: { host: redis.host, port: redis.port, database: 1 }, keyPrefix: 'db-test:', queue: 'q' });
		await zero.register(verification('tok'));
		expect(await one.get('tok')).toBeUndefined();
		expect(await zero.get('tok')).toMatchObject({ state: 'pending' });
	});
});
