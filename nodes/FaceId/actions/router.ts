import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { TencentCloudClient } from '../../../lib/tencent/client';
import { hintForErrorCode } from '../../../lib/tencent/errorHints';
import { isTencentCloudError, type TencentCloudError } from '../../../lib/tencent/errors';
import { outcomeOfApiError, outcomeOfResult, type Outcome } from '../../../lib/tencent/outcomes';
import { n8nTransport } from '../transport';
import type { FaceIdOperation } from './operation';
import { idCardVerification } from './operations/idCardVerification.operation';

/** Every operation of the node: a new action is one file plus one line here. */
export const OPERATIONS: ReadonlyArray<FaceIdOperation<any, any>> = [idCardVerification];

/** Output order when routing by outcome; must match the output names in the description. */
export const OUTCOME_OUTPUTS = ['passed', 'failed', 'review'] as const;

/** With "continue (regular output)", failed items go where a human looks: the Review output. */
const REVIEW_OUTPUT = 2;

export interface NodeOptions {
	validateBeforeSending?: boolean;
	timeout?: number;
	region?: string;
}

function findOperation(context: IExecuteFunctions, value: string): FaceIdOperation<any, any> {
	const operation = OPERATIONS.find((candidate) => candidate.value === value);
	if (!operation) throw new NodeOperationError(context.getNode(), `The operation "${value}" is not supported`);
	return operation;
}

/** A Tencent or transport error as n8n shows it: code first, RequestId and a hint in the details. */
function toNodeApiError(context: IExecuteFunctions, error: TencentCloudError, itemIndex: number): NodeApiError {
	const details = [
		error.requestId ? `RequestId: ${error.requestId}` : undefined,
		hintForErrorCode(error.code),
	].filter(Boolean);
	return new NodeApiError(
		context.getNode(),
		{ code: error.code, message: error.message, requestId: error.requestId ?? null, kind: error.kind } as JsonObject,
		{
			message: `${error.code}: ${error.message} [item ${itemIndex}]`,
			description: details.join(' — ') || undefined,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		},
	);
}

async function checkItem(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: FaceIdOperation<any, any>,
	itemIndex: number,
): Promise<INodeExecutionData['json']> {
	const request = await operation.buildRequest.call(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const actionName = operation.action.name;
	try {
		const response = await client.call(operation.action, request, {
			region: options.region?.trim() || undefined,
			timeoutMs: options.timeout ? options.timeout * 1000 : undefined,
			signal: context.getExecutionCancelSignal(),
		});
		const outcome: Outcome = outcomeOfResult(actionName, response);
		return { ...response, outcome: { ...outcome } };
	} catch (error) {
		if (!isTencentCloudError(error)) throw error;
		const outcome = outcomeOfApiError(actionName, error);
		if (!outcome) throw toNodeApiError(context, error, itemIndex);
		return {
			Error: { Code: error.code, Message: error.message },
			RequestId: error.requestId ?? null,
			outcome: { ...outcome },
		};
	}
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this, this.getNodeParameter('operation', 0) as string);
	const routeByOutcome = this.getNodeParameter('routeByOutcome', 0, true) as boolean;
	const client = new TencentCloudClient(n8nTransport(this));
	const outputs: INodeExecutionData[][] = routeByOutcome ? OUTCOME_OUTPUTS.map(() => []) : [[]];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await checkItem(this, client, operation, itemIndex);
			const status = (json.outcome as Outcome).status;
			const output = routeByOutcome ? OUTCOME_OUTPUTS.indexOf(status) : 0;
			outputs[output].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				const message = error instanceof Error ? error.message : String(error);
				const description = (error as { description?: unknown }).description;
				outputs[routeByOutcome ? REVIEW_OUTPUT : 0].push({
					json: { error: message, ...(typeof description === 'string' ? { details: description } : {}) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return outputs;
}
