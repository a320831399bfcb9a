/**
 * The hand-off under stress, for each store: 4 worker processes register 250 tokens each (the
 * FaceID node's Apply through n8n's engine) while a trigger process polls (the FaceID Trigger
 * through n8n-core's PollTriggerExecutor). Midway the trigger process is SIGKILLed and started
 * again. At the end every one of the 1,000 results was emitted; the only repeats are results the
 * killed process emitted but had not committed, re-emitted by the new process with emission 2;
 * de-duplicating by token gives exactly the 1,000 tokens that were registered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeAllRegistries, openRegistry, type RegistryConfig } from '../../lib/tencent/pendingVerifications/registry';
import { cardVerificationActions } from '../../sandbox/actions/cardVerificationActions';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { scenarioFor, type ProcessConfig } from './processes/config';
import { startRedisServer, type RedisServer } from '../support/redisServer';

const WORKERS = 4;
const PER_WORKER = 250;
const TOTAL = WORKERS * PER_WORKER;
const KILL_AFTER_EMITTED = 100;
const LEASE_SECONDS = 2;
const COMMIT_DELAY_SECONDS = 0.3;
const DEADLINE_MS = 150_000;

jest.setTimeout(DEADLINE_MS + 60_000);

interface Emission {
	pid: number;
	token: string;
	reference: string;
	emission: number;
	output: string;
	code: string;
}

let sandbox: Sandbox;
let redis: RedisServer;
let folder: string;

beforeAll(async () => {
	const desk = cardVerificationActions({ processingPolls: 1, pollingWaitTime: 1, maxPollingTimes: 20 });
	sandbox = await startSandbox({
		actions: desk.actions,
		rateLimits: { ApplyCardVerification: Infinity, GetCardVerificationResult: Infinity },
	});
	redis = await startRedisServer();
	folder = mkdtempSync(join(tmpdir(), 'faceid-kill-'));
});
afterAll(async () => {
	await sandbox?.close();
	await redis?.stop();
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Child {
	process: ChildProcess;
	pid: number | undefined;
	done: Promise<number | null>;
	errors: string[];
}

function startProcess(script: string, config: object): Child {
	const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'processes', script), JSON.stringify(config)], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const errors: string[] = [];
	child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
	const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { process: child, pid: child.pid, done, errors };
}

function readEmissions(file: string): Emission[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Emission);
}

describe.each(['embedded', 'redis'] as const)('registry: %s', (store) => {
	test(`${WORKERS} processes register ${PER_WORKER} tokens each while the trigger polls; the trigger is killed midway and restarted; all ${TOTAL} results are emitted, none lost`, async () => {
		const config: ProcessConfig = {
			sandboxUrl: sandbox.url,
			store,
			registryFile: join(folder, `${store}.sqlite`),
			redis: store === 'redis' ? { host: redis.host, port: redis.port } : undefined,
			redisKeyPrefix: `kill-test-${Date.now()}:`,
			channel: 'kill-restart',
		};
		const out = join(folder, `${store}-emitted.jsonl`);
		const triggerConfig = { ...config, out, tickMs: 150, leaseSeconds: LEASE_SECONDS, commitDelaySeconds: COMMIT_DELAY_SECONDS };
		const started = Date.now();

		let trigger = startProcess('triggerProcess.ts', triggerConfig);
		const firstPid = trigger.pid;
		const workers = Array.from({ length: WORKERS }, (_, w) =>
			startProcess('applyProcess.ts', { ...config, prefix: `W${w}`, count: PER_WORKER, batches: 5, pauseMs: 1500, out: join(folder, `${store}-worker-${w}.json`) }),
		);
		let workersDone = 0;
		for (const worker of workers) void worker.done.then(() => workersDone++);

		// Midway: once enough results have come out, kill the trigger without warning, and start it again.
		while (readEmissions(out).length < KILL_AFTER_EMITTED) {
			if (Date.now() - started > DEADLINE_MS) throw new Error(`no ${KILL_AFTER_EMITTED} emissions in time:\n${trigger.errors.join('')}`);
			if (trigger.process.exitCode !== null) throw new Error(`the trigger process died: ${trigger.errors.join('')}`);
			await sleep(20);
		}
		trigger.process.kill('SIGKILL');
		await trigger.done;
		const emittedAtKill = readEmissions(out).length;
		const workersDoneAtKill = workersDone;
		trigger = startProcess('triggerProcess.ts', triggerConfig);
		const secondPid = trigger.pid;

		const workerCodes = await Promise.all(workers.map((worker) => worker.done));
		expect({ codes: workerCodes, errors: workers.flatMap((worker) => worker.errors).join('') }).toEqual({
			codes: Array(WORKERS).fill(0),
			errors: '',
		});
		const registered = workers.flatMap((_, w) => JSON.parse(readFileSync(join(folder, `${store}-worker-${w}.json`), 'utf8')) as Array<{ token: string; reference: string; delivery: string }>);
		expect(registered).toHaveLength(TOTAL);
		expect(registered.every((entry) => entry.delivery.startsWith('handed off to the FaceID Trigger'))).toBe(true);

		while (new Set(readEmissions(out).map((emission) => emission.token)).size < TOTAL && Date.now() - started < DEADLINE_MS) {
			if (trigger.process.exitCode !== null) throw new Error(`the restarted trigger process died: ${trigger.errors.join('')}`);
			await sleep(100);
		}
		// A little longer: anything still to come (a late repeat) would show up now.
		await sleep((LEASE_SECONDS + 1) * 1000);
		trigger.process.kill('SIGTERM');
		expect(await trigger.done).toBe(0);

		const emissions = readEmissions(out);
		const byToken = new Map<string, Emission[]>();
		for (const emission of emissions) byToken.set(emission.token, [...(byToken.get(emission.token) ?? []), emission]);
		const repeats = [...byToken.values()].filter((list) => list.length > 1);
		const counts = {
			store,
			registered: registered.length,
			emitted: emissions.length,
			uniqueTokens: byToken.size,
			repeatedTokens: repeats.length,
			byFirstProcess: emissions.filter((emission) => emission.pid === firstPid).length,
			byRestartedProcess: emissions.filter((emission) => emission.pid === secondPid).length,
			emittedWhenKilled: emittedAtKill,
			workersFinishedWhenKilled: `${workersDoneAtKill}/${WORKERS}`,
			seconds: Math.round((Date.now() - started) / 100) / 10,
		};
		console.log(`kill/restart counts: ${JSON.stringify(counts)}`);

		// Every registered token was emitted, and nothing else.
		expect(new Set(byToken.keys())).toEqual(new Set(registered.map((entry) => entry.token)));
		expect(byToken.size).toBe(TOTAL);
		// Each result is the registered one, routed by its document's status, with its Reference.
		const referenceOf = new Map(registered.map((entry) => [entry.token, entry.reference]));
		for (const [token, list] of byToken) {
			const expectedStatus = scenarioFor(Number(String(referenceOf.get(token)).split('-')[1]));
			const expectedOutput = { PASSED: 'passed', REJECTED: 'failed', WARNING: 'review' }[expectedStatus];
			for (const emission of list) {
				expect(emission).toMatchObject({ reference: referenceOf.get(token), code: expectedStatus, output: expectedOutput });
			}
		}
		// The only repeats: emitted by the killed process, not committed, emitted again by the new one as emission 2.
		for (const list of repeats) {
			expect(list).toHaveLength(2);
			expect(list[0]).toMatchObject({ pid: firstPid, emission: 1 });
			expect(list[1]).toMatchObject({ pid: secondPid, emission: 2 });
		}
		// Apart from those, every result came out exactly once, as a first emission.
		expect(emissions.filter((emission) => emission.emission !== 1)).toHaveLength(repeats.length);

		const registryConfig: RegistryConfig =
			store === 'embedded'
				? { store, file: config.registryFile!, queue: config.channel }
				: { store, connection: { host: redis.host, port: redis.port }, keyPrefix: config.redisKeyPrefix!, queue: config.channel };
		const registry = await openRegistry(registryConfig);
		const stats = await registry.stats();
		await registry.close();
		expect(stats).toEqual({ reserved: 0, pending: 0, polling: 0, finished: 0, emitting: 0, done: TOTAL });
	});
});
