/**
 * The deployment's pacing: keys that name no SecretId, n8n's queue Redis in queue mode, and the
 * fallback to this process's pacing, with one log line each way, while that Redis cannot be reached.
 */
import { accountLimits, deploymentPacing, RedisPacingWithFallback, type PacingLog } from '../../../../lib/tencent/rateLimit/accountPacing';
import { ProcessPacingStore } from '../../../../lib/tencent/rateLimit/pacer';
import type { RedisScripting } from '../../../../lib/tencent/rateLimit/redisStore';
import { rateLimitRule } from '../../../../lib/tencent/rateLimit/rule';

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';

function recordingLog(): PacingLog & { lines: string[] } {
	const lines: string[] = [];
	return { lines, warn: (message) => lines.push(`warn: ${message}`), info: (message) => lines.push(`info: ${message}`) };
}

/** A stand-in for a Redis connection whose scripts answer `answer`, or throw while `down`. */
function fakeRedis(state: { down: boolean; calls: number }, answer = 7): RedisScripting {
	const client: Record<string, unknown> = {
		defineCommand(name: string) {
			client[name] = async () => {
				state.calls++;
				if (state.down) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
				return answer;
			};
		},
	};
	return client as unknown as RedisScripting;
}

describe('accountLimits', () => {
	test('one limit per distinct rate, keyed by a hash of the SecretId (never the SecretId) and the action, in one hash tag', () => {
		const limits = accountLimits(SECRET_ID, 'IdCardVerification', [30, 100, 100]);
		expect(limits.map((limit) => limit.rule.perSecond)).toEqual([30, 100]);
		const [user, account] = limits.map((limit) => limit.key);
		expect(user).toMatch(/^\{[0-9a-f]{16}:IdCardVerification\}:30$/);
		expect(account.startsWith(user.slice(0, user.indexOf('}') + 1))).toBe(true);
		expect(JSON.stringify(limits)).not.toContain(SECRET_ID);
		expect(accountLimits('AKIDother', 'IdCardVerification', [100])[0].key).not.toBe(account);
	});
});

