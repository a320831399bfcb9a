/**
 * One measured phase per process (see bench/run.ts): the compiled node run through n8n's engine
 * (WorkflowExecute, via the test harness), or Tencent's official Node SDK, against a sandbox in
 * another process. Reports wall time, CPU (process.cpuUsage) and memory (RSS sampled every 10 ms,
 * and the kernel's peak).
 */
import { Container } from '@n8n/di';
import { Agent } from 'http';
import { createConnection, type Socket } from 'net';
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { BinaryDataService } from 'n8n-core';
import path from 'path';
import { performance } from 'perf_hooks';
import { setTimeout as delay } from 'timers/promises';

import { TencentCloudClient } from '../lib/tencent/client';
import { mapInOrder } from '../lib/tencent/concurrency';
import { IdCardVerification } from '../lib/tencent/actions/IdCardVerification';
import { effectiveRateLimit } from '../lib/tencent/catalogue';
import { pace, ProcessPacingStore } from '../lib/tencent/rateLimit/pacer';
import { rateLimitRule } from '../lib/tencent/rateLimit/rule';
import { callWithRetry, DEFAULT_RETRY_POLICY } from '../lib/tencent/retryPolicy';
import { testJpeg } from '../sandbox/actions/testImages';
import { SANDBOX_CREDENTIALS } from '../sandbox/credentials';
import { workloadIdentities } from '../sandbox/workload';
import { runWorkflow, setupHarness, type WorkflowRunResult } from '../test/harness';
import { packageTypes } from '../test/harness/packageTypes';
import { idCardParameters, itemsOf } from '../test/resilience/support';
import { FACEID_NODE, faceIdWorkflow, sandboxCredential } from '../test/support/faceIdWorkflow';
import { createUndiciTransport } from '../test/support/undiciTransport';
import { serveParent } from './children';
import { attributeCpu, profileWhile, type CpuShare } from './cpuAttribution';

export interface Measured {
	wallMs: number;
	/** User + system CPU of this process during the phase. */
	cpuMs: number;
	rssBeforeMb: number;
	/** Highest RSS sampled during the phase. */
	rssPeakMb: number;
	/** The kernel's high-water mark for the whole process (startup included). */
	maxRssMb: number;
}

export interface NodePhaseResult extends Measured {
	items: number;
	/** The FaceID node's own execution time, as n8n records it. */
	nodeMs: number;
	/** When n8n started the FaceID node (ms since the epoch). */
	nodeStartedAt: number;
	/** Items whose outcome code is the one the sandbox's rules give. */
	rightVerdict: number;
	wrongVerdict: number;
	/** Error items by error code (continue-on-fail), e.g. { HTTP500: 21 }. */
	errors: Record<string, number>;
	/** Error items that say Tencent may have processed and billed their request. */
	reportedPossiblyBilled: number;
	/**
	 * The attempts items counted as possibly billed (`outcome.possiblyBilledAttempts`), summed over
	 * the items whose answer is billed: there the lost attempt's answer was the same, and billed too.
	 */
	countedPossiblyBilled: number;
	missing: number;
	workflowError?: string;
}

export interface SdkPhaseResult extends Measured {
	calls: number;
	succeeded: number;
	rightVerdict: number;
	/** Rejections by error code, e.g. { RequestLimitExceeded: 900 }. */
	errors: Record<string, number>;
}

const MB = 1024 * 1024;

/** Keep-alive agent (Node's default) whose every connection goes to 127.0.0.1:`port`. */
class LoopbackAgent extends Agent {
	constructor(private readonly port: number) {
		super({ keepAlive: true });
	}

	override createConnection(_options: unknown, callback?: (error: Error | null, socket: Socket) => void): Socket {
		const socket = createConnection({ host: '127.0.0.1', port: this.port });
		if (callback) socket.once('connect', () => callback(null, socket));
		return socket;
	}
}

async function measure<T>(work: () => Promise<T>): Promise<Measured & { result: T }> {
	const rssBefore = process.memoryUsage.rss();
	if (process.env.BENCH_MEMORY_DETAIL) {
		const before = process.memoryUsage();
		console.error(`before: heapUsed ${(before.heapUsed / MB).toFixed(0)} MB, external ${(before.external / MB).toFixed(0)} MB, rss ${(before.rss / MB).toFixed(0)} MB`);
	}
	let rssPeak = rssBefore;
	let atPeak = process.memoryUsage();
	const sampler = setInterval(() => {
		const rss = process.memoryUsage.rss();
		if (rss > rssPeak) {
			rssPeak = rss;
			if (process.env.BENCH_MEMORY_DETAIL) atPeak = process.memoryUsage();
		}
	}, 10);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	try {
		const result = await work();
		const wallMs = performance.now() - started;
		const cpu = process.cpuUsage(cpuBefore);
		rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
		if (process.env.BENCH_MEMORY_DETAIL) {
			const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
			console.error(`memory at peak: heapUsed ${mb(atPeak.heapUsed)}, heapTotal ${mb(atPeak.heapTotal)}, external ${mb(atPeak.external)}, arrayBuffers ${mb(atPeak.arrayBuffers)}, rss ${mb(atPeak.rss)}`);
		}
		return {
			result,
			wallMs,
			cpuMs: (cpu.user + cpu.system) / 1000,
			rssBeforeMb: rssBefore / MB,
			rssPeakMb: rssPeak / MB,
			maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
		};
	} finally {
		clearInterval(sampler);
	}
}

