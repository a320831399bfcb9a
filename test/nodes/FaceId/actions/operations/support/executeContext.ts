/**
 * The smallest IExecuteFunctions an operation's own code needs (its fields read, its request
 * built, its flow performed): node parameters per item, input items with inline binary data,
 * n8n's HTTP helper as a stand-in. Expressions are not evaluated: parameters are given resolved.
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

export const NODE: INode = {
	id: 'faceid-node',
	name: 'FaceID',
	type: 'n8n-nodes-tencent-faceid.faceId',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface ContextOptions {
	/** Parameters of every item, or one object per item. */
	parameters: Record<string, unknown> | Array<Record<string, unknown>>;
	/** Binary properties of each item as raw bytes. */
	files?: Array<Record<string, Buffer>>;
	/** n8n's helpers.httpRequest (an image URL the node downloads). */
	httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>;
	signal?: AbortSignal;
	/** What getCredentials returns (the Tencent Cloud API credential); default: an international one. */
	credentials?: Record<string, unknown>;
}

export interface FakeContext extends IExecuteFunctions {
	/** The httpRequest calls made. */
	downloads: IHttpRequestOptions[];
}

export function executeContext(options: ContextOptions): FakeContext {
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const itemCount = Math.max(perItem?.length ?? 1, options.files?.length ?? 1);
	const items: INodeExecutionData[] = Array.from({ length: itemCount }, (_, index) => {
		const files = options.files?.[index];
		if (!files) return { json: {} };
		const binary = Object.fromEntries(
			Object.entries(files).map(([name, bytes]) => [name, { data: bytes.toString('base64'), mimeType: 'application/octet-stream' }]),
		);
		return { json: {}, binary };
	});
	const downloads: IHttpRequestOptions[] = [];
	const context = {
		downloads,
		getNode: () => NODE,
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const parameters = perItem ? perItem[itemIndex] : (options.parameters as Record<string, unknown>);
			return parameters !== undefined && name in parameters ? parameters[name] : fallback;
		},
		getExecutionCancelSignal: () => options.signal,
		getCredentials: async () => options.credentials ?? { site: 'international' },
		continueOnFail: () => false,
		logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} },
		helpers: {
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const data = items[itemIndex]?.binary?.[property]?.data;
				if (data === undefined) throw new NodeOperationError(NODE, `no binary property ${property}`);
				return Buffer.from(data, 'base64');
			},
			httpRequest: async (request: IHttpRequestOptions) => {
				downloads.push(request);
				if (!options.httpRequest) throw new Error('no HTTP in this test');
				return await options.httpRequest(request);
			},
		},
	};
	return context as unknown as FakeContext;
}

/** The error a promise or function fails with (so its message and class can be checked). */
export async function failure(run: () => unknown): Promise<Error> {
	try {
		await run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure, but it succeeded');
}
