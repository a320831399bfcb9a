/**
 * One rate limit per account across processes: two n8n processes in queue mode (a main instance
 * and a worker, or two workers) on one Redis pace one SecretId together, so together they never
 * exceed its rate and are never throttled; without the shared Redis, each paces alone and together
 * they are refused. Each process runs the FaceID node in n8n's engine against one sandbox, in a
 * process of its own, which counts every request on its clock in sliding one-second windows.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { startRedisServer, type RedisServer } from '../support/redisServer';
import { startSeparateSandbox } from '../support/separateSandbox';

const ROOT = join(__dirname, '..', '..');
const LIMIT = 40;
const ITEMS = 60;

let redis: RedisServer;

beforeAll(async () => {
	redis = await startRedisServer();
});

afterAll(async () => {
	await redis?.stop();
});

function runProcess(sandboxUrl: string, env: NodeJS.ProcessEnv, startAt: number): Promise<string[]> {
	const job = { sandboxUrl, items: ITEMS, maxRequestsPerSecond: LIMIT, concurrency: 20, startAt };
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'processes', 'faceIdProcess.ts'), JSON.stringify(job)], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code) => {
			if (code !== 0) return reject(new Error(`the n8n process exited with ${code}:\n${stderr}`));
			resolve((JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { results: string[] }).results);
		});
	});
}

async function twoProcessesAtOnce(env: NodeJS.ProcessEnv) {
	const sandbox = await startSeparateSandbox({ rateLimits: { IdCardVerification: LIMIT } });
	try {
		// Both load n8n first (a few seconds), then start together.
		const startAt = Date.now() + 12_000;
		const results = await Promise.all([runProcess(sandbox.url, env, startAt), runProcess(sandbox.url, env, startAt)]);
		// Each process's warm-up item came seconds before the start.
		const [all, measured] = [await sandbox.stats(), await sandbox.stats(startAt)];
		return {
			results: results.flat(),
			throttled: measured.throttled,
			busiest: measured.busiestSecond,
			requests: measured.requests,
			warmUps: all.requests - measured.requests,
		};
	} finally {
		await sandbox.close();
	}
}

test("two n8n processes in queue mode on one Redis pace one SecretId together: never above its rate, never throttled, every item answered", async () => {
	const { results, throttled, busiest, requests, warmUps } = await twoProcessesAtOnce({
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	});
	expect(requests).toBe(2 * ITEMS);
	expect(warmUps).toBe(2);
	expect(throttled).toBe(0);
	expect(busiest).toBeLessThanOrEqual(LIMIT);
	expect(results.filter((result) => result.startsWith('error'))).toEqual([]);
}, 90_000);

test('the same two processes without queue mode pace alone (so the test above measures the sharing): together they exceed the rate and are refused', async () => {
	const { throttled, busiest } = await twoProcessesAtOnce({ EXECUTIONS_MODE: 'regular' });
	expect(busiest).toBeGreaterThan(LIMIT);
	expect(throttled).toBeGreaterThan(0);
}, 90_000);
