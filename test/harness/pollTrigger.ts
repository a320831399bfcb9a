/**
 * Runs a polling trigger as n8n does when its workflow is active: n8n-core's PollTriggerExecutor
 * calls the node's poll() in a PollContext; what the poll returns is handed to `__emit`, which in
 * n8n starts an execution. `runTriggered` is that execution: the workflow run by WorkflowExecute
 * with the emitted items as the trigger's output (as n8n's workflow runner starts it).
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext, PollTriggerExecutor } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IVersionedNodeType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { setupHarness } from './environment';
import type { WorkflowJson } from './index';
import { createAdditionalData } from './additionalData';
import { coreNodeStandIns } from './coreNodeStandIns';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessNodeTypes } from './nodeTypes';
import { toWorkflowData } from './workflowData';
import type { WorkflowRunResult } from './result';
import { runFromTrigger } from './triggeredRun';

export interface TriggerRunnerOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
	/** n8n's poll budget (getPollBudgetMs); n8n's default is 5 minutes. */
	budgetMs?: number;
}

export interface TriggerRunner {
	/** One tick, as an active workflow gets it; the emitted data, or undefined when the poll returned null. */
	tick(): Promise<INodeExecutionData[][] | undefined>;
	/** A tick whose result n8n discards (the workflow was saved while the poll ran): __emit is never called. */
	discardedTick(): Promise<INodeExecutionData[][] | null>;
	/** What "Fetch Test Event" gets: the poll run in manual mode. */
	manual(): Promise<INodeExecutionData[][] | null>;
	/** The execution n8n starts for emitted data. */
	runTriggered(data: INodeExecutionData[][]): Promise<WorkflowRunResult>;
	/** Errors the trigger reported through `__emitError`. */
	errors: Error[];
}

let executionCounter = 0;


export async function triggerRunner(json: WorkflowJson, triggerName: string, options: TriggerRunnerOptions): Promise<TriggerRunner> {
	await setupHarness();
	const workflowData = toWorkflowData(json, { active: true });
	const nodeTypes = new HarnessNodeTypes({ ...coreNodeStandIns(), ...options.nodeTypes });
	const workflow = new Workflow({ ...structuredClone(workflowData), nodeTypes });
	const node = workflow.getNode(triggerName) as INode;
	if (!node) throw new Error(`no node ${triggerName}`);
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
	const additionalDataFor = (mode: WorkflowExecuteMode) => {
		const executionId = `trigger-${++executionCounter}`;
		return createAdditionalData(new ExecutionLifecycleHooks(mode, executionId, workflowData), credentialsHelper, executionId);
	};
	const errors: Error[] = [];

	return {
		errors,
		async tick() {
			let emitted: INodeExecutionData[][] | undefined;
			const context = new PollContext(
				workflow,
				node,
				additionalDataFor('trigger'),
				'trigger',
				'activate',
				(data) => {
					emitted = data;
				},
				(error) => {
					errors.push(error);
				},
				undefined,
				undefined,
				undefined,
				() => options.budgetMs ?? 5 * 60_000,
			);
			const run = Container.get(PollTriggerExecutor).create(workflow, node, context, () => true);
			await run(false);
			return emitted;
		},
		async discardedTick() {
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const context = new PollContext(workflow, node, additionalDataFor('trigger'), 'trigger', 'activate', () => {
				throw new Error('a discarded poll result must not be emitted');
			}, (error) => {
				errors.push(error);
			});
			return await nodeType.poll!.call(context);
		},
		async manual() {
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const context = new PollContext(workflow, node, additionalDataFor('manual'), 'manual', 'manual');
			return await nodeType.poll!.call(context);
		},
		runTriggered: async (data) => await runFromTrigger({ workflowData, nodeTypes, credentialsHelper, triggerName, data, mode: 'trigger' }),
	};
}