function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

/** Items → outcome codes, by pairedItem, against the expected codes. */
function tally(outputs: INodeExecutionData[][], expected: readonly string[]) {
	const byItem = new Array<string | undefined>(expected.length);
	let reportedPossiblyBilled = 0;
	let countedPossiblyBilled = 0;
	for (const items of outputs) {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired !== 'object' || paired === null) continue;
			const outcome = item.json.outcome as
				| { code?: string; billable?: boolean; possiblyBilled?: boolean; possiblyBilledAttempts?: number }
				| undefined;
			if (outcome?.possiblyBilled) reportedPossiblyBilled++;
			if (outcome?.billable) countedPossiblyBilled += outcome.possiblyBilledAttempts ?? 0;
			// An error item (continue-on-fail) carries an outcome too: its error decides.
			byItem[paired.item] = item.json.error !== undefined ? `error:${String(item.json.error).split(':')[0]}` : outcome?.code;
		}
	}
	const errors: Record<string, number> = {};
	let rightVerdict = 0;
	let wrongVerdict = 0;
	let missing = 0;
	byItem.forEach((code, index) => {
		if (code === undefined) missing++;
		else if (code.startsWith('error:')) errors[code.slice(6)] = (errors[code.slice(6)] ?? 0) + 1;
		else if (code === expected[index]) rightVerdict++;
		else wrongVerdict++;
	});
	for (let index = byItem.length; index < expected.length; index++) missing++;
	return { rightVerdict, wrongVerdict, errors, missing, reportedPossiblyBilled, countedPossiblyBilled };
}

/** The compiled FaceID node with `parameters`, run through n8n's engine over pinned items against the sandbox at `url`. */
async function workflowRunner(url: string, parameters: INodeParameters): Promise<(items: INodeExecutionData[]) => Promise<WorkflowRunResult>> {
	await setupHarness();
	const types = packageTypes({ root: 'dist' });
	const workflow = faceIdWorkflow(parameters, 'continueRegularOutput');
	return async (items) => await runWorkflow(workflow, { credentials: { tencentCloudApi: sandboxCredential(url) }, ...types, pinData: { Start: items } });
}

/** `count` IdCardVerification items of the workload, the Result the sandbox gives each, and the node's parameters. */
function idCardWorkload(count: number, options: INodeParameters = {}) {
	const identities = workloadIdentities(count);
	return { parameters: idCardParameters(options), items: itemsOf(identities), expected: identities.map((identity) => identity.expected) };
}

async function runNodePhase(message: {
	url: string;
	parameters: INodeParameters;
	items: INodeExecutionData[];
	expected: string[];
}): Promise<NodePhaseResult> {
	const run = await workflowRunner(message.url, message.parameters);
	collectGarbage();
	const measured = await measure(() => run(message.items));
	const { result: execution, ...metrics } = measured;
	return {
		...metrics,
		items: message.items.length,
		nodeMs: execution.run.data.resultData.runData[FACEID_NODE]?.[0]?.executionTime ?? Number.NaN,
		nodeStartedAt: execution.run.data.resultData.runData[FACEID_NODE]?.[0]?.startTime ?? Number.NaN,
		...tally(execution.outputs(FACEID_NODE), message.expected),
		workflowError: execution.error?.message,
	};
}

async function idCardPhase(message: { url: string; count: number; options: INodeParameters }): Promise<NodePhaseResult> {
	return await runNodePhase({ url: message.url, ...idCardWorkload(message.count, message.options) });
}

export interface AttributionPhaseResult {
	items: number;
	rightVerdict: number;
	/** CPU per share, in ms, over the measured run. */
	shares: Record<CpuShare, number>;
}

/** The node-defaults run of idCardPhase under V8's profiler, its CPU split by who spent it (bench/cpuAttribution.ts). */
async function attributionPhase(message: { url: string; count: number }): Promise<AttributionPhaseResult> {
	const { parameters, items, expected } = idCardWorkload(message.count);
	const run = await workflowRunner(message.url, parameters);
	await run(items.slice(0, 5)); // loads and compiles what the measured run uses
	collectGarbage();
	const { result, profile } = await profileWhile(() => run(items));
	const { rightVerdict } = tally(result.outputs(FACEID_NODE), expected);
	return { items: items.length, rightVerdict, shares: attributeCpu(profile, path.join(__dirname, '..', 'dist')) };
}

