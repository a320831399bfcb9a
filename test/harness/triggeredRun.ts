/**
 * The execution n8n starts for a trigger's data: the workflow run by n8n-core's WorkflowExecute with
 * the data as the trigger node's output, as n8n's workflow runner starts it (polls and webhooks alike).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow, type INode, type INodeExecutionData, type IWorkflowBase, type WorkflowExecuteMode } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import type { HarnessCredentialsHelper } from './credentialsHelper';
import { RecordingLogger } from './logger';
import type { HarnessNodeTypes } from './nodeTypes';
import { makeResult, type WorkflowRunResult } from './result';

let executionCounter = 0;

export async function runFromTrigger(options: {
	workflowData: IWorkflowBase;
	nodeTypes: HarnessNodeTypes;
	credentialsHelper: HarnessCredentialsHelper;
	triggerName: string;
	data: INodeExecutionData[][];
	mode: WorkflowExecuteMode;
}): Promise<WorkflowRunResult> {
	const executionId = `triggered-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	const workflow = new Workflow({ ...structuredClone(options.workflowData), nodeTypes: options.nodeTypes });
	const startNode = workflow.getNode(options.triggerName) as INode;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: options.data }, source: null }] },
	});
	const execute = new WorkflowExecute(createAdditionalData(hooks, options.credentialsHelper, executionId), options.mode, runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	return makeResult(run, workflow, executionOrder, new RecordingLogger());
}
