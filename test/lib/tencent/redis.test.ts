/**
 * One way to connect to Redis: a failure names the purpose and the address (never the password),
 * and a connection that loses its server never prints ioredis's "Unhandled error event".
 */
import { openRedis } from '../../../lib/tencent/redis';
import { freePort, startRedisServer } from '../../support/redisServer';

const TUNING = { purpose: 'the test Redis', connectTimeoutMs: 1000, commandTimeoutMs: 500, queueWhileDisconnected: false };

test('an unreachable Redis: the error names the purpose and the address, not the password', async () => {
	const port = await freePort();
	const opening = openRedis({ host: '127.0.0.1', port, password: 'redis-password-secret' }, TUNING);
	await expect(opening).rejects.toThrow(`Could not connect to the test Redis at 127.0.0.1:${port}`);
	await expect(opening).rejects.not.toThrow('redis-password-secret');
});

test("a server that goes away: commands fail at once (no queueing), and nothing is printed as an unhandled error", async () => {
	const printed = jest.spyOn(console, 'error').mockImplementation(() => {});
	const redis = await startRedisServer();
	const client = await openRedis({ host: redis.host, port: redis.port }, TUNING);
	try {
		expect(await client.ping()).toBe('PONG');
		await redis.stop();
		await new Promise((resolve) => setTimeout(resolve, 600));
		const started = Date.now();
		await expect(client.ping()).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(400);
		expect(printed.mock.calls.flat().join(' ')).not.toContain('Unhandled error event');
	} finally {
		client.disconnect();
		printed.mockRestore();
	}
});
