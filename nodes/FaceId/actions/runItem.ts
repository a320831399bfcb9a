/**
 * One item through one operation, as a pipeline: read and check the fields → encrypt → call (pace,
 * sign, retry: the resilient client) → decrypt → classify → shape the output. Each step is one
 * module; a flow operation (its own `perform`) replaces the middle steps.
 */
import { type IBinaryKeyData, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { AttemptLog, TencentCloudClient } from '../../../lib/tencent/client';
import { isTencentCloudError } from '../../../lib/tencent/errors';
import { DEFAULT_SIMILARITY_THRESHOLD, outcomeOfApiError, outcomeOfResult, returnsSimilarity, type Outcome } from '../../../lib/tencent/outcomes';
import { invalidField, tencentErrorOf, toNodeApiError } from '../../shared/errors';
import { readNodeOptions, type FaceIdNodeOptions } from '../../shared/options';
import { decryptAnswerOf, encryptForSending, protectOutput, type PrivacySettings } from '../../shared/privacy';
import { moveFieldsToBinary } from '../../shared/responseFields';
import { checkRequestSize } from '../helpers/imageFields';
import { requestFingerprint, ReusedAnswers } from '../../../lib/tencent/reusedAnswers';
import { isFlowOperation, type EarlierTries, type FaceIdOperation, type SingleCallOperation } from './types';

/** Tencent's answer as the item shows it: the response, or the `Error` that was a verdict. */
interface ClassifiedAnswer {
	fields: IDataObject;
	outcome: Outcome;
	/** The verdict came as `Response.Error`: there is no response to simplify. */
	fromError: boolean;
	/** Files a flow already moved out of its answer. */
	binary?: IBinaryKeyData;
}

/** Billed answers of this process's executions, for n8n's Retry On Fail (see lib/tencent/reusedAnswers.ts). */
const BOUGHT = new ReusedAnswers<{ tryId: string; answer: ClassifiedAnswer }>();
/** Requests of this process's executions that failed after Tencent may have processed them, by check. */
const MAYBE_BOUGHT = new ReusedAnswers<number>();

/** Counts the attempts on the outcome when there was more than one, so a finance team can reconcile. */
function withAttempts(outcome: Outcome, attempts: AttemptLog): Outcome {
	if (attempts.sent <= 1) return outcome;
	return { ...outcome, attempts: attempts.sent, possiblyBilledAttempts: attempts.possiblyProcessed };
}

/** The threshold for an action that returns `Sim` (checked per item: it may be an expression); else undefined. */
function similarityThreshold(context: IExecuteFunctions, action: string, options: FaceIdNodeOptions, itemIndex: number): number | undefined {
	if (!returnsSimilarity(action)) return undefined;
	const value = options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
		throw invalidField(context, itemIndex, 'Similarity Threshold', 'must be a number from 0 to 100');
	}
	return value;
}

/** The key of this execution's node in the reuse stores: another try of the node finds what this one bought. */
function scopeOf(context: IExecuteFunctions): string {
	return `${context.getExecutionId()}\n${context.getNode().id ?? context.getNode().name}`;
}

/** What another try of this node bought for this fingerprint, marked `reused`; undefined when none. */
function boughtEarlier(scope: string, fingerprint: string, tryId: string): ClassifiedAnswer | undefined {
	const bought = BOUGHT.get(scope, fingerprint);
	if (!bought || bought.tryId === tryId) return undefined;
	return { ...structuredClone(bought.answer), outcome: { ...bought.answer.outcome, reused: true } };
}

/** Keeps a billed answer for the node's next try; a free one is simply asked again. */
function keepBought(scope: string, fingerprint: string, tryId: string, answer: ClassifiedAnswer): void {
	if (answer.outcome.billable) BOUGHT.set(scope, fingerprint, { tryId, answer: structuredClone(answer) });
}

/** A flow's purchases, kept across tries of the node like the single calls' answers. */
function earlierTries(context: IExecuteFunctions, tryId: string): EarlierTries {
	const scope = scopeOf(context);
	return {
		reusedFor: (action, request) => boughtEarlier(scope, requestFingerprint(action, request), tryId),
		keep: (action, request, performed) => keepBought(scope, requestFingerprint(action, request), tryId, { ...performed, fromError: false }),
	};
}

