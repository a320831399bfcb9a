/**
 * The Redis pacing store against a real redis-server: two connections (as two n8n processes
 * would hold) pacing one limit together never exceed it in any window, and what it keeps in Redis
 * expires once idle.
 */
import type { Redis } from 'ioredis';

import { pace, type KeyedLimit } from '../../../../lib/tencent/rateLimit/pacer';
import { RedisPacingStore } from '../../../../lib/tencent/rateLimit/redisStore';
import { mostInAnySpan } from '../../../../sandbox/rateLimiter';
import { rateLimitRule, sustainedRate } from '../../../../lib/tencent/rateLimit/rule';
import { openRedis } from '../../../../lib/tencent/redis';
import { startRedisServer, type RedisServer } from '../../../support/redisServer';

let redis: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
	redis = await startRedisServer();
});

afterAll(async () => {
	for (const client of clients) client.disconnect();
	await redis?.stop();
});

async function connection(): Promise<Redis> {
	const client = await openRedis({ host: redis.host, port: redis.port }, { purpose: 'test Redis', connectTimeoutMs: 2000, commandTimeoutMs: 2000, queueWhileDisconnected: false });
	clients.push(client);
	return client;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `callers` callers on `store` start `count` requests; their start times by the test's clock. */
async function startsOf(store: RedisPacingStore, limits: KeyedLimit[], count: number, callers: number): Promise<number[]> {
	const starts: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: callers }, async () => {
			while (next < count) {
				next++;
				await pace(store, limits, sleep);
				starts.push(Date.now());
			}
		}),
	);
	return starts;
}

test('two connections pacing one limit of 40/s, 10 callers each: together never more than 40 in any second, at ≥ 90% of the rule', async () => {
	const limits = [{ key: '{acct:IdCardVerification}:40', rule: rateLimitRule(40) }];
	const [first, second] = [new RedisPacingStore(await connection(), 'pace-test:'), new RedisPacingStore(await connection(), 'pace-test:')];
	const [a, b] = await Promise.all([startsOf(first, limits, 60, 10), startsOf(second, limits, 60, 10)]);
	const all = [...a, ...b];
	// Measured on this process's clock after each start, a few ms after Redis recorded it.
	expect(mostInAnySpan(all, 1000)).toBeLessThanOrEqual(40);
	const sorted = all.sort((x, y) => x - y);
	const rate = (sorted.length - 1) / ((sorted.at(-1)! - sorted[0]) / 1000);
	expect(rate).toBeGreaterThanOrEqual(0.9 * sustainedRate(limits[0].rule));
	// They paced together: the 120 took as long as 120 at the rule's rate, and ran side by side.
	expect((sorted.at(-1)! - sorted[0]) / 1000).toBeGreaterThanOrEqual(0.95 * (119 / sustainedRate(limits[0].rule)));
	expect(Math.min(Math.max(...a), Math.max(...b))).toBeGreaterThan(Math.max(Math.min(...a), Math.min(...b)));
});

test("two limits at once (a user's 10/s inside the account's 40/s) on one script call: the lower one holds", async () => {
	const store = new RedisPacingStore(await connection(), 'pace-test:');
	const limits = [
		{ key: '{acct2:IdCardVerification}:10', rule: rateLimitRule(10) },
		{ key: '{acct2:IdCardVerification}:40', rule: rateLimitRule(40) },
	];
	const starts = await startsOf(store, limits, 15, 5);
	expect(mostInAnySpan(starts, 1000)).toBeLessThanOrEqual(10);
});

test('the keys carry the prefix and expire once idle', async () => {
	const client = await connection();
	const store = new RedisPacingStore(client, 'pace-ttl:');
	await pace(store, [{ key: '{acct3:X}:100', rule: rateLimitRule(100) }], sleep);
	const keys = (await client.keys('pace-ttl:*')).sort();
	expect(keys).toEqual(['pace-ttl:rate:{acct3:X}:100:next', 'pace-ttl:rate:{acct3:X}:100:starts']);
	for (const key of keys) {
		const ttl = await client.pttl(key);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(2 * 1050 + 20);
	}
});
