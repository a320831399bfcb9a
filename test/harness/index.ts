import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeType,
	IPinData,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { readFileSync } from 'node:fs';

import { createAdditionalData } from './additionalData';
import { coreNodeStandIns } from './coreNodeStandIns';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { setupHarness } from './environment';
import { RecordingLogger } from './logger';
import { HarnessNodeTypes } from './nodeTypes';
import { toWorkflowData } from './workflowData';
import { makeResult, type WorkflowRunResult } from './result';

export { coreNodeStandIns } from './coreNodeStandIns';
export { setupHarness, shutdownHarness } from './environment';
export type { ExpressionEngine, HarnessSetupOptions } from './environment';
export { RecordingLogger } from './logger';
export type { HarnessLogLevel, LogRecord } from './logger';
export { packageTypes, PACKAGE_NAME } from './packageTypes';
export type { PackageTypes, PackageTypesOptions } from './packageTypes';
export type { WorkflowRunResult } from './result';
export { triggerRunner } from './pollTrigger';
export type { TriggerRunner, TriggerRunnerOptions } from './pollTrigger';

/** What a workflow JSON file needs to hold; a full IWorkflowBase fits too. */
export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'id' | 'name' | 'settings' | 'staticData' | 'pinData'>>;

export interface RunWorkflowOptions {
	/** decrypted credential data by credential type name, e.g. { tencentCloudApi: {...} } */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** node types by full type name, added to (and overriding) the core node stand-ins */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes?: ICredentialType[];
	/** default 'manual' */
	mode?: WorkflowExecuteMode;
	/** also receives every line n8n logs during this run (the result has them in `logs` anyway) */
	logger?: RecordingLogger;
	/** aborting cancels the execution as n8n's stop button does */
	signal?: AbortSignal;
	/** name of the node to start from; default: n8n's choice, the trigger */
	startNode?: string;
	/**
	 * Node outputs to use instead of running the node, as n8n's pinned data. Merged over the
	 * workflow's own pinData, which (as in n8n) only counts in 'manual' mode.
	 */
	pinData?: IPinData;
}

let executionCounter = 0;

/** Runs workflow JSON through n8n-core's WorkflowExecute, the engine n8n itself uses. */
export async function runWorkflow(
	workflowOrPath: WorkflowJson | string,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	const env = await setupHarness();
	const json = typeof workflowOrPath === 'string' ? readWorkflowJson(workflowOrPath) : workflowOrPath;
	const mode = options.mode ?? 'manual';
	const executionId = `harness-${++executionCounter}`;

	const workflowData = toWorkflowData(json);
	const nodeTypes = new HarnessNodeTypes({ ...coreNodeStandIns(), ...options.nodeTypes });
	// Workflow fills in parameter defaults, so it gets a copy: the caller's JSON stays as is.
	const workflow = new Workflow({ ...structuredClone(workflowData), nodeTypes });
	const startNode = options.startNode === undefined ? undefined : workflow.getNode(options.startNode);
	if (startNode === null) throw new Error(`harness: start node '${options.startNode}' is not in the workflow`);
	const pinData = { ...(mode === 'manual' ? json.pinData : {}), ...options.pinData };

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes ?? [], options.credentials ?? {});
	const additionalData = createAdditionalData(hooks, credentialsHelper, executionId);

	const logs = new RecordingLogger();
	const detach = [env.fanOut.add(logs), options.logger ? env.fanOut.add(options.logger) : () => {}];
	try {
		const execution = new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode,
			pinData: Object.keys(pinData).length ? pinData : undefined,
		});
		const run = await cancelOnAbort(execution, options.signal);
		return makeResult(run, workflow, executionOrder, logs);
	} finally {
		for (const d of detach) d();
	}
}

/** n8n's stop button: cancel() aborts the running node's signal; the run resolves once it returns. */
async function cancelOnAbort(
	execution: ReturnType<WorkflowExecute['run']>,
	signal: AbortSignal | undefined,
): Promise<IRun> {
	const cancel = () => execution.cancel();
	if (signal?.aborted) cancel();
	else signal?.addEventListener('abort', cancel, { once: true });
	try {
		return await execution;
	} finally {
		signal?.removeEventListener('abort', cancel);
	}
}


function readWorkflowJson(path: string): WorkflowJson {
	const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<WorkflowJson>;
	if (!Array.isArray(json.nodes) || typeof json.connections !== 'object' || json.connections === null) {
		throw new Error(`harness: ${path} is not workflow JSON (needs nodes and connections)`);
	}
	return json as WorkflowJson;
}
