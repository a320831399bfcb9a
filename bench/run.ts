/**
 * `npm run bench`: throughput, resilience, memory and CPU of the FaceID node, run through n8n's
 * engine (the compiled package in dist/) against the sandbox on 127.0.0.1 with 50 ms latency (plus
 * 0–20 ms of varying transit where pacing is measured) and Tencent's limits (100 requests/s per
 * action, counted in sliding one-second windows). Prints markdown tables; not a test.
 *
 * Every phase runs in a fresh process, with the sandbox in yet another, so CPU and memory are the
 * client's alone. The machine is shared and noisy: compare the ratios within one run (speed-up
 * over the sequential loop, CPU against the SDK), not absolute times across runs.
 *
 * The tables are also written to bench/results/latest.md, the raw figures to latest.json.
 * BENCH_MEMORY_DETAIL=1 prints V8's heap and external memory at the peak of each phase.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import { startChild } from './children';
import type { AttributionPhaseResult, ExecutionsPhaseResult, NodePhaseResult, SdkPhaseResult } from './phaseProcess';
import { realN8nComparison, type RealN8nResult } from './realN8n';
import { startRedisServer } from '../test/support/redisServer';
import { startSeparateSandbox } from '../test/support/separateSandbox';
import type { SandboxStats } from './sandboxProcess';
import type { SandboxOptions } from '../sandbox/server';

const LATENCY_MS = 50;
/** On a real network the trip there varies: each request arrives 0 … this many ms later than the last part of its latency. */
const TRANSIT_VARIATION_MS = 20;
const EXECUTIONS = 3;
/** Time for the phase processes to load n8n and warm up before executions start together. */
const START_DELAY_MS = 20_000;
const LIMIT_PER_SECOND = 100;
const ITEMS = 1000;
const IMAGE_ITEMS = 200;
const IMAGE_BYTES = 5 * 1024 * 1024;
const FAULT_RATE = 0.1;
/** What can fail after Tencent processed a request: a gateway 5xx, a reset, InternalError. */
const AFTER_CHARGE_MIX = { http500: 1, http502: 1, reset: 1, internalError: 1 };
/** Default concurrency of the node (nodes/FaceId/helpers/resilientClient.ts). */
const NODE_CONCURRENCY = 10;
const PHASE_TIMEOUT_MS = 4 * 60_000;
const RUN_DEADLINE_MS = 25 * 60_000;

interface PhaseRun<T> {
	result: T;
	sandbox: SandboxStats;
}

async function phase<T>(label: string, sandboxOptions: SandboxOptions, message: Record<string, unknown>): Promise<PhaseRun<T>> {
	process.stderr.write(`… ${label}\n`);
	const phaseProcess = startChild('phaseProcess.ts', ['--expose-gc']);
	try {
		const sandbox = await startSeparateSandbox(sandboxOptions);
		try {
			const result = await phaseProcess.ask<T>({ ...message, url: sandbox.url }, PHASE_TIMEOUT_MS);
			return { result, sandbox: await sandbox.stats() };
		} finally {
			await sandbox.close();
		}
	} finally {
		await phaseProcess.stop();
	}
}

/**
 * Several phase processes against one sandbox at once (queue-mode workers, when `env` says so).
 * Each message carries the same `startAt`; the sandbox's figures count from it.
 */
async function phaseAcross(label: string, sandboxOptions: SandboxOptions, jobs: Array<{ message: Record<string, unknown>; env?: NodeJS.ProcessEnv }>) {
	process.stderr.write(`… ${label}\n`);
	const phaseProcesses = jobs.map((job) => startChild('phaseProcess.ts', ['--expose-gc'], job.env));
	try {
		const sandbox = await startSeparateSandbox(sandboxOptions);
		try {
			const startAt = Date.now() + START_DELAY_MS;
			const results = await Promise.all(
				phaseProcesses.map((child, index) => child.ask<ExecutionsPhaseResult>({ ...jobs[index].message, url: sandbox.url, startAt }, PHASE_TIMEOUT_MS)),
			);
			return { results, sandbox: await sandbox.stats(startAt) };
		} finally {
			await sandbox.close();
		}
	} finally {
		await Promise.all(phaseProcesses.map((child) => child.stop()));
	}
}

