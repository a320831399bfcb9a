/**
 * The Redis registry against a real redis-server: the registry contract, and what only the Redis
 * store promises: one hash tag per queue (so a queue lives in one cluster slot), key prefixes that
 * keep two installations apart, and a connection error that names the server.
 */
import { connectRedis, RedisRegistry } from '../../../../../lib/tencent/pendingVerifications/registry/redisStore';
import type { VerificationRegistry } from '../../../../../lib/tencent/pendingVerifications/registry/types';
import { freePort, startRedisServer, type RedisServer } from '../../../../support/redisServer';
import { describeRegistryContract, T0, verification } from './support/registryContract';

let redis: RedisServer;
const opened: VerificationRegistry[] = [];
const clients: Array<Awaited<ReturnType<typeof connectRedis>>> = [];

beforeAll(async () => {
	redis = await startRedisServer();
});

afterAll(async () => {
	for (const registry of opened) await registry.close();
	for (const client of clients) await client.quit().catch(() => client.disconnect());
	await redis?.stop();
});

async function openRedis(queue: string, keyPrefix = 'test-faceid:'): Promise<RedisRegistry> {
	const client = await connectRedis({ host: redis.host, port: redis.port });
	const registry = new RedisRegistry(client, queue, keyPrefix, async () => {
		await client.quit();
	});
	opened.push(registry);
	return registry;
}

describe('the registry contract', () => {
	describeRegistryContract(async (queue) => openRedis(queue));
});

test("a queue's keys all carry the prefix and the queue as hash tag", async () => {
	const registry = await openRedis('tagged', 'tag-test:');
	await registry.register(verification('tok-a'));
	await registry.reserve({ key: 'apply:1', generation: 'faceid', region: 'ap-jakarta', reference: '', createdAt: T0, until: T0 + 1000 });
	const raw = await connectRedis({ host: redis.host, port: redis.port });
	clients.push(raw);
	const keys = (await raw.keys('tag-test:*')).sort();
	expect(keys).toEqual(['tag-test:{tagged}:pending', 'tag-test:{tagged}:r:apply:1', 'tag-test:{tagged}:r:tok-a', 'tag-test:{tagged}:reserved']);
	expect(await raw.hget('tag-test:{tagged}:r:tok-a', 'reference')).toBe('CRM-tok-a');
});

test('two key prefixes on one server are two registries', async () => {
	const one = await openRedis('shared', 'install-1:');
	const two = await openRedis('shared', 'install-2:');
	await one.register(verification('tok'));
	expect(await two.get('tok')).toBeUndefined();
	expect((await two.stats()).pending).toBe(0);
	expect((await one.stats()).pending).toBe(1);
});

test('an unreachable server is reported with its address, at once', async () => {
	const port = await freePort();
	const started = Date.now();
	await expect(connectRedis({ host: '127.0.0.1', port })).rejects.toThrow(`Could not connect to the registry's Redis at 127.0.0.1:${port}`);
	expect(Date.now() - started).toBeLessThan(5000);
});
