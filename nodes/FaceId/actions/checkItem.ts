/**
 * One item through one operation: build the request, call Tencent, classify the answer with the
 * decision table, and shape the output item. Shared by every operation; the router loops over it.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { TencentCloudClient } from '../../../lib/tencent/client';
import { hintForErrorCode } from '../../../lib/tencent/errorHints';
import { isTencentCloudError, type TencentCloudError } from '../../../lib/tencent/errors';
import type { BaseResponse } from '../../../lib/tencent/actions/common';
import {
	DEFAULT_SIMILARITY_THRESHOLD,
	outcomeOfApiError,
	outcomeOfResult,
	returnsSimilarity,
	type Outcome,
} from '../../../lib/tencent/outcomes';
import { moveFieldsToBinary } from '../helpers/responseFields';
import { callProtected, protectOutput, type PrivacySettings } from '../helpers/sensitiveData';
import type { FaceIdOperation } from './operation';

export interface NodeOptions {
	validateBeforeSending?: boolean;
	timeout?: number;
	region?: string;
	similarityThreshold?: number;
}

/** Tencent's answer as the item shows it: the response, or the `Error` that was a verdict. */
interface ClassifiedAnswer {
	fields: IDataObject;
	outcome: Outcome;
	/** The verdict came as `Response.Error`: there is no response to simplify. */
	fromError: boolean;
}

/** A Tencent or transport error as n8n shows it: code first, RequestId and a hint in the details. */
export function toNodeApiError(context: IExecuteFunctions, error: TencentCloudError, itemIndex: number): NodeApiError {
	const details = [error.requestId ? `RequestId: ${error.requestId}` : undefined, hintForErrorCode(error.code)].filter(Boolean);
	const message = `${error.code}: ${error.message} [item ${itemIndex}]`;
	const apiError = new NodeApiError(
		context.getNode(),
		{ code: error.code, message: error.message, requestId: error.requestId ?? null, kind: error.kind } as JsonObject,
		{
			message,
			description: details.join(' — ') || undefined,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		},
	);
	// NodeApiError swaps a message naming a socket code (ENOTFOUND, ECONNABORTED…) for a generic
	// sentence without the code or the item: keep ours.
	apiError.message = message;
	return apiError;
}

/** The threshold for an action that returns `Sim` (checked per item: it may be an expression); else undefined. */
function similarityThreshold(context: IExecuteFunctions, action: string, options: NodeOptions, itemIndex: number): number | undefined {
	if (!returnsSimilarity(action)) return undefined;
	const value = options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
		throw new NodeOperationError(context.getNode(), `Similarity Threshold must be a number from 0 to 100 [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	return value;
}

async function callAndClassify(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: FaceIdOperation<unknown, BaseResponse>,
	request: unknown,
	options: NodeOptions,
	itemIndex: number,
	privacy: PrivacySettings,
): Promise<ClassifiedAnswer> {
	const actionName = operation.action.name;
	const threshold = similarityThreshold(context, actionName, options, itemIndex);
	try {
		// Encrypted both ways when "Encrypt Sensitive Fields" is on.
		const response = await callProtected(context, itemIndex, client, operation.action, request, privacy, {
			region: options.region?.trim() || undefined,
			timeoutMs: options.timeout ? options.timeout * 1000 : undefined,
			signal: context.getExecutionCancelSignal(),
		});
		// Throws the TencentCloudError a Result stands for when the table calls it an error.
		const outcome = outcomeOfResult(actionName, response, { similarityThreshold: threshold });
		return { fields: { ...response } as IDataObject, outcome, fromError: false };
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not Tencent's: the router wraps it once, with the item
		if (!isTencentCloudError(error)) throw error;
		const outcome = outcomeOfApiError(actionName, error);
		if (!outcome) throw toNodeApiError(context, error, itemIndex);
		return {
			fields: { Error: { Code: error.code, Message: error.message }, RequestId: error.requestId ?? null },
			outcome,
			fromError: true,
		};
	}
}

/**
 * Checks item `itemIndex` and returns its output item: Tencent's answer (simplified or whole),
 * `outcome`, and binary properties for the files in the answer. Throws NodeOperationError for bad
 * input (nothing sent) and NodeApiError for errors that are not outcomes.
 */
export async function checkItem(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: FaceIdOperation<any, any>,
	itemIndex: number,
	privacy: PrivacySettings,
): Promise<INodeExecutionData> {
	const options = context.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const answer: ClassifiedAnswer = operation.perform
		? { ...(await operation.perform.call(context, client, itemIndex)), fromError: false }
		: await callAndClassify(context, client, operation, await operation.buildRequest.call(context, itemIndex), options, itemIndex, privacy);

	const fields = answer.fields;
	const binary = operation.binaryFields ? await moveFieldsToBinary(context, itemIndex, fields, operation.binaryFields) : undefined;
	const simplify = context.getNodeParameter('simplify', itemIndex, true) as boolean;
	// The RequestId is in `outcome` either way; a verdict sent as Error keeps its Code and Message.
	const body = !simplify ? fields : answer.fromError ? { Error: fields.Error } : operation.simplify(fields);

	const item: INodeExecutionData = {
		json: protectOutput({ ...body, outcome: { ...answer.outcome } as unknown as IDataObject }, privacy),
		pairedItem: { item: itemIndex },
	};
	if (binary) item.binary = binary;
	return item;
}