/** The FaceID node and the by-hand HTTP Request paths in a real n8n, against a sandbox in its own process. */
async function realN8nPhase(label: string, sandboxOptions: SandboxOptions): Promise<RealN8nResult> {
	process.stderr.write(`… ${label}\n`);
	const sandbox = await startSeparateSandbox(sandboxOptions);
	const workDir = mkdtempSync(path.join(tmpdir(), 'faceid-bench-n8n-'));
	try {
		return await realN8nComparison({ sandboxUrl: sandbox.url, count: ITEMS, workDir, log: (line) => process.stderr.write(`  ${line}\n`) });
	} finally {
		await sandbox.close();
		rmSync(workDir, { recursive: true, force: true });
	}
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`;
const count = (record: Record<string, number>) => Object.values(record).reduce((sum, n) => sum + n, 0);
const listing = (record: Record<string, number>) =>
	Object.entries(record)
		.map(([key, n]) => `${key} ${n}`)
		.join(', ') || '0';
const goal = (met: boolean) => (met ? '✓' : '✗ missed');

function table(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const base: SandboxOptions = { latencyMs: LATENCY_MS };

	const sequential = await phase<NodePhaseResult>(`${ITEMS} IdCardVerification, sequential loop (concurrency 1)`, base, {
		phase: 'idCard',
		count: ITEMS,
		options: { concurrency: 1 },
	});
	// As on a real network: the trip there varies, so arrivals bunch a little.
	const varying: SandboxOptions = { ...base, transitVariationMs: TRANSIT_VARIATION_MS };
	const concurrent = await phase<NodePhaseResult>(`${ITEMS} IdCardVerification, node defaults, latency ${LATENCY_MS}–${LATENCY_MS + TRANSIT_VARIATION_MS} ms`, varying, {
		phase: 'idCard',
		count: ITEMS,
		options: {},
	});
	const library = await phase<SdkPhaseResult>(`${ITEMS} IdCardVerification, the package's client without n8n`, base, {
		phase: 'client',
		count: ITEMS,
		concurrency: NODE_CONCURRENCY,
	});
	const sdk = await phase<SdkPhaseResult>(`${ITEMS} IdCardVerification, tencentcloud-sdk-nodejs with Promise.all`, base, {
		phase: 'sdk',
		count: ITEMS,
	});
	const sdkPaced = await phase<SdkPhaseResult>(`${ITEMS} IdCardVerification, tencentcloud-sdk-nodejs paced like the node`, base, {
		phase: 'sdk',
		count: ITEMS,
		concurrency: NODE_CONCURRENCY,
	});
	const executionsMessage = (executions: number) => ({ phase: 'executions', count: ITEMS, executions, options: {} });
	const oneProcess = await phaseAcross(`${EXECUTIONS} executions × ${ITEMS} IdCardVerification in one n8n process`, varying, [
		{ message: executionsMessage(EXECUTIONS) },
	]);
	const redis = await startRedisServer();
	let queueWorkers: Awaited<ReturnType<typeof phaseAcross>>;
	try {
		const worker = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: redis.host, QUEUE_BULL_REDIS_PORT: String(redis.port) };
		queueWorkers = await phaseAcross(`${EXECUTIONS} executions × ${ITEMS} IdCardVerification across two queue-mode workers on one Redis`, varying, [
			{ message: executionsMessage(EXECUTIONS - 1), env: worker },
			{ message: executionsMessage(1), env: worker },
		]);
	} finally {
		await redis.stop();
	}
	// The phase process's own CPU while idle for as long as a paced phase lasts: the same for every paced row.
	const idle = await phase<{ wallMs: number; cpuMs: number }>('idle phase process, 10 s', base, { phase: 'idle', ms: 10_000 });
	const faults = await phase<NodePhaseResult>(`${ITEMS} IdCardVerification, ${FAULT_RATE * 100}% injected faults`, {
		...base,
		faultRate: FAULT_RATE,
		faultSeed: 2026,
	}, { phase: 'idCard', count: ITEMS, options: {} });
	// Faults after Tencent billed the check: the answer is lost on the way back.
	const afterCharge = { ...base, faultRate: FAULT_RATE, faultSeed: 2027, faultTiming: 'after-charge' as const, faultMix: AFTER_CHARGE_MIX };
	const chargedDefaults = await phase<NodePhaseResult>(`${ITEMS} IdCardVerification, ${FAULT_RATE * 100}% faults after the charge, defaults`, afterCharge, {
		phase: 'idCard',
		count: ITEMS,
		options: {},
	});
	const chargedRetried = await phase<NodePhaseResult>(
		`${ITEMS} IdCardVerification, ${FAULT_RATE * 100}% faults after the charge, Retry Requests Tencent May Have Processed`,
		afterCharge,
		{ phase: 'idCard', count: ITEMS, options: { retryOnTimeout: true } },
	);
	const images = await phase<NodePhaseResult & { imageMb: number; rssAfterGcMb: number }>(`${IMAGE_ITEMS} CheckIdCardInformation, 5 MB photos`, base, {
		phase: 'images',
		count: IMAGE_ITEMS,
		imageBytes: IMAGE_BYTES,
		options: {},
	});

	/** The pacer's own rate: arrivals per second from the sandbox's first to its last (no start-up, no last answer). */
	const arrivalRate = (stats: SandboxStats) => (stats.requests - 1) / (((stats.lastArrival ?? 0) - (stats.firstArrival ?? 0)) / 1000);
	const attribution = await phase<AttributionPhaseResult>(`${ITEMS} IdCardVerification, node defaults, under V8's profiler`, base, {
		phase: 'attribution',
		count: ITEMS,
	});
	const realN8n = await realN8nPhase(`${ITEMS} IdCardVerification in real n8n: the FaceID node, and a Code node signing TC3 → HTTP Request`, varying);

	const nodeRate = (run: PhaseRun<NodePhaseResult>) => run.sandbox.requests / (run.result.nodeMs / 1000);
	const sdkRate = sdk.sandbox.requests / (sdk.result.wallMs / 1000);
	const libraryRate = library.sandbox.requests / (library.result.wallMs / 1000);
	const libraryCpu = library.result.cpuMs / library.sandbox.requests;
	const cpuPerRequest = (cpuMs: number, requests: number) => cpuMs / requests;
	const oursCpu = cpuPerRequest(concurrent.result.cpuMs, concurrent.sandbox.requests);
	const sdkCpu = cpuPerRequest(sdk.result.cpuMs, sdk.sandbox.requests);
	// Like with like: the same 1,000 answered checks over the same ~10 s (a refusal costs far less than an answer).
	const sdkPacedRate = sdkPaced.sandbox.requests / (sdkPaced.result.wallMs / 1000);
	const sdkPacedCpu = cpuPerRequest(sdkPaced.result.cpuMs, sdkPaced.sandbox.requests);
	const idleCpuPerSecond = idle.result.cpuMs / (idle.result.wallMs / 1000);
	/** CPU per request without the idle process's share over the phase's wall time. */
	const netCpu = (cpuMs: number, wallMs: number, requests: number) => (cpuMs - (idleCpuPerSecond * wallMs) / 1000) / requests;
	const oursNet = netCpu(concurrent.result.cpuMs, concurrent.result.wallMs, concurrent.sandbox.requests);
	const libraryNet = netCpu(library.result.cpuMs, library.result.wallMs, library.sandbox.requests);
	const sdkPacedNet = netCpu(sdkPaced.result.cpuMs, sdkPaced.result.wallMs, sdkPaced.sandbox.requests);
	const sdkCpuPerAnswer = sdk.result.cpuMs / Math.max(1, sdk.sandbox.requests - sdk.sandbox.throttled);
	const throttlingSurfaced = (run: PhaseRun<NodePhaseResult>) => run.result.errors.RequestLimitExceeded ?? 0;

	const out: string[] = [];
	out.push(
		`### Throughput: ${ITEMS} IdCardVerification items, sandbox latency ${LATENCY_MS} ms, limit ${LIMIT_PER_SECOND}/s`,
		'',
		table(
			['client', 'time', 'requests/s', 'of the limit', 'vs sequential', 'right verdicts', 'throttled answers (retried)', 'throttling errors surfaced', 'CPU per request'],
			[
				[
					'FaceID node, sequential loop (concurrency 1)',
					seconds(sequential.result.nodeMs),
					fixed(nodeRate(sequential)),
					fixed(nodeRate(sequential) / LIMIT_PER_SECOND, 3),
					'1.0×',
					`${sequential.result.rightVerdict}/${ITEMS}`,
					String(sequential.sandbox.throttled),
					String(throttlingSurfaced(sequential)),
					`${fixed(cpuPerRequest(sequential.result.cpuMs, sequential.sandbox.requests), 2)} ms`,
				],
				[
					`FaceID node, defaults (concurrency ${NODE_CONCURRENCY}, ${LIMIT_PER_SECOND}/s), latency ${LATENCY_MS}–${LATENCY_MS + TRANSIT_VARIATION_MS} ms`,
					seconds(concurrent.result.nodeMs),
					fixed(nodeRate(concurrent)),
					`${fixed(nodeRate(concurrent) / LIMIT_PER_SECOND, 3)}; first to last arrival ${fixed(arrivalRate(concurrent.sandbox) / LIMIT_PER_SECOND, 3)} (goal ≥ 0.95 ${goal(arrivalRate(concurrent.sandbox) / LIMIT_PER_SECOND >= 0.95)})`,
					`${fixed(sequential.result.nodeMs / concurrent.result.nodeMs)}×`,
					`${concurrent.result.rightVerdict}/${ITEMS}`,
					`${concurrent.sandbox.throttled} (goal 0 ${goal(concurrent.sandbox.throttled === 0)})`,
					`${throttlingSurfaced(concurrent)} (goal 0 ${goal(throttlingSurfaced(concurrent) === 0)})`,
					`${fixed(oursCpu, 2)} ms`,
				],
				[
					`package client without n8n (lib/tencent + undici, concurrency ${NODE_CONCURRENCY}, ${LIMIT_PER_SECOND}/s)`,
					seconds(library.result.wallMs),
					fixed(libraryRate),
					fixed(libraryRate / LIMIT_PER_SECOND, 3),
					`${fixed(sequential.result.nodeMs / library.result.wallMs)}×`,
					`${library.result.rightVerdict}/${ITEMS}`,
					String(library.sandbox.throttled),
					String(library.result.errors.RequestLimitExceeded ?? 0),
					`${fixed(libraryCpu, 2)} ms`,
				],
				[
					'tencentcloud-sdk-nodejs 4.1.313, Promise.all',
					seconds(sdk.result.wallMs),
					fixed(sdkRate),
					fixed(sdkRate / LIMIT_PER_SECOND, 3),
					`${fixed(sequential.result.nodeMs / sdk.result.wallMs)}×`,
					`${sdk.result.rightVerdict}/${ITEMS}`,
					'0 (no retries)',
					String(sdk.result.errors.RequestLimitExceeded ?? 0),
					`${fixed(sdkCpu, 2)} ms (${fixed(sdkCpuPerAnswer, 2)} ms per answered check)`,
				],
				[
					`tencentcloud-sdk-nodejs 4.1.313, paced like the node (concurrency ${NODE_CONCURRENCY}, ${LIMIT_PER_SECOND}/s, no retries)`,
					seconds(sdkPaced.result.wallMs),
					fixed(sdkPacedRate),
					fixed(sdkPacedRate / LIMIT_PER_SECOND, 3),
					`${fixed(sequential.result.nodeMs / sdkPaced.result.wallMs)}×`,
					`${sdkPaced.result.rightVerdict}/${ITEMS}`,
					String(sdkPaced.sandbox.throttled),
					String(sdkPaced.result.errors.RequestLimitExceeded ?? 0),
					`${fixed(sdkPacedCpu, 2)} ms`,
				],
			],
		),
		'',
		`Context, not a goal (the goals are in the real-n8n table below): client CPU per request ÷ the SDK's with Promise.all (per request sent): FaceID node ${fixed(oursCpu / sdkCpu, 2)}, package client without n8n ${fixed(libraryCpu / sdkCpu, 2)}. ` +
			`÷ the SDK paced the same way, every request answered: FaceID node ${fixed(oursCpu / sdkPacedCpu, 2)}, package client ${fixed(libraryCpu / sdkPacedCpu, 2)}. ` +
			`Net of the idle process (${fixed(idleCpuPerSecond)} ms of CPU per second doing nothing): node ${fixed(oursNet, 2)} ms, package client ${fixed(libraryNet, 2)} ms, paced SDK ${fixed(sdkPacedNet, 2)} ms per request (ratios ${fixed(oursNet / sdkPacedNet, 2)} and ${fixed(libraryNet / sdkPacedNet, 2)}). ` +
			'The node figure includes all of n8n’s work for the item (expression evaluation, a new connection per request in n8n’s HTTP helper, output items); ' +
			`the SDK with Promise.all sends all 1,000 at once, so most of its requests are refusals answered in one burst (${fixed(sdkCpuPerAnswer, 2)} ms of CPU per answered check).`,
		'',
	);

	const executionsRow = (label: string, run: Awaited<ReturnType<typeof phaseAcross>>) => {
		const items = run.results.reduce((sum, result) => sum + result.items, 0);
		const failed = run.results.reduce((sum, result) => sum + count(result.errors) + result.missing + result.wrongVerdict, 0);
		const right = run.results.reduce((sum, result) => sum + result.rightVerdict, 0);
		const spanMs = (run.sandbox.lastArrival ?? 0) - (run.sandbox.firstArrival ?? 0);
		const rate = arrivalRate(run.sandbox);
		return [
			label,
			run.results.map((result) => result.executions).join(' + '),
			String(items),
			seconds(spanMs),
			fixed(rate),
			`${fixed(rate / LIMIT_PER_SECOND, 3)} (goal ≥ 0.95 ${goal(rate / LIMIT_PER_SECOND >= 0.95)})`,
			String(run.sandbox.busiestSecond),
			`${run.sandbox.throttled} (goal 0 ${goal(run.sandbox.throttled === 0)})`,
			`${failed} (goal 0 ${goal(failed === 0)})`,
			`${right}/${items}`,
		];
	};
	out.push(
		`### Several executions at once: ${EXECUTIONS} × ${ITEMS} IdCardVerification items on one SecretId, started together, limit ${LIMIT_PER_SECOND}/s, latency ${LATENCY_MS}–${LATENCY_MS + TRANSIT_VARIATION_MS} ms`,
		'',
		table(
			['deployment', 'executions', 'items', 'time (first to last request)', 'requests/s together', 'of the limit', 'busiest one-second window', 'throttled answers', 'items failed', 'right verdicts'],
			[
				executionsRow('one n8n process', oneProcess),
				executionsRow("queue mode: two workers, pacing through n8n's Redis", queueWorkers),
			],
		),
		'',
		'Every execution paces with the node defaults (Max Requests per Second empty: Tencent’s 100/s), and all of them count against one SecretId. The sandbox counts arrivals in sliding one-second windows and refuses the 101st.',
		'',
	);

	const realCpu = (row: RealN8nResult['rows'][number]) => (row.cpuMs - (realN8n.idleCpuPerSecondMs * row.wallMs) / 1000) / row.items;
	const [faceIdRow, byHandRow, batchedRow, floorRow] = realN8n.rows;
	const cpuRatio = realCpu(faceIdRow) / realCpu(batchedRow);
	const floorRatio = realCpu(floorRow) / realCpu(batchedRow);
	const faceIdVerdictsPerSecond = faceIdRow.rightVerdicts / (faceIdRow.wallMs / 1000);
	out.push(
		`### The user's alternative, in real n8n ${realN8n.version}: ${ITEMS} IdCardVerification checks, limit ${LIMIT_PER_SECOND}/s, latency ${LATENCY_MS}–${LATENCY_MS + TRANSIT_VARIATION_MS} ms`,
		'',
		table(
			['path', 'time', 'right verdicts per second', 'right verdicts', 'items answered RequestLimitExceeded', 'n8n shows the execution as', 'CPU per item (n8n and its task runner, net of idle)'],
			realN8n.rows.map((row) => [
				row.label,
				seconds(row.wallMs),
				row === floorRow ? 'n/a' : fixed(row.rightVerdicts / (row.wallMs / 1000)),
				row === floorRow ? 'n/a (one fixed, unsigned request: AuthFailure)' : `${row.rightVerdicts}/${row.items}`,
				String(row.throttledItems),
				row.status,
				`${fixed(realCpu(row), 2)} ms`,
			]),
		),
		'',
		`Goals: every item right with the FaceID node's defaults ${goal(faceIdRow.rightVerdicts === faceIdRow.items)}; its right verdicts per second ≥ 0.95 × the limit: ${fixed(faceIdVerdictsPerSecond / LIMIT_PER_SECOND, 3)} ${goal(faceIdVerdictsPerSecond / LIMIT_PER_SECOND >= 0.95)}; its CPU per item ≤ 0.6 × the batched HTTP Request path's: ${fixed(cpuRatio, 2)}× ${goal(cpuRatio <= 0.6)}. ` +
			`Each path ran once before it was measured (the first execution loads nodes and the task runner); idle, n8n's processes spent ${fixed(realN8n.idleCpuPerSecondMs)} ms of CPU per second. ` +
			`The Code node signs every item with Node's crypto (NODE_FUNCTION_ALLOW_BUILTIN=crypto), the HTTP Request node sends the body and the TC3 headers; with its defaults it sends every item at once. By hand: ${byHandRow.throttledItems} of ${byHandRow.items} items came back RequestLimitExceeded while n8n showed the execution as ${byHandRow.status}. ` +
			`The floor row is n8n's own work for one request per item with nothing to evaluate (no expression, no Code node, no signing): ${fixed(floorRatio, 2)}× the batched path's CPU per item, so a node that sends each item's request through n8n's HTTP helper — which keeps the instance's proxy, TLS and outbound-network policy — cannot go below that ratio.`,
		'',
	);

	const perItem = (ms: number) => `${fixed(ms / attribution.result.items, 2)} ms`;
	const shares = attribution.result.shares;
	out.push(
		`### Whose CPU: the node-defaults run of ${ITEMS} items under V8's sampling profiler`,
		'',
		table(
			['the package (its compiled files, and the Node built-ins they call)', "n8n's expressions (isolated-vm, luxon)", 'n8n and its HTTP client', 'garbage collection', 'other (Node internals, the harness)', 'right verdicts'],
			[
				[
					`${perItem(shares.package)} per item (goal ≤ 0.3 ms ${goal(shares.package / attribution.result.items <= 0.3)})`,
					perItem(shares['n8n expressions']),
					perItem(shares['n8n and its HTTP client']),
					perItem(shares['garbage collection']),
					perItem(shares.other),
					`${attribution.result.rightVerdict}/${attribution.result.items}`,
				],
			],
		),
		'',
		"Each sample goes to the nearest JavaScript frame on its stack (bench/cpuAttribution.ts): what n8n does for any node's item — evaluating its `{{ $json… }}` parameters, its HTTP helper, building output items — is n8n's, even when the package asked for it. The profiler adds some cost of its own to every share.",
		'',
	);

	// Not sent again, by rule, and said on the item: a failure after which Tencent may have processed the request.
	const reported = faults.result.reportedPossiblyBilled;
	const otherErrors = count(faults.result.errors) - reported;
	const correct = faults.result.rightVerdict + reported;
	out.push(
		`### Resilience: the same ${ITEMS} items with ${FAULT_RATE * 100}% injected faults before processing (HTTP 500, HTTP 502, connection reset, InternalError, RequestLimitExceeded in equal parts)`,
		'',
		table(
			['items', 'right verdict', 'reported as possibly billed (not sent again, by rule)', 'other errors', 'wrong verdict', 'missing', 'items correct', 'faults injected', 'requests sent', 'billable answers', 'billable answers repeated', 'time'],
			[
				[
					String(ITEMS),
					String(faults.result.rightVerdict),
					`${reported} (${listing(faults.result.errors)})`,
					String(otherErrors),
					String(faults.result.wrongVerdict),
					String(faults.result.missing),
					`${fixed((100 * correct) / ITEMS)}% (goal 100% ${goal(correct === ITEMS)})`,
					`${count(faults.sandbox.faults)} (${listing(faults.sandbox.faults)})`,
					String(faults.sandbox.requests),
					String(faults.sandbox.billable),
					`${faults.sandbox.repeatedBillable} (goal 0 ${goal(faults.sandbox.repeatedBillable === 0)})`,
					seconds(faults.result.nodeMs),
				],
			],
		),
		'',
		'"Items correct": the item carries the verdict the sandbox gives it, or — for a failure after which Tencent may have processed the request (a gateway 5xx, a reset, InternalError; the client cannot tell these faults struck before processing) — that error, named on the item with `outcome.possiblyBilled`. Throttling is retried.',
		'',
	);

	const chargedRow = (label: string, run: PhaseRun<NodePhaseResult>) => [
		label,
		String(run.result.rightVerdict),
		String(run.result.reportedPossiblyBilled),
		`${count(run.sandbox.faults)} (${listing(run.sandbox.faults)})`,
		String(run.sandbox.requests),
		String(run.sandbox.billable),
		String(run.sandbox.repeatedBillable),
		String(run.result.countedPossiblyBilled),
		String(run.sandbox.unbilledLostAnswers),
	];
	// A lost refusal looks like a lost billed answer to the client, so it is counted as well.
	const countedEveryCharge = (run: PhaseRun<NodePhaseResult>) =>
		run.result.countedPossiblyBilled === run.sandbox.repeatedBillable + run.sandbox.unbilledLostAnswers;
	out.push(
		`### Faults after the charge: ${ITEMS} items, ${FAULT_RATE * 100}% of requests billed by the sandbox, then their answer lost (HTTP 500, HTTP 502, connection reset, InternalError in equal parts)`,
		'',
		table(
			['settings', 'right verdict', 'items reporting "possibly billed"', 'faults injected', 'requests sent', 'billable answers', 'checks billed twice', 'second charges counted on billed items', 'of those, lost answers that were refusals (not billed)'],
			[
				chargedRow(`defaults (goal: billed twice 0 ${goal(chargedDefaults.sandbox.repeatedBillable === 0)})`, chargedDefaults),
				chargedRow(
					`Retry Requests Tencent May Have Processed (goal: counted = billed twice + lost refusals ${goal(countedEveryCharge(chargedRetried))})`,
					chargedRetried,
				),
			],
		),
		'',
		'A lost answer that was a refusal (RequestLimitExceeded) cost nothing, but the client cannot tell it from a lost billed answer, so its item counts that attempt as possibly billed too.',
		'',
	);

	const imageGoalMb = NODE_CONCURRENCY * 4 * images.result.imageMb + 100;
	out.push(
		`### Memory: ${IMAGE_ITEMS} CheckIdCardInformation items with ${fixed(images.result.imageMb)} MB photos from n8n binary data (filesystem mode), node defaults`,
		'',
		table(
			['items', 'passed', 'time', 'RSS before', 'peak RSS (sampled every 10 ms)', 'growth', 'process peak (maxRSS)', 'RSS after a full GC', 'goal: concurrency × 4 × image + 100 MB'],
			[
				[
					String(IMAGE_ITEMS),
					`${images.result.rightVerdict}/${IMAGE_ITEMS}`,
					seconds(images.result.nodeMs),
					`${fixed(images.result.rssBeforeMb)} MB`,
					`${fixed(images.result.rssPeakMb)} MB`,
					`${fixed(images.result.rssPeakMb - images.result.rssBeforeMb)} MB`,
					`${fixed(images.result.maxRssMb)} MB`,
					`${fixed(images.result.rssAfterGcMb)} MB`,
					`${fixed(imageGoalMb)} MB: peak ${goal(images.result.rssPeakMb <= imageGoalMb)}, growth ${goal(images.result.rssPeakMb - images.result.rssBeforeMb <= imageGoalMb)}`,
				],
			],
		),
		'',
		`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, total ${seconds(Date.now() - startedAt)}.`,
	);
	for (const run of [sequential, concurrent, faults, images]) {
		if (run.result.workflowError) out.push('', `Workflow error: ${run.result.workflowError}`);
	}
	const report = out.join('\n');
	console.log(report);
	// Kept out of git (.gitignore): the raw figures behind the table, for comparing runs.
	const resultsDir = path.join(__dirname, 'results');
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(path.join(resultsDir, 'latest.md'), `${report}\n`);
	writeFileSync(
		path.join(resultsDir, 'latest.json'),
		`${JSON.stringify({ sequential, concurrent, oneProcess, queueWorkers, realN8n, attribution, library, sdk, sdkPaced, idle, faults, images }, null, 2)}\n`,
	);
}

const deadline = setTimeout(() => {
	console.error(`bench: still running after ${RUN_DEADLINE_MS / 60_000} minutes; giving up`);
	process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