describe('RedisPacingWithFallback', () => {
	const limits = accountLimits(SECRET_ID, 'IdCardVerification', [100]);
	const connection = { host: 'redis.internal', port: 6380, password: 'redis-password-secret' };
	const PACING_INFO = "info: FaceID: pacing requests per account through n8n's Redis at redis.internal:6380, shared by the main instance and all workers";

	test('while Redis cannot be reached, paces in this process, says so once (address, never the password), and tries Redis again after 10 s', async () => {
		let now = 0;
		const log = recordingLog();
		let attempts = 0;
		const local = new ProcessPacingStore(() => now);
		const connect = async (): Promise<RedisScripting> => {
			attempts++;
			throw new Error('connect ECONNREFUSED');
		};
		const store = new RedisPacingWithFallback({ connection, keyPrefix: 'p:', log, now: () => now, connect }, local);
		expect(await store.reserve(limits)).toBe(0);
		expect(await store.tryStart(limits)).toBe(0);
		// The local store paces: the next request waits its interval.
		expect(await store.reserve(limits)).toBeCloseTo(10.5, 5);
		expect(attempts).toBe(1);
		expect(log.lines).toHaveLength(2);
		expect(log.lines[0]).toBe(PACING_INFO);
		expect(log.lines[1]).toContain('warn: FaceID: the Redis that shares the rate limit (redis.internal:6380) cannot be reached (connect ECONNREFUSED)');
		expect(log.lines[1]).toContain('each n8n process paces its FaceID requests on its own');
		expect(log.lines.join('\n')).not.toContain('redis-password-secret');
		now = 10_001;
		await store.reserve(limits);
		expect(attempts).toBe(2);
		expect(log.lines).toHaveLength(2);
	});

	test('a Redis that stops answering mid-run: this process paces, one warning, no Redis call for 10 s; then one probe, and when it answers one info line and Redis decides again', async () => {
		let now = 0;
		const log = recordingLog();
		const redis = { down: false, calls: 0 };
		const store = new RedisPacingWithFallback(
			{ connection, keyPrefix: 'p:', log, now: () => now, connect: async () => fakeRedis(redis) },
			new ProcessPacingStore(() => now),
		);
		expect(await store.reserve(limits)).toBe(7);
		redis.down = true;
		expect(await store.reserve(limits)).toBe(0);
		expect(await store.tryStart(limits)).toBe(0);
		expect(redis.calls).toBe(2);
		expect(log.lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
		redis.down = false;
		now = 5_000;
		expect(await store.tryStart(limits)).toBe(0);
		expect(redis.calls).toBe(2);
		now = 10_001;
		expect(await store.tryStart(limits)).toBe(7);
		expect(log.lines).toEqual([PACING_INFO, expect.stringMatching(/^warn: /), 'info: FaceID: the Redis that shares the rate limit (redis.internal:6380) is reachable again; pacing through it']);
	});

	test('a Redis that accepts commands but never answers: the step gives up after its timeout and paces here, and the next ones do not wait on Redis', async () => {
		const log = recordingLog();
		const silent: Record<string, unknown> = {
			defineCommand(name: string) {
				silent[name] = () => new Promise(() => {});
			},
		};
		const store = new RedisPacingWithFallback(
			{ connection, keyPrefix: 'p:', log, connect: async () => silent as unknown as RedisScripting, stepTimeoutMs: 50 },
			new ProcessPacingStore(Date.now),
		);
		const started = Date.now();
		expect(await store.reserve(limits)).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		expect(log.lines[1]).toContain('cannot be reached (no answer within 50 ms)');
		const again = Date.now();
		await store.tryStart(limits);
		expect(Date.now() - again).toBeLessThan(20);
	});
});

describe('deploymentPacing', () => {
	test('one n8n process (not queue mode): one store for every caller of the process', () => {
		const log = recordingLog();
		expect(deploymentPacing({}, log)).toBe(deploymentPacing({ EXECUTIONS_MODE: 'regular' }, log));
		expect(deploymentPacing({}, log)).toBeInstanceOf(ProcessPacingStore);
		expect(log.lines).toEqual([]);
	});

	test("queue mode: n8n's queue Redis, one store per Redis, and one line saying so", () => {
		const log = recordingLog();
		const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis.internal', QUEUE_BULL_REDIS_PORT: '6390' };
		const store = deploymentPacing(env, log);
		expect(store).toBeInstanceOf(RedisPacingWithFallback);
		expect(deploymentPacing({ ...env }, log)).toBe(store);
		expect(deploymentPacing({ ...env, QUEUE_BULL_REDIS_PORT: '6391' }, log)).not.toBe(store);
		expect(log.lines.filter((line) => line.includes('redis.internal:6390'))).toHaveLength(1);
	});

	test('a process started as `n8n worker` is in queue mode without EXECUTIONS_MODE, as n8n runs it', () => {
		const log = recordingLog();
		const env = { QUEUE_BULL_REDIS_HOST: 'redis.worker', QUEUE_BULL_REDIS_PORT: '6392' };
		expect(deploymentPacing(env, log, ['/usr/bin/node', '/usr/bin/n8n', 'worker'])).toBeInstanceOf(RedisPacingWithFallback);
		expect(deploymentPacing(env, log, ['/usr/bin/node', '/usr/bin/n8n', 'start'])).toBeInstanceOf(ProcessPacingStore);
	});

	test('queue mode on a Redis cluster: this process paces alone, and says so once', () => {
		const log = recordingLog();
		const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:6379,b:6379' };
		expect(deploymentPacing(env, log)).toBeInstanceOf(ProcessPacingStore);
		deploymentPacing(env, log);
		expect(log.lines).toEqual([expect.stringContaining('warn: FaceID: n8n runs on a Redis cluster (QUEUE_BULL_REDIS_CLUSTER_NODES)')]);
	});

	test('a rule per limit, as the pacer uses it', () => {
		expect(accountLimits(SECRET_ID, 'ImageRecognitionV2', [20])[0].rule).toEqual(rateLimitRule(20));
	});
});
