import type { ExecutionError, INodeExecutionData, IRun, Workflow } from 'n8n-workflow';

import type { RecordingLogger } from './logger';

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

export function makeResult(
	run: IRun,
	workflow: Workflow,
	executionOrder: string[],
	logs: RecordingLogger,
): WorkflowRunResult {
	const { runData } = run.data.resultData;
	// a misspelt node name must not read as "did not run"
	const taskData = (nodeName: string) => {
		if (!workflow.getNode(nodeName)) throw new Error(`harness: no node named '${nodeName}' in the workflow`);
		return runData[nodeName]?.[0];
	};
	return {
		run,
		error: run.data.resultData.error,
		// with "continue (using error output)" n8n appends the error output after the node's own
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