async function singleCall(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: SingleCallOperation,
	itemIndex: number,
	privacy: PrivacySettings,
	tryId: string,
): Promise<ClassifiedAnswer> {
	const { action } = operation;
	const options = readNodeOptions(context, itemIndex);
	// 1. Read and check the fields: bad input fails here, before anything is sent.
	const request = await operation.buildRequest.call(context, itemIndex);
	checkRequestSize(context, itemIndex, request as object);
	const threshold = similarityThreshold(context, action.name, options, itemIndex);
	// Bought already by an earlier try of this node in this execution (Retry On Fail): not again.
	const scope = scopeOf(context);
	const fingerprint = requestFingerprint(action.name, request);
	const bought = boughtEarlier(scope, fingerprint, tryId);
	if (bought) return bought;
	// An earlier try's requests that Tencent may have processed count on this item too.
	const earlier = MAYBE_BOUGHT.get(scope, fingerprint) ?? 0;
	let answer: ClassifiedAnswer;
	try {
		answer = await callAndClassify(context, client, operation, itemIndex, privacy, request, threshold, options);
	} catch (error) {
		if (tencentErrorOf(error)?.possiblyProcessed) MAYBE_BOUGHT.set(scope, fingerprint, earlier + 1);
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already the item's error (or one the router wraps once): counted, then passed on
		throw error;
	}
	if (earlier > 0) {
		const { attempts = 1, possiblyBilledAttempts = 0 } = answer.outcome;
		answer.outcome = { ...answer.outcome, attempts: attempts + earlier, possiblyBilledAttempts: possiblyBilledAttempts + earlier };
	}
	keepBought(scope, fingerprint, tryId, answer);
	return answer;
}

async function callAndClassify(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: SingleCallOperation,
	itemIndex: number,
	privacy: PrivacySettings,
	request: unknown,
	threshold: number | undefined,
	options: FaceIdNodeOptions,
): Promise<ClassifiedAnswer> {
	const { action } = operation;
	// 2. Encrypt, when "Encrypt Sensitive Fields" is on.
	const sealed = encryptForSending(context, itemIndex, action, request, privacy);
	const attempts: AttemptLog = { sent: 0, possiblyProcessed: 0 };
	try {
		// 3. Call: paced, signed, retried where safe.
		const answer = await client.call(action, sealed.request, {
			region: options.region,
			timeoutMs: options.timeout * 1000,
			signal: context.getExecutionCancelSignal(),
			attempts,
		});
		// 4. Decrypt. 5. Classify (throws the TencentCloudError a Result stands for when it is an error).
		const response = decryptAnswerOf(context, itemIndex, answer, sealed);
		const outcome = withAttempts(outcomeOfResult(action.name, response, { similarityThreshold: threshold, minimumMonthsInUse: options.minimumMonthsInUse }), attempts);
		return { fields: { ...response } as IDataObject, outcome, fromError: false };
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not Tencent's: the router wraps it once, with the item
		if (!isTencentCloudError(error)) throw error;
		const verdict = outcomeOfApiError(action.name, error);
		if (!verdict) throw toNodeApiError(context, error, itemIndex);
		const outcome = withAttempts(verdict, attempts);
		return {
			fields: { Error: { Code: error.code, Message: error.message }, RequestId: error.requestId ?? null },
			outcome,
			fromError: true,
		};
	}
}

/**
 * Item `itemIndex` through `operation`: its output item with Tencent's answer (simplified or
 * whole), `outcome`, and binary properties for the files in the answer. Throws NodeOperationError
 * for bad input (nothing sent) and NodeApiError for errors that are not outcomes.
 */
export async function runItem(
	context: IExecuteFunctions,
	client: TencentCloudClient,
	operation: FaceIdOperation,
	itemIndex: number,
	privacy: PrivacySettings,
	/** This run of the node: answers stored by another run of it in the execution are reused. */
	tryId: string,
): Promise<INodeExecutionData> {
	const answer: ClassifiedAnswer = isFlowOperation(operation)
		? { ...(await operation.perform.call(context, client, itemIndex, earlierTries(context, tryId))), fromError: false }
		: await singleCall(context, client, operation, itemIndex, privacy, tryId);

	// 6. Shape the output: files to binary, "Simplify", masking.
	const fields = answer.fields;
	const moved = operation.binaryFields ? await moveFieldsToBinary(context, itemIndex, fields, operation.binaryFields) : undefined;
	const binary = answer.binary || moved ? { ...answer.binary, ...moved } : undefined;
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