export interface ExecutionsPhaseResult extends Measured {
	executions: number;
	items: number;
	rightVerdict: number;
	wrongVerdict: number;
	errors: Record<string, number>;
	missing: number;
	workflowErrors: string[];
}

/**
 * Several executions of the same workflow started together in this process (as a webhook-fed flow
 * or a queue worker runs them), each over its own `count` items; waits for `startAt` first, so that
 * phases in several processes start at once. A first execution of one item warms the process up,
 * as a worker that has worked before is.
 */
async function executionsPhase(message: { url: string; count: number; executions: number; options: INodeParameters; startAt?: number }): Promise<ExecutionsPhaseResult> {
	const { parameters, items, expected } = idCardWorkload(message.count, message.options);
	const run = await workflowRunner(message.url, parameters);
	await run(items.slice(0, 1));
	if (message.startAt) await delay(Math.max(0, message.startAt - Date.now()));
	collectGarbage();
	const measured = await measure(() => Promise.all(Array.from({ length: message.executions }, () => run(items))));
	const { result: runs, ...metrics } = measured;
	const total = { rightVerdict: 0, wrongVerdict: 0, missing: 0, errors: {} as Record<string, number> };
	for (const execution of runs) {
		const tallied = tally(execution.outputs(FACEID_NODE), expected);
		total.rightVerdict += tallied.rightVerdict;
		total.wrongVerdict += tallied.wrongVerdict;
		total.missing += tallied.missing;
		for (const [code, n] of Object.entries(tallied.errors)) total.errors[code] = (total.errors[code] ?? 0) + n;
	}
	return {
		...metrics,
		...total,
		executions: message.executions,
		items: message.executions * message.count,
		workflowErrors: runs.flatMap((execution) => (execution.error ? [execution.error.message] : [])),
	};
}

/** 200 items, each with its own 5 MB JPEG in n8n's filesystem binary store (as a real instance keeps them). */
async function imagePhase(message: { url: string; count: number; imageBytes: number; options: INodeParameters }) {
	await setupHarness();
	const binaryData = Container.get(BinaryDataService);
	await binaryData.init(); // filesystem mode: items carry a file id, not the bytes
	const image = testJpeg({ person: '110105198506150022' }, { minBytes: message.imageBytes });
	const items: INodeExecutionData[] = [];
	for (let i = 0; i < message.count; i++) {
		const stored = await binaryData.store({ type: 'execution', workflowId: 'bench', executionId: 'images' }, image, {
			data: '',
			mimeType: 'image/jpeg',
			fileName: `id-card-${i}.jpg`,
		} as IBinaryData);
		items.push({ json: { card: i }, binary: { data: stored } });
	}
	const result = await runNodePhase({
		url: message.url,
		parameters: { operation: 'checkIdCardInformation', idCardPhotoSource: 'binary', idCardPhotoBinaryProperty: 'data', options: message.options },
		items,
		expected: items.map(() => 'Success'),
	});
	// What stays after a full collection: the peak above is garbage waiting for V8, or a leak.
	collectGarbage();
	const after = process.memoryUsage();
	if (process.env.BENCH_MEMORY_DETAIL) {
		console.error(`after GC: heapUsed ${(after.heapUsed / MB).toFixed(0)} MB, external ${(after.external / MB).toFixed(0)} MB, rss ${(after.rss / MB).toFixed(0)} MB`);
	}
	return { ...result, imageMb: image.length / MB, rssAfterGcMb: after.rss / MB };
}

/** The node's pacing at each action's documented limit, for a client without n8n. */
function actionPacer(sleep: (ms: number, signal?: AbortSignal) => Promise<void>) {
	const store = new ProcessPacingStore(Date.now);
	return { acquire: (action: string) => pace(store, [{ key: action, rule: rateLimitRule(effectiveRateLimit(action)) }], sleep) };
}

/**
 * The package's own client without n8n: lib/tencent's client, rate limiter, retry policy and
 * ordered concurrency (what the node runs on), over the undici transport of test/support/.
 */
