/**
 * n8n in queue mode, as a scaled deployment runs it: Redis (Debian's redis-server), one main
 * instance (editor, activated triggers) and two workers. The examples are started the way the
 * editor's Execute button starts them, and with manual executions offloaded they run on a worker;
 * each is checked like in regular mode, plus which worker ran it.
 */
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';

import { N8nInstance, freePort } from '../n8n/instance';
import { startService, waitFor, type Service } from '../n8n/processes';
import { N8nRest, type RunExecutionData } from '../n8n/rest';
import { freshUserFolder, importCredentials, importWorkflows, sandboxCredential, type ExampleWorkflow } from '../n8n/userFolder';
import { checkExample, startOf, type E2eContext } from './context';
import { needsActiveReturnTrigger, visitLinks } from './customers';
import { REDIS_SERVER } from './system';
import { checkTriggerWorkflows, publishTriggerWorkflows } from './trigger';

const WORKERS = 2;
const REGISTRY_CREDENTIAL = { id: 'faceidRegistry01', name: 'FaceID registry (Redis)' };
const EXECUTION_TIMEOUT_MS = 120_000;

export async function runQueueMode(ctx: E2eContext): Promise<void> {
	const { report } = ctx;
	report.section(`n8n ${ctx.release.version} · Queue mode: Redis, one main instance and ${WORKERS} workers`);
	report.ranMode('queue');
	const folder = path.join(ctx.workDir, 'queue');
	const logs = path.join(folder, 'logs');
	const redisPort = await freePort();
	const instance = new N8nInstance({
		userFolder: folder,
		port: await freePort(),
		encryptionKey: 'e2e-queue-mode-key',
		release: ctx.release,
		extra: {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// The editor's Execute runs on a worker, as n8n will do by default in a later version.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		},
	});
	await freshUserFolder(instance, ctx.tarball);
	const registryCredential = {
		...REGISTRY_CREDENTIAL,
		type: 'faceIdRegistryRedis',
		data: { host: '127.0.0.1', port: redisPort, database: 0, user: '', password: '', ssl: false },
	};
	await importCredentials(instance, [sandboxCredential(ctx.sandbox.url), registryCredential], folder);
	const examples = ctx.examples.map(withRedisRegistry);
	for (const example of examples.filter((candidate) => candidate.redisNodes.length)) {
		report.line(`${example.file}: Pending Registry → Redis on ${example.redisNodes.join(', ')} (the embedded file is one machine's)`);
	}
	await importWorkflows(instance, examples, folder);
	const triggers = await publishTriggerWorkflows(instance, ctx);

	const services: Service[] = [];
	try {
		const redis = startService(
			'redis-server',
			REDIS_SERVER,
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ logFile: path.join(logs, 'redis.log') },
		);
		services.push(redis);
		await waitFor(`redis on port ${redisPort}`, () => redisPing(redisPort), { timeoutMs: 30_000, service: redis });

		const main = await instance.start('start', 'n8n main', path.join(logs, 'main.log'));
		services.push(main);
		await instance.waitUntilReady(main);
		const workers: Service[] = [];
		for (let index = 1; index <= WORKERS; index++) {
			const worker = await instance.start('worker', `n8n worker ${index}`, path.join(logs, `worker-${index}.log`));
			services.push(worker);
			workers.push(worker);
		}
		for (const worker of workers) {
			await waitFor(`${worker.name} to be ready`, async () => (readLog(worker).includes('n8n worker is now ready') ? true : undefined), {
				timeoutMs: 180_000,
				intervalMs: 1000,
				service: worker,
			});
		}
		report.line(`redis 127.0.0.1:${redisPort}, main ${instance.url}, ${WORKERS} workers ready`);

		const rest = new N8nRest(instance.url, ctx.release);
		await rest.signIn();
		for (const example of examples) {
			const start = startOf(example);
			if (start?.kind !== 'manual') continue;
			let executionId: string | undefined;
			let linkData: RunExecutionData | undefined;
			await checkExample(ctx, example, 'queue', async () => {
				executionId = await rest.runManually(example.id, start.node.name);
				const data = await rest.finished(executionId, EXECUTION_TIMEOUT_MS);
				linkData = needsActiveReturnTrigger(example) ? data : undefined;
				return { data, how: `editor Execute → execution ${executionId} ran on ${ranOn(executionId, workers)}` };
			});
			if (executionId) {
				const ran = workersThatRan(executionId, workers);
				const problems = ran.length === 1 ? [] : [`execution ${executionId} was started by ${ran.length} workers`];
				report.check(`queue: ${example.file} — ran on exactly one worker`, problems, 2);
			}
			if (linkData) await visitLinks(ctx, example, linkData, { mode: 'queue', n8nUrl: instance.url });
		}
		await checkTriggerWorkflows(ctx, {
			rest,
			triggers,
			mode: 'queue',
			// The triggers run on the main instance (the polls, and the webhooks: there is no webhook process), which enqueues what they start.
			placement: (executionIds) => {
				const problems: string[] = [];
				const places = executionIds.map((id) => {
					const enqueued = new RegExp(`Enqueued execution ${id} \\(`).test(readLog(main));
					const ran = workersThatRan(id, workers);
					if (!enqueued) problems.push(`execution ${id} was not enqueued by the main instance`);
					if (ran.length !== 1) problems.push(`execution ${id} was started by ${ran.length} workers`);
					return `${id} (main → ${ran.map((worker) => worker.name).join(', ') || 'no worker'})`;
				});
				return { text: `triggered on the main instance (a poll or a webhook); executions ${places.join(', ')}`, problems };
			},
		});
	} finally {
		for (const service of services.reverse()) await service.stop();
	}
}

/**
 * The example as a queue-mode deployment configures it: the nodes that use the pending registry
 * (Apply Card Verification, the FaceID Trigger) on Redis, shared by the workers and the main instance.
 */
function withRedisRegistry(example: ExampleWorkflow): ExampleWorkflow & { redisNodes: string[] } {
	const json = structuredClone(example.json);
	const redisNodes: string[] = [];
	for (const node of json.nodes) {
		const parameters = node.parameters ?? {};
		const usesRegistry =
			'registry' in parameters || node.type.endsWith('.faceIdTrigger') || parameters.operation === 'applyCardVerification';
		if (!usesRegistry || parameters.registry === 'none') continue;
		node.parameters = { ...parameters, registry: 'redis' };
		node.credentials = { ...node.credentials, faceIdRegistryRedis: REGISTRY_CREDENTIAL };
		redisNodes.push(node.name);
	}
	return { ...example, json, redisNodes };
}

/** Workers log `Worker started execution <id> (job <n>)` for each execution they take. */
function workersThatRan(executionId: string, workers: Service[]): Service[] {
	const marker = new RegExp(`Worker started execution ${executionId} \\(`);
	return workers.filter((worker) => marker.test(readLog(worker)));
}

function ranOn(executionId: string, workers: Service[]): string {
	return workersThatRan(executionId, workers).map((worker) => worker.name).join(' and ') || 'no worker';
}

function readLog(service: Service): string {
	try {
		return readFileSync(service.logFile, 'utf8');
	} catch {
		return '';
	}
}

/** PING over Redis's text protocol: resolves true on +PONG. */
function redisPing(port: number): Promise<true | undefined> {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		socket.setTimeout(2000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG') ? true : undefined);
		});
		socket.once('error', () => resolve(undefined));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(undefined);
		});
	});
}
