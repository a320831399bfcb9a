/**
 * The demo: runs every workflow in examples/ through n8n's own engine (n8n-core's WorkflowExecute)
 * with the compiled package, and prints which item left by which output.
 *
 * Without Tencent keys it starts the bundled sandbox and points the credential at it. With
 * TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY set it calls the real API (billable!).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import type { ICredentialDataDecryptedObject, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { maskIdCardNumber, maskName } from '../lib/tencent/idCardNumber';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server';
import { closeAllRegistries } from '../lib/tencent/pendingVerifications/registry';
import { runWorkflow, triggerRunner, type WorkflowRunResult } from '../test/harness';
import { packageTypes } from '../test/harness/packageTypes';
import { TEST_CUSTOMERS } from './testCustomers';
import { activate, actAsCustomers, isResultWorkflow, pollUntil, type ActiveResultWorkflow } from './demo/hostedLinks';

const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
const FACEID_TYPE = 'n8n-nodes-tencent-faceid.faceId';
const TRIGGER_TYPE = 'n8n-nodes-tencent-faceid.faceIdTrigger';
/** How long the demo waits for the trigger to pick up the asynchronous results. */
const TRIGGER_DEADLINE_MS = 30_000;
/** The demo's poll interval for the verification links (n8n's is a minute at least). */
const POLL_EVERY_MS = 5_000;

async function credentialsFor(): Promise<{ credential: ICredentialDataDecryptedObject; target: string; sandbox?: Sandbox }> {
	const secretId = process.env.TENCENTCLOUD_SECRET_ID;
	const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
	if (secretId && secretKey) {
		const site = process.env.TENCENTCLOUD_SITE === 'china' ? 'china' : 'international';
		return {
			credential: {
				secretId,
				secretKey,
				sessionToken: process.env.TENCENTCLOUD_SESSION_TOKEN ?? '',
				site,
				region: process.env.TENCENTCLOUD_REGION ?? '',
				language: 'en-US',
				endpoint: '',
			},
			target: `the real Tencent Cloud API (${site} site) — billable calls`,
		};
	}
	const sandbox = await startSandbox();
	return {
		credential: { ...SANDBOX_CREDENTIALS, site: 'international', region: '', language: 'en-US', endpoint: sandbox.url },
		target: `the bundled sandbox at ${sandbox.url} (test keys, no Tencent account)`,
		sandbox,
	};
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) {
		width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1;
	}
	return width;
}

function pad(text: string, columns: number): string {
	return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/** A short, masked description of the record an item came from. */
function describeRecord(json: Record<string, unknown>): string {
	const name = typeof json.name === 'string' ? maskName(json.name) : '';
	const id = typeof json.idNumber === 'string' ? maskIdCardNumber(json.idNumber) : '';
	const ref = typeof json.crmId === 'string' ? json.crmId : typeof json.reference === 'string' ? json.reference : '';
	return [ref, name, id].filter(Boolean).join(' ');
}

function outcomeText(item: INodeExecutionData): string {
	const outcome = item.json.outcome as { code?: string; description?: string } | undefined;
	if (outcome) return `${outcome.code}: ${outcome.description}`;
	if (item.json.error) return String(item.json.error);
	return '';
}

const types = () => packageTypes({ root: 'dist' });

/** Prints, for each item a FaceID node or trigger sent on, its record, output, next node and outcome. */
function printRoutes(
	workflow: IWorkflowBase,
	result: WorkflowRunResult,
	nodeName: string,
	sourceOf: (item: INodeExecutionData) => Record<string, unknown>,
	numbered = true,
): void {
	const outputs = result.outputs(nodeName);
	const targets = workflow.connections[nodeName]?.main ?? [];
	outputs.forEach((items, outputIndex) => {
		const next = targets[outputIndex]?.map((connection) => connection.node).join(', ') || '(not connected)';
		const label = outputLabel(outputs.length, outputIndex);
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			const index = numbered && typeof paired === 'object' && paired ? String(paired.item) : '-';
			console.log(
				`  item ${pad(index, 2)} ${pad(describeRecord(sourceOf(item)), 38)} → ${pad(label, 7)} → ${pad(next, 24)} ${outcomeText(item)}`,
			);
		}
	});
}

/**
 * The record an output item of `nodeName` came from: its input item, by pairedItem, or — when that
 * is the answer of a FaceID node before it — that node's input, and so on back.
 */
function recordOf(result: WorkflowRunResult, nodeName: string, item: INodeExecutionData): Record<string, unknown> {
	let node = nodeName;
	let current = item;
	for (;;) {
		const paired = Array.isArray(current.pairedItem) ? current.pairedItem[0] : current.pairedItem;
		const input = typeof paired === 'object' && paired ? result.inputsOf(node)[paired.item] : undefined;
		if (!input) return {};
		const source = result.run.data.resultData.runData[node]?.[0]?.source?.[0]?.previousNode;
		const answered = input.json.outcome !== undefined;
		if (!answered || !source) return input.json;
		node = source;
		current = input;
	}
}

