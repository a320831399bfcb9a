/**
 * Builds and runs the smallest workflow around one FaceID node: Manual Trigger (with the given
 * items pinned) → FaceID → one NoOp per output, through n8n's engine with the package's types.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { runWorkflow, type WorkflowRunResult } from '../harness';
import { packageTypes } from '../harness/packageTypes';
import { SANDBOX_CREDENTIALS, type Sandbox } from '../../sandbox/server';
import { OPERATIONS } from '../../nodes/FaceId/actions/operations';
import { CURRENT_VERSION } from '../../nodes/FaceId/operationMenus';

export const FACEID_NODE = 'FaceID';
export const FACEID_TYPE = 'n8n-nodes-tencent-faceid.faceId';

export interface FaceIdRunOptions {
	parameters: INodeParameters;
	items: INodeExecutionData[];
	credential: ICredentialDataDecryptedObject;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** The node's version; the current one by default, its Resource filled in from the operation. */
	typeVersion?: number;
}

/** The package's credential with the sandbox's test keys, pointed at a sandbox (or any URL). */
export function sandboxCredential(sandbox: Sandbox | string, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		...SANDBOX_CREDENTIALS,
		sessionToken: '',
		site: 'international',
		region: '',
		language: 'en-US',
		endpoint: typeof sandbox === 'string' ? sandbox : sandbox.url,
		...overrides,
	};
}

/** The parameters as the editor saves them at `typeVersion`: from version 2 on, with the operation's Resource. */
function savedParameters(parameters: INodeParameters, typeVersion: number): INodeParameters {
	if (typeVersion < 2 || parameters.resource !== undefined) return parameters;
	const resource = OPERATIONS.find((operation) => operation.value === (parameters.operation ?? 'idCardVerification'))?.resource;
	return resource ? { resource, ...parameters } : parameters;
}

export function faceIdWorkflow(parameters: INodeParameters, onError?: FaceIdRunOptions['onError'], typeVersion = CURRENT_VERSION): IWorkflowBase {
	const routed = parameters.routeByOutcome !== false;
	const outputNames = routed ? ['Passed', 'Failed', 'Review'] : ['Output'];
	if (onError === 'continueErrorOutput') outputNames.push('Error');
	return {
		id: 'faceid-test',
		name: 'FaceID test',
		active: false,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		activeVersionId: null,
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: FACEID_NODE,
				type: FACEID_TYPE,
				typeVersion,
				position: [200, 0],
				parameters: savedParameters(parameters, typeVersion),
				credentials: { tencentCloudApi: { id: 'cred-1', name: 'FaceID test' } },
				...(onError ? { onError } : {}),
			},
			...outputNames.map((name, index) => ({
				id: `out${index}`,
				name,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [400, index * 150] as [number, number],
				parameters: {},
			})),
		],
		connections: {
			Start: { main: [[{ node: FACEID_NODE, type: 'main', index: 0 }]] },
			[FACEID_NODE]: { main: outputNames.map((name) => [{ node: name, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

export async function runFaceId(options: FaceIdRunOptions): Promise<WorkflowRunResult> {
	return await runWorkflow(faceIdWorkflow(options.parameters, options.onError, options.typeVersion), {
		credentials: { tencentCloudApi: options.credential },
		...packageTypes(),
		pinData: { Start: options.items },
	});
}

/** The output each input item left by, by index: 'Passed' | 'Failed' | 'Review' | 'Error' | 'Output'. */
export function routeOfEachItem(result: WorkflowRunResult, parameters: INodeParameters, onError?: FaceIdRunOptions['onError']): string[] {
	const routed = parameters.routeByOutcome !== false;
	const names = routed ? ['Passed', 'Failed', 'Review'] : ['Output'];
	if (onError === 'continueErrorOutput') names.push('Error');
	const routes: string[] = [];
	result.outputs(FACEID_NODE).forEach((items, outputIndex) => {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired !== 'object' || paired === null) throw new Error(`An item on output ${names[outputIndex]} has no pairedItem`);
			routes[paired.item] = names[outputIndex];
		}
	});
	return routes;
}
