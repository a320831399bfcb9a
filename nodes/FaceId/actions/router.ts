import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Outcome } from '../../../lib/tencent/outcomes';
import { readResilienceSettings, ResilientClient } from '../helpers/resilientClient';
import { readPrivacySettings, scrubError } from '../helpers/sensitiveData';
import { checkItem } from './checkItem';
import type { FaceIdOperation } from './operation';
import { applyCardVerification } from './operations/applyCardVerification.operation';
import { checkIdCardInformation } from './operations/checkIdCardInformation.operation';
import { getCardVerificationResult } from './operations/getCardVerificationResult.operation';
import { idCardOcrVerification } from './operations/idCardOcrVerification.operation';
import { idCardVerification } from './operations/idCardVerification.operation';
import { imageRecognitionV2 } from './operations/imageRecognitionV2.operation';

export { checkItem, type NodeOptions } from './checkItem';

/** Every operation of the node: a new action is one file plus one line here. */
export const OPERATIONS: ReadonlyArray<FaceIdOperation<any, any>> = [
	idCardVerification,
	idCardOcrVerification,
	checkIdCardInformation,
	imageRecognitionV2,
	applyCardVerification,
	getCardVerificationResult,
];

/** Output order when routing by outcome; must match the output names in the description. */
export const OUTCOME_OUTPUTS = ['passed', 'failed', 'review'] as const;

/** With "continue (regular output)", failed items go where a human looks: the Review output. */
const REVIEW_OUTPUT = 2;

function findOperation(context: IExecuteFunctions, value: string): FaceIdOperation<any, any> {
	const operation = OPERATIONS.find((candidate) => candidate.value === value);
	if (!operation) throw new NodeOperationError(context.getNode(), `The operation "${value}" is not supported`);
	return operation;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this, this.getNodeParameter('operation', 0) as string);
	const routeByOutcome = this.getNodeParameter('routeByOutcome', 0, true) as boolean;
	// Paces at Tencent's limits, retries what is safe to retry, corrects clock skew (see the helper).
	const client = new ResilientClient(this, readResilienceSettings(this));
	// Encryption and masking options, and the credential secrets no error may carry.
	const privacy = await readPrivacySettings(this);
	const outputs: INodeExecutionData[][] = routeByOutcome ? OUTCOME_OUTPUTS.map(() => []) : [[]];

	// Several items at a time; results come back in item order, so outputs are as if sequential.
	const routed = await client.runItems(items.length, async (itemIndex) => {
		try {
			const item = await checkItem(this, client, operation, itemIndex, privacy);
			const status = (item.json.outcome as unknown as Outcome).status;
			return { output: routeByOutcome ? OUTCOME_OUTPUTS.indexOf(status) : 0, item };
		} catch (error) {
			// Before n8n shows, stores or logs it: no secret, full ID number or photo in any part of it.
			scrubError(error, privacy.secrets);
			if (this.continueOnFail()) {
				const message = error instanceof Error ? error.message : String(error);
				const description = (error as { description?: unknown }).description;
				const item: INodeExecutionData = {
					json: { error: message, ...(typeof description === 'string' ? { details: description } : {}) },
					pairedItem: { item: itemIndex },
				};
				return { output: routeByOutcome ? REVIEW_OUTPUT : 0, item };
			}
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already an n8n error, with its item: rethrown as is
			if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	});
	for (const { output, item } of routed) outputs[output].push(item);
	return outputs;
}
