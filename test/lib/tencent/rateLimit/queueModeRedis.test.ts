import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { queueModeRedis } from '../../../../lib/tencent/rateLimit/queueModeRedis';

describe("queueModeRedis: n8n's queue Redis, from the variables n8n itself reads", () => {
	test('not in queue mode: none', () => {
		expect(queueModeRedis({})).toEqual({ kind: 'none' });
		expect(queueModeRedis({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'redis' })).toEqual({ kind: 'none' });
	});

	test("queue mode with n8n's defaults: localhost:6379, database 0, no TLS", () => {
		expect(queueModeRedis({ EXECUTIONS_MODE: 'queue' })).toEqual({
			kind: 'redis',
			connection: { host: 'localhost', port: 6379, database: 0, user: undefined, password: undefined, tls: false },
		});
	});

	test('every setting, the password from its _FILE (a Docker secret)', () => {
		const folder = mkdtempSync(join(tmpdir(), 'faceid-env-'));
		try {
			writeFileSync(join(folder, 'password'), 's3cret\n');
			expect(
				queueModeRedis({
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: 'redis.internal',
					QUEUE_BULL_REDIS_PORT: '6380',
					QUEUE_BULL_REDIS_DB: '2',
					QUEUE_BULL_REDIS_USERNAME: 'n8n',
					QUEUE_BULL_REDIS_PASSWORD_FILE: join(folder, 'password'),
					QUEUE_BULL_REDIS_TLS: 'true',
				}),
			).toEqual({ kind: 'redis', connection: { host: 'redis.internal', port: 6380, database: 2, user: 'n8n', password: 's3cret', tls: true } });
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('a process started as `n8n worker` is in queue mode whatever EXECUTIONS_MODE says', () => {
		expect(queueModeRedis({}, ['/usr/bin/node', '/usr/bin/n8n', 'worker'])).toMatchObject({ kind: 'redis', connection: { host: 'localhost' } });
		expect(queueModeRedis({}, ['/usr/bin/node', '/usr/bin/n8n', 'start'])).toEqual({ kind: 'none' });
	});

	test('a Redis cluster is named as unsupported', () => {
		const result = queueModeRedis({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:6379' });
		expect(result).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('QUEUE_BULL_REDIS_CLUSTER_NODES') });
	});
});
