/**
 * The user's alternative, in a real n8n (the newest tested release, installed like `npm run e2e`
 * installs it, the package from its tarball): the same IdCardVerification checks through the
 * FaceID node, and the way users call Tencent from n8n without this package — a Code node that
 * computes the TC3 signature per item, then the HTTP Request node, once with its defaults and once
 * with Batching at Tencent's limit (100 items per second). Run by bench/run.ts against one sandbox
 * in its own process; CPU is the whole n8n process tree's (main and task runner), read from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { CURRENT_VERSION } from '../nodes/FaceId/operationMenus';
import { SANDBOX_CREDENTIALS } from '../sandbox/credentials';
import { workloadIdentities } from '../sandbox/workload';
import { ensureN8nInstalled } from '../scripts/n8n/install';
import { freePort, N8nInstance } from '../scripts/n8n/instance';
import { EXAMPLE_CREDENTIAL, FACEID_NODE_TYPE, N8N_VERSION } from '../scripts/n8n/paths';
import { waitFor } from '../scripts/n8n/processes';
import { N8nRest, type RunExecutionData } from '../scripts/n8n/rest';
import { idCardParameters, itemsOf } from '../test/resilience/support';
import { freshUserFolder, importCredentials, importWorkflows, packPackage, sandboxCredential, workflowIdFor, type ExampleWorkflow } from '../scripts/n8n/userFolder';

export interface RealN8nRow {
	label: string;
	items: number;
	/** Execution time as n8n records it (start to stop). */
	wallMs: number;
	/** CPU of n8n's process tree while the execution ran. */
	cpuMs: number;
	/** Items whose Result is the one the sandbox's rules give. */
	rightVerdicts: number;
	/** Items that came back RequestLimitExceeded. */
	throttledItems: number;
	/** The execution's status as n8n shows it. */
	status: string;
}

export interface RealN8nResult {
	version: string;
	rows: RealN8nRow[];
	/** CPU of the idle n8n process tree, per second. */
	idleCpuPerSecondMs: number;
}

const ACTION = { name: 'IdCardVerification', version: '2018-03-01', service: 'faceid' };

/** What a user writes in a Code node to call Tencent without the package: Tencent's TC3 steps, per item. */
function signingCode(endpoint: string): string {
	return `const crypto = require('crypto');
const secretId = ${JSON.stringify(SANDBOX_CREDENTIALS.secretId)};
const secretKey = ${JSON.stringify(SANDBOX_CREDENTIALS.secretKey)};
const host = ${JSON.stringify(new URL(endpoint).host)};
const service = '${ACTION.service}';
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');
const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
return $input.all().map((item) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const body = JSON.stringify({ Name: item.json.name, IdCard: item.json.idCard });
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = 'content-type:application/json; charset=utf-8\\nhost:' + host + '\\nx-tc-action:${ACTION.name.toLowerCase()}\\n';
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\\n');
  const scope = date + '/' + service + '/tc3_request';
  const stringToSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256(canonicalRequest)].join('\\n');
  const key = hmac(hmac(hmac('TC3' + secretKey, date), service), 'tc3_request');
  const signature = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  return { json: { body, timestamp: String(timestamp), authorization: 'TC3-HMAC-SHA256 Credential=' + secretId + '/' + scope + ', SignedHeaders=' + signedHeaders + ', Signature=' + signature } };
});`;
}

type Node = ExampleWorkflow['json']['nodes'][number] & { id: string; typeVersion: number; position: [number, number] };

function workflow(name: string, nodes: Node[], pinned: Array<{ json: Record<string, unknown> }>): ExampleWorkflow {
	const connections: ExampleWorkflow['json']['connections'] = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	const file = `bench-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`;
	return {
		file,
		id: workflowIdFor(file),
		name,
		json: { name, nodes, connections, pinData: { Start: pinned }, settings: { executionOrder: 'v1' } },
	};
}

const start: Node = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

/** Where the HTTP Request node takes each request's signature and body from: the Code node's item, by default. */
const FROM_SIGNING_NODE = { authorization: '={{ $json.authorization }}', timestamp: '={{ $json.timestamp }}', body: '={{ $json.body }}' };

function httpRequest(endpoint: string, batching: boolean, values = FROM_SIGNING_NODE): Node {
	return {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: {
			method: 'POST',
			url: endpoint,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Authorization', value: values.authorization },
					{ name: 'X-TC-Action', value: ACTION.name },
					{ name: 'X-TC-Version', value: ACTION.version },
					{ name: 'X-TC-Timestamp', value: values.timestamp },
				],
			},
			sendBody: true,
			contentType: 'raw',
			rawContentType: 'application/json; charset=utf-8',
			body: values.body,
			options: batching ? { batching: { batch: { batchSize: 100, batchInterval: 1000 } } } : {},
		},
	};
}

/**
 * n8n's own work for one request per item, with nothing to evaluate: the HTTP Request node alone,
 * batched, every parameter fixed. Unsigned, so every answer is an AuthFailure of about the size of
 * a verdict; what it measures is the floor under any node that sends each item's request through
 * n8n's HTTP helper.
 */
const FIXED_REQUEST = {
	authorization: 'TC3-HMAC-SHA256 Credential=unsigned/2026-01-01/faceid/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=0',
	timestamp: '1767225600',
	body: JSON.stringify({ Name: 'n8n floor', IdCard: '110101199003070011' }),
};