async function runManualExample(workflow: IWorkflowBase, credential: ICredentialDataDecryptedObject, withCustomers: boolean): Promise<void> {
	const result = await runWorkflow(workflow, { credentials: { tencentCloudApi: credential }, ...types() });
	if (result.error) {
		console.log(`  workflow error: ${result.error.message}`);
		process.exitCode = 1;
	}
	const faceIdNodes = workflow.nodes.filter((n) => n.type === FACEID_TYPE);
	for (const node of faceIdNodes) {
		// Several checks in a row: say which one each block of lines is.
		if (faceIdNodes.length > 1) console.log(`  ${node.name}:`);
		printRoutes(workflow, result, node.name, (item) => recordOf(result, node.name, item));
		// Links were sent: the test customers open them.
		const links = result.outputs(node.name).flat().filter((item) => typeof item.json.verificationUrl === 'string');
		if (links.length && withCustomers) await actAsCustomers(links, (line) => console.log(line));
	}
}

/** The result workflow: what its Return Trigger started, then what its FaceID Trigger's poll finds. */
async function runResultWorkflow(active: ActiveResultWorkflow, file: string): Promise<void> {
	const { workflow } = active;
	console.log(`\n▶ ${workflow.name}  (examples/${file}, active since the demo began)`);
	for (const data of active.returns.started) {
		printRoutes(workflow, await active.returns.runTriggered(data), active.returnName, (item) => item.json, false);
	}
	const expected = Object.values(TEST_CUSTOMERS).filter((action) => action === 'leave').length;
	console.log(`  … waiting for the FaceID Trigger's poll (n8n polls at most every minute; here every ${POLL_EVERY_MS / 1000} s)`);
	for (const data of await pollUntil(active, expected, TRIGGER_DEADLINE_MS, POLL_EVERY_MS)) {
		printRoutes(workflow, await active.poll!.runTriggered(data), active.pollName!, (item) => item.json, false);
	}
	await active.returns.close();
}

/** Polls as an active workflow would, and runs the execution n8n starts for each emission. */
async function runTriggerExample(workflow: IWorkflowBase, triggerName: string, credential: ICredentialDataDecryptedObject): Promise<void> {
	const trigger = await triggerRunner(workflow, triggerName, { credentials: { tencentCloudApi: credential }, ...types() });
	const deadline = Date.now() + TRIGGER_DEADLINE_MS;
	let emitted = 0;
	let idleTicks = 0;
	while (Date.now() < deadline && idleTicks < 3) {
		const data = await trigger.tick();
		if (data) {
			idleTicks = 0;
			emitted += data.flat().length;
			const result = await trigger.runTriggered(data);
			printRoutes(workflow, result, triggerName, (item) => item.json, false);
		} else if (emitted > 0) {
			idleTicks++;
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	for (const error of trigger.errors) console.log(`  trigger error: ${error.message}`);
	if (emitted === 0) {
		console.log('  no result arrived before the deadline');
		process.exitCode = 1;
	}
}

function readExample(file: string): IWorkflowBase {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as IWorkflowBase;
}

async function runExample(file: string, workflow: IWorkflowBase, credential: ICredentialDataDecryptedObject, withCustomers: boolean): Promise<void> {
	console.log(`\n▶ ${workflow.name}  (examples/${file})`);
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (trigger) await runTriggerExample(workflow, trigger.name, credential);
	else await runManualExample(workflow, credential, withCustomers);
}

/** Output names of the FaceID node: three routed outputs, plus n8n's error output when enabled. */
function outputLabel(outputCount: number, index: number): string {
	const routed = ['Passed', 'Failed', 'Review'];
	if (outputCount === 1) return 'Output';
	if (outputCount === 2) return index === 0 ? 'Output' : 'Error';
	return routed[index] ?? 'Error';
}

async function main(): Promise<void> {
	// The pending-verification registry lives in n8n's user folder: keep the demo's out of ~/.n8n.
	const userFolder = process.env.N8N_USER_FOLDER ? undefined : mkdtempSync(path.join(tmpdir(), 'faceid-demo-'));
	if (userFolder) process.env.N8N_USER_FOLDER = userFolder;
	const { credential, target, sandbox } = await credentialsFor();
	console.log(`FaceID demo: examples/ through n8n's engine against ${target}`);
	try {
		const examples = readdirSync(EXAMPLES_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => ({ file, workflow: readExample(file) }));
		// The result workflows of verification links are active before any link is sent, as a user sets them up.
		const results = examples.filter(({ workflow }) => isResultWorkflow(workflow));
		const active = sandbox ? await Promise.all(results.map(async ({ file, workflow }) => [file, await activate(workflow, credential, types())] as const)) : [];
		for (const { file, workflow } of examples.filter((example) => !results.includes(example))) {
			await runExample(file, workflow, credential, sandbox !== undefined);
		}
		for (const [file, workflow] of active) await runResultWorkflow(workflow, file);
		if (!sandbox) for (const { file } of results) console.log(`\n▶ examples/${file}: not run here; it needs customers who open real verification links`);
	} finally {
		await closeAllRegistries();
		await sandbox?.close();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