async function clientPhase(message: { url: string; count: number; concurrency: number }): Promise<SdkPhaseResult> {
	const client = new TencentCloudClient(createUndiciTransport({ ...SANDBOX_CREDENTIALS, customEndpoint: message.url }));
	const clock = { now: Date.now, sleep: (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }) };
	const limiters = actionPacer(clock.sleep);
	const identities = workloadIdentities(message.count);
	collectGarbage();
	const measured = await measure(() =>
		mapInOrder(identities.length, message.concurrency, async (index) => {
			const { name, idCard } = identities[index];
			try {
				const response = await callWithRetry(
					async () => {
						await limiters.acquire(IdCardVerification.name);
						return await client.call(IdCardVerification, { Name: name, IdCard: idCard });
					},
					DEFAULT_RETRY_POLICY,
					clock,
				);
				return { ok: true as const, result: response.Result };
			} catch (error) {
				return { ok: false as const, code: (error as { code?: string }).code ?? 'Error' };
			}
		}),
	);
	const { result: outcomes, ...metrics } = measured;
	const errors: Record<string, number> = {};
	let succeeded = 0;
	let rightVerdict = 0;
	outcomes.forEach((outcome, index) => {
		if (outcome.ok) {
			succeeded++;
			if (outcome.result === identities[index].expected) rightVerdict++;
		} else errors[outcome.code] = (errors[outcome.code] ?? 0) + 1;
	});
	return { ...metrics, calls: identities.length, succeeded, rightVerdict, errors };
}

/**
 * Tencent's official SDK, the way its README shows it, with every call started at once; or, with
 * `concurrency`, paced like the node (same rate limiter and ordered concurrency, no retries), so
 * that its CPU per request is measured over the same answered requests and the same wall time.
 */
async function sdkPhase(message: { url: string; count: number; concurrency?: number }): Promise<SdkPhaseResult> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const tencentcloud = require('tencentcloud-sdk-nodejs') as {
		faceid: { v20180301: { Client: new (config: unknown) => { IdCardVerification(req: unknown): Promise<{ Result: string }> } } };
	};
	const { port } = new URL(message.url);
	// The SDK takes the credential-scope service from the endpoint's first label and signs the host
	// without its port, as on Tencent's own hosts (port 443). So the endpoint is "faceid.sandbox.bench"
	// on the default port, and this agent connects it to the sandbox on 127.0.0.1, nowhere else.
	const agent = new LoopbackAgent(Number(port));
	const client = new tencentcloud.faceid.v20180301.Client({
		credential: { secretId: SANDBOX_CREDENTIALS.secretId, secretKey: SANDBOX_CREDENTIALS.secretKey },
		region: '',
		profile: { httpProfile: { endpoint: 'faceid.sandbox.bench', protocol: 'http://', agent } },
	});
	const identities = workloadIdentities(message.count);
	collectGarbage();
	const check = (index: number) => client.IdCardVerification({ IdCard: identities[index].idCard, Name: identities[index].name });
	const clock = { now: Date.now, sleep: (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }) };
	const limiters = actionPacer(clock.sleep);
	const paced = async (index: number): Promise<PromiseSettledResult<{ Result: string }>> => {
		await limiters.acquire(IdCardVerification.name);
		return (await Promise.allSettled([check(index)]))[0];
	};
	const measured = await measure(() =>
		message.concurrency
			? mapInOrder(identities.length, message.concurrency, paced)
			: Promise.allSettled(identities.map((_identity, index) => check(index))),
	);
	agent.destroy();
	const { result: settled, ...metrics } = measured;
	const errors: Record<string, number> = {};
	let succeeded = 0;
	let rightVerdict = 0;
	settled.forEach((outcome, index) => {
		if (outcome.status === 'fulfilled') {
			succeeded++;
			if (outcome.value.Result === identities[index].expected) rightVerdict++;
		} else {
			const code = (outcome.reason as { code?: string }).code || 'NetworkError';
			errors[code] = (errors[code] ?? 0) + 1;
		}
	});
	return { ...metrics, calls: identities.length, succeeded, rightVerdict, errors };
}

serveParent(async (message) => {
	switch (message.phase) {
		case 'idCard':
			return await idCardPhase(message as unknown as Parameters<typeof idCardPhase>[0]);
		case 'attribution':
			return await attributionPhase(message as unknown as Parameters<typeof attributionPhase>[0]);
		case 'executions':
			return await executionsPhase(message as unknown as Parameters<typeof executionsPhase>[0]);
		case 'images':
			return await imagePhase(message as unknown as Parameters<typeof imagePhase>[0]);
		case 'sdk':
			return await sdkPhase(message as unknown as Parameters<typeof sdkPhase>[0]);
		case 'idle': {
			// What the process spends doing nothing for as long as a paced phase lasts (timers, the RSS sampler, V8).
			collectGarbage();
			const { result: _idle, ...metrics } = await measure(() => delay(Number(message.ms)));
			return metrics;
		}
		case 'client':
			return await clientPhase(message as unknown as Parameters<typeof clientPhase>[0]);
		default:
			throw new Error(`unknown phase ${String(message.phase)}`);
	}
});
