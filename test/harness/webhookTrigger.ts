/**
 * Runs a webhook trigger as n8n does when its workflow is active: activation calls the node's
 * webhookMethods (checkExists, then create) in n8n-core's HookContext with the production URL;
 * each request that reaches the URL over real HTTP runs the node's webhook() in a WebhookContext,
 * whose response object is Node's own; workflowData it returns is an execution n8n would start,
 * and `runTriggered` runs it through WorkflowExecute.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IVersionedNodeType,
	type IWebhookData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { coreNodeStandIns } from './coreNodeStandIns';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { setupHarness } from './environment';
import type { WorkflowJson } from './index';
import { HarnessNodeTypes } from './nodeTypes';
import type { WorkflowRunResult } from './result';
import { runFromTrigger } from './triggeredRun';
import { toWorkflowData } from './workflowData';

export interface WebhookRunner {
	/** The URL n8n would serve the node's webhook on (what the node learns as its own). */
	url: string;
	/** Activation (or "Listen for test event" with `manual`): checkExists, then create when it says false. */
	activate(mode?: WorkflowActivateMode): Promise<{ existed: boolean }>;
	deactivate(mode?: WorkflowActivateMode): Promise<void>;
	/** The data of each execution the webhook started, in arrival order. */
	started: INodeExecutionData[][][];
	/** The execution n8n starts for a webhook's data. */
	runTriggered(data: INodeExecutionData[][]): Promise<WorkflowRunResult>;
	errors: Error[];
	close(): Promise<void>;
}

export interface WebhookRunnerOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
}

let executionCounter = 0;

/** `mode`: 'webhook' for an active workflow's production URL, 'manual' for "Listen for test event". */
export async function webhookRunner(json: WorkflowJson, nodeName: string, options: WebhookRunnerOptions, mode: 'webhook' | 'manual' = 'webhook'): Promise<WebhookRunner> {
	await setupHarness();
	const workflowData = toWorkflowData(json, { active: true });
	const nodeTypes = new HarnessNodeTypes({ ...coreNodeStandIns(), ...options.nodeTypes });
	const workflow = new Workflow({ ...structuredClone(workflowData), nodeTypes });
	const node = workflow.getNode(nodeName) as INode;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.[0];
	if (!description || !nodeType.webhook) throw new Error(`${nodeName} has no webhook`);
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
	const started: INodeExecutionData[][][] = [];
	const errors: Error[] = [];

	const server: Server = createServer((req, res) => void serve(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	const path = `/webhook/${node.webhookId}/${String(description.path)}`;

	const additionalData = (mode: WorkflowExecuteMode, extra: object = {}) => {
		const executionId = `webhook-${++executionCounter}`;
		return { ...createAdditionalData(new ExecutionLifecycleHooks(mode, executionId, workflowData), credentialsHelper, executionId), webhookBaseUrl: base, ...extra };
	};
	const webhookData = (data: ReturnType<typeof additionalData>): IWebhookData => ({
		httpMethod: 'GET',
		node: node.name,
		path: `${node.webhookId}/${String(description.path)}`,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
	});

	async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname !== path || req.method !== 'GET') {
			res.statusCode = 404;
			res.end('The requested webhook is not registered.');
			return;
		}
		// n8n's express request: the query string parsed into `query`.
		const request = Object.assign(req, { query: Object.fromEntries(url.searchParams), params: {}, body: {} });
		const data = additionalData(mode, { httpRequest: request, httpResponse: res });
		try {
			const context = new WebhookContext(workflow, node, data as never, mode, webhookData(data), [], null);
			const answer = await nodeType.webhook!.call(context);
			if (answer.workflowData) started.push(answer.workflowData);
			if (!answer.noWebhookResponse && !res.headersSent) res.end('Workflow was started');
		} catch (error) {
			errors.push(error as Error);
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end('Error in workflow');
			}
		}
	}

	const hook = (mode: WorkflowActivateMode) => {
		const data = additionalData('trigger');
		return new HookContext(workflow, node, data, 'trigger', mode, webhookData(data));
	};
	const methods = nodeType.webhookMethods?.default;

	return {
		url: `${base}/${node.webhookId}/${String(description.path)}`,
		started,
		errors,
		runTriggered: async (data) => await runFromTrigger({ workflowData, nodeTypes, credentialsHelper, triggerName: nodeName, data, mode: 'webhook' }),
		async activate(mode = 'activate') {
			const existed = (await methods?.checkExists?.call(hook(mode))) === true;
			if (!existed) await methods?.create?.call(hook(mode));
			return { existed };
		},
		async deactivate(mode = 'activate') {
			await methods?.delete?.call(hook(mode));
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