/** The workflows over the same pinned items. */
function workflows(endpoint: string, count: number): Record<'faceId' | 'byHand' | 'byHandBatched' | 'floor', ExampleWorkflow> {
	const pinned = itemsOf(workloadIdentities(count));
	const code: Node = {
		id: 'sign',
		name: 'Sign TC3',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { mode: 'runOnceForAllItems', jsCode: signingCode(endpoint) },
	};
	const faceIdNode: Node = {
		id: 'faceid',
		name: 'FaceID',
		type: FACEID_NODE_TYPE,
		typeVersion: CURRENT_VERSION,
		position: [220, 0],
		parameters: { resource: 'identityCard', ...idCardParameters() },
		credentials: { tencentCloudApi: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } },
	};
	return {
		faceId: workflow('FaceID node', [start, faceIdNode], pinned),
		byHand: workflow('HTTP Request defaults', [start, code, httpRequest(endpoint, false)], pinned),
		byHandBatched: workflow('HTTP Request batched', [start, code, httpRequest(endpoint, true)], pinned),
		floor: workflow('HTTP Request fixed', [start, httpRequest(endpoint, true, FIXED_REQUEST)], pinned),
	};
}

/** utime + stime of a process and all its descendants, in ms. */
function treeCpuMs(rootPid: number): number {
	const parents = new Map<number, number>();
	const ticks = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(path.join('/proc', entry, 'stat'), 'utf8');
			// The command name may hold spaces: fields start after its closing parenthesis.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(entry), Number(fields[1]));
			ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
		} catch {
			// The process ended while the list was read.
		}
	}
	let total = 0;
	for (const [pid, cpu] of ticks) {
		for (let ancestor: number | undefined = pid; ancestor !== undefined && ancestor > 1; ancestor = parents.get(ancestor)) {
			if (ancestor === rootPid) {
				total += cpu;
				break;
			}
		}
	}
	return (total * 1000) / 100; // USER_HZ is 100 on Linux
}

async function finished(rest: N8nRest, executionId: string) {
	return await waitFor(
		`execution ${executionId} to finish`,
		async () => {
			const execution = await rest.execution(executionId);
			return ['success', 'error', 'crashed', 'canceled'].includes(execution.status) ? execution : undefined;
		},
		{ timeoutMs: 240_000, intervalMs: 250 },
	);
}

/** Per input item (by pairedItem, else by position): the Result its output item carries, or the error code. */
function resultsOf(data: RunExecutionData, node: string): string[] {
	const results: string[] = [];
	const outputs = data.resultData.runData[node]?.[0]?.data?.main ?? [];
	let position = 0;
	for (const items of outputs) {
		for (const item of items ?? []) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			const index = typeof paired === 'object' && paired !== null ? paired.item : position;
			position++;
			const json = item.json as { outcome?: { code?: string }; Response?: { Result?: string; Error?: { Code?: string } }; error?: unknown };
			results[index] = json.outcome?.code ?? json.Response?.Result ?? json.Response?.Error?.Code ?? String(json.error ?? '');
		}
	}
	return results;
}

export async function realN8nComparison(options: {
	sandboxUrl: string;
	count: number;
	workDir: string;
	log: (line: string) => void;
}): Promise<RealN8nResult> {
	const release = await ensureN8nInstalled(options.log, N8N_VERSION);
	const instance = new N8nInstance({
		userFolder: path.join(options.workDir, 'n8n'),
		port: await freePort(),
		encryptionKey: 'bench-real-n8n-key',
		release,
		// The Code node may load Node's crypto module: what a user enables to sign by hand.
		extra: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto', N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all' },
	});
	await freshUserFolder(instance, await packPackage(path.join(options.workDir, 'pack')));
	await importCredentials(instance, [sandboxCredential(options.sandboxUrl)], options.workDir);
	const flows = workflows(options.sandboxUrl, options.count);
	await importWorkflows(instance, [flows.faceId, flows.byHand, flows.byHandBatched, flows.floor], options.workDir);

	const main = await instance.start('start', 'n8n (benchmark)', path.join(options.workDir, 'n8n.log'));
	try {
		await instance.waitUntilReady(main);
		const rest = new N8nRest(instance.url, release);
		await rest.signIn();
		const pid = main.pid!;
		// Let start-up settle, then the tree's CPU while doing nothing.
		await delay(5_000);
		const idleStart = treeCpuMs(pid);
		await delay(10_000);
		const idleCpuPerSecondMs = (treeCpuMs(pid) - idleStart) / 10;
		const expected = workloadIdentities(options.count).map((identity) => identity.expected);

		const run = async (label: string, flow: ExampleWorkflow, lastNode: string): Promise<RealN8nRow> => {
			// A warm-up run of the same workflow: the first execution loads the nodes and the task runner.
			await finished(rest, await rest.runManually(flow.id, 'Start'));
			await delay(11_000); // the sandbox's one-second windows are empty again
			const cpuBefore = treeCpuMs(pid);
			const execution = await finished(rest, await rest.runManually(flow.id, 'Start'));
			const cpuMs = treeCpuMs(pid) - cpuBefore;
			const results = resultsOf(execution.data, lastNode);
			return {
				label,
				items: options.count,
				wallMs: Date.parse(execution.stoppedAt ?? '') - Date.parse(execution.startedAt ?? ''),
				cpuMs,
				rightVerdicts: results.filter((result, index) => result === expected[index]).length,
				throttledItems: results.filter((result) => result === 'RequestLimitExceeded').length,
				status: execution.status,
			};
		};
		const rows = [
			await run('FaceID node, defaults', flows.faceId, 'FaceID'),
			await run('Code node (TC3 by hand) → HTTP Request, defaults', flows.byHand, 'HTTP Request'),
			await run('Code node (TC3 by hand) → HTTP Request, Batching 100 items per 1 s', flows.byHandBatched, 'HTTP Request'),
			await run("n8n's floor: HTTP Request alone, fixed parameters, Batching 100 items per 1 s", flows.floor, 'HTTP Request'),
		];
		return { version: release.version, rows, idleCpuPerSecondMs };
	} finally {
		await main.stop();
	}
}
