/**
 * The FaceID node in n8n's engine for the synchronous-check tests: faceIdWorkflow.ts's "Start → FaceID →
 * one NoOp per output" workflow, fed items with image files (raw bytes, turned into n8n's inline binary
 * data), the credential pointed at an endpoint (the sandbox, or a nock host).
 */
import type { IBinaryData, ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SANDBOX_CREDENTIALS } from '../../sandbox/server';
import type { WorkflowRunResult } from '../harness/result';
import { FACEID_NODE, runFaceId as runFaceIdWorkflow, type FaceIdRunOptions as SupportOptions } from './faceIdWorkflow';

export interface TestItem {
	json: IDataObject;
	/** Binary properties as raw bytes. */
	files?: Record<string, { bytes: Buffer; mimeType?: string; fileName?: string }>;
}

export interface FaceIdRunOptions {
	/** n8n's per-node error setting. */
	onError?: SupportOptions['onError'];
	/** Credential fields over the sandbox's test keys. */
	credential?: ICredentialDataDecryptedObject;
	/** The node's version (default: the current one). */
	typeVersion?: number;
}

export interface FaceIdRun {
	result: WorkflowRunResult;
	/** Items per output of the FaceID node: [Passed, Failed, Review] (+ n8n's error output). */
	outputs: INodeExecutionData[][];
	/** The node's error, when it failed the workflow. */
	error?: { message: string; description?: string | null };
}

function toItem({ json, files }: TestItem): INodeExecutionData {
	if (!files) return { json };
	const binary: Record<string, IBinaryData> = {};
	for (const [name, file] of Object.entries(files)) {
		binary[name] = {
			data: file.bytes.toString('base64'),
			mimeType: file.mimeType ?? 'application/octet-stream',
			fileName: file.fileName ?? name,
		};
	}
	return { json, binary };
}

/** Runs FaceID once over `items` against `endpoint` with the sandbox's test keys. */
export async function runFaceId(
	endpoint: string,
	parameters: INodeParameters,
	items: TestItem[],
	options: FaceIdRunOptions = {},
): Promise<FaceIdRun> {
	const result = await runFaceIdWorkflow({
		parameters,
		items: items.map(toItem),
		credential: { ...SANDBOX_CREDENTIALS, sessionToken: '', site: 'international', region: '', language: 'en-US', endpoint, ...options.credential },
		onError: options.onError,
		typeVersion: options.typeVersion,
	});
	const error = result.nodeError(FACEID_NODE);
	return {
		result,
		outputs: result.outputs(FACEID_NODE),
		error: error ? { message: error.message, description: error.description } : undefined,
	};
}

/** The `outcome` of an output item. */
export function outcomeOf(item: INodeExecutionData): IDataObject {
	return item.json.outcome as IDataObject;
}

/** Items per output, e.g. [1, 0, 2] for one Passed and two Review items. */
export function counts(run: FaceIdRun): number[] {
	return run.outputs.map((items) => items.length);
}
