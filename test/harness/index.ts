import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeExecutionData,
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

export { coreNodeStandIns } from './coreNodeStandIns';
export { setupHarness, shutdownHarness } from './environment';
export type { ExpressionEngine, HarnessSetupOptions } from './environment';
export { RecordingLogger } from './logger';
export type { HarnessLogLevel, LogRecord } from './logger';
export { packageTypes, PACKAGE_NAME } from './packageTypes';
export type { PackageTypes, PackageTypesOptions } from './packageTypes';

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

export interface WorkflowRunResult {
	run: IRun;
	/** items of each output of a node (first run): outputs('FaceID')[0] = Passed items etc.; [] if it did not run */
	outputs(nodeName: string): INodeExecutionData[][];
	/** workflow-level error, if any */
	error?: ExecutionError;
	nodeError(nodeName: string): ExecutionError | undefined;
	/** the items a node received on one input (first run), read back from its source node's output */
	inputsOf(nodeName: string, inputIndex?: number): INodeExecutionData[];
	ran(nodeName: string): boolean;
	/** node names in the order they finished */
	executionOrder: string[];
	/** what n8n logged during this run */
	logs: RecordingLogger;
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

	const nodeTypes = new HarnessNodeTypes({ ...coreNodeStandIns(), ...options.nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes ?? [], options.credentials ?? {});
	const workflowData: IWorkflowBase = {
		id: json.id ?? 'harness-workflow',
		name: json.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		staticData: json.staticData,
	};
	// Workflow fills in parameter defaults, so it gets a copy: the caller's JSON stays as is.
	const workflow = new Workflow({ ...structuredClone(workflowData), nodeTypes });
	const pinData = { ...(mode === 'manual' ? json.pinData : {}), ...options.pinData };

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	const additionalData = createAdditionalData(hooks, credentialsHelper, executionId);

	const startNode = options.startNode === undefined ? undefined : workflow.getNode(options.startNode);
	if (startNode === null) throw new Error(`harness: start node '${options.startNode}' is not in the workflow`);

	const logs = new RecordingLogger();
	const detach = [env.fanOut.add(logs), options.logger ? env.fanOut.add(options.logger) : () => {}];
	const cancel = () => execution.cancel();
	let execution: ReturnType<WorkflowExecute['run']>;
	try {
		execution = new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode,
			pinData: Object.keys(pinData).length ? pinData : undefined,
		});
		if (options.signal?.aborted) cancel();
		else options.signal?.addEventListener('abort', cancel, { once: true });
		// On cancel n8n aborts the running node's signal and resolves once that node returns.
		const run = await execution;
		return makeResult(run, workflow, executionOrder, logs);
	} finally {
		options.signal?.removeEventListener('abort', cancel);
		for (const d of detach) d();
	}
}

function makeResult(run: IRun, workflow: Workflow, executionOrder: string[], logs: RecordingLogger): WorkflowRunResult {
	const { runData } = run.data.resultData;
	const taskData = (nodeName: string) => {
		if (!workflow.getNode(nodeName)) {
			throw new Error(`harness: no node named '${nodeName}' in the workflow`);
		}
		return runData[nodeName]?.[0];
	};
	return {
		run,
		error: run.data.resultData.error,
		// n8n puts the error output ("continue (using error output)") after the node's own outputs
		outputs: (nodeName) => (taskData(nodeName)?.data?.main ?? []).map((items) => items ?? []),
		nodeError: (nodeName) => taskData(nodeName)?.error,
		inputsOf: (nodeName, inputIndex = 0) => {
			const source = taskData(nodeName)?.source[inputIndex];
			if (!source) return [];
			const sourceRun = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
			return sourceRun?.data?.main[source.previousNodeOutput ?? 0] ?? [];
		},
		ran: (nodeName) => taskData(nodeName) !== undefined,
		executionOrder,
		logs,
	};
}

function readWorkflowJson(path: string): WorkflowJson {
	const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<WorkflowJson>;
	if (!Array.isArray(json.nodes) || typeof json.connections !== 'object' || json.connections === null) {
		throw new Error(`harness: ${path} is not workflow JSON (needs nodes and connections)`);
	}
	return json as WorkflowJson;
}
