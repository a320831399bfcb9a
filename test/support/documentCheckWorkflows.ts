/**
 * Workflows for the document-check tests: "Start → FaceID" with pinned items, run through n8n's
 * engine (test/harness), the credential pointed at a sandbox, plus the FaceID Trigger's node type.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { sandboxCredential } from './faceIdWorkflow';
import { packageTypes, runWorkflow, type WorkflowJson } from '../harness';
import type { WorkflowRunResult } from '../harness/result';

export const FACE_ID_TYPE = 'n8n-nodes-tencent-faceid.faceId';
export const TRIGGER_TYPE = 'n8n-nodes-tencent-faceid.faceIdTrigger';

const types = packageTypes();
export const NODE_TYPES = types.nodeTypes;
export const CREDENTIAL_TYPES = types.credentialTypes;

export { sandboxCredential };

export function startThenFaceId(parameters: Record<string, NodeParameterValueType>): WorkflowJson {
	const faceId: INode = {
		id: 'faceid-node',
		name: 'FaceID',
		type: FACE_ID_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: parameters as INode['parameters'],
		credentials: {
			tencentCloudApi: { id: 'cred-1', name: 'FaceID sandbox' },
			faceIdRegistryRedis: { id: 'cred-2', name: 'Registry Redis' },
		},
	};
	return {
		nodes: [{ id: 'start-node', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, faceId],
		connections: { Start: { main: [[{ node: 'FaceID', type: 'main', index: 0 }]] } },
	};
}

export async function runFaceIdItems(
	endpoint: string,
	parameters: Record<string, NodeParameterValueType>,
	items: IDataObject[],
	options: { signal?: AbortSignal; redis?: { host: string; port: number }; credential?: ICredentialDataDecryptedObject } = {},
): Promise<{ result: WorkflowRunResult; outputs: INodeExecutionData[][] }> {
	const result = await runWorkflow(startThenFaceId(parameters), {
		credentials: {
			tencentCloudApi: options.credential ?? sandboxCredential(endpoint),
			...(options.redis ? { faceIdRegistryRedis: { ...options.redis, database: 0, user: '', password: '', ssl: false } } : {}),
		},
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
		pinData: { Start: items.map((json) => ({ json })) },
		signal: options.signal,
	});
	return { result, outputs: result.outputs('FaceID') };
}
