/**
 * How both nodes report a problem: bad input names the field and the item (and is raised before
 * anything is sent), a Tencent or transport error shows its code, RequestId and a hint, every
 * error is scrubbed of secrets and personal data, and under "Continue (regular output)" an error
 * becomes a Review item with an outcome like every other.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { hintForErrorCode } from '../../lib/tencent/errorHints';
import { isTencentCloudError, type TencentCloudError } from '../../lib/tencent/errors';
import type { Outcome } from '../../lib/tencent/outcomes';
import { scrubText, scrubValue } from '../../lib/tencent/redact';

type NodeContext = IExecuteFunctions | IPollFunctions;

/** The Tencent error behind each NodeApiError made here, for the outcome of its error item. */
const tencentErrors = new WeakMap<object, TencentCloudError>();
/** The errors invalidField made: bad input, never sent. */
const inputErrors = new WeakSet<object>();

/** Bad input on one item: names the field and the item, and is raised before anything is sent. */
export function invalidField(
	context: NodeContext,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	const error = new NodeOperationError(context.getNode(), `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
	inputErrors.add(error);
	return error;
}

/** A Tencent or transport error as n8n shows it: code first, RequestId and a hint in the details. */
export function toNodeApiError(context: NodeContext, error: TencentCloudError, itemIndex: number): NodeApiError {
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
	tencentErrors.set(apiError, error);
	return apiError;
}

/** The Tencent error behind an error of an item, when there is one. */
export function tencentErrorOf(error: unknown): TencentCloudError | undefined {
	if (isTencentCloudError(error)) return error;
	return error && typeof error === 'object' ? tencentErrors.get(error) : undefined;
}

/** Any error of one item as an n8n error with the item: Tencent's mapped, n8n's kept, the rest wrapped. */
export function itemError(context: NodeContext, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (isTencentCloudError(error)) return toNodeApiError(context, error, itemIndex);
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * The item an error becomes when the node continues on fail. Under "Continue (regular output)" it
 * goes to Review and carries an outcome like every Review item's (status review, the error code,
 * not billed, or `possiblyBilled` when Tencent may have processed the request), so a Review branch
 * reads one shape. Under "Continue (using error output)" it keeps
 * the plain shape n8n moves to the error output (only `error` and `details`).
 */
export function errorItem(context: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown }).description;
	const tencent = tencentErrorOf(error);
	const outcome: Outcome = {
		status: 'review',
		// Bad input never reached Tencent; anything else without a Tencent code is the package's or n8n's.
		code: tencent?.code ?? (error && typeof error === 'object' && inputErrors.has(error) ? 'InvalidInput' : 'Error'),
		description: message,
		billable: false,
		retryable: false,
	};
	if (tencent?.requestId) outcome.requestId = tencent.requestId;
	if (tencent?.possiblyProcessed) outcome.possiblyBilled = true;
	const json: IDataObject = { error: message, ...(typeof description === 'string' ? { details: description } : {}) };
	if (context.getNode().onError !== 'continueErrorOutput') json.outcome = outcome as unknown as IDataObject;
	return { json, pairedItem: { item: itemIndex } };
}

/** Error properties that end up in the editor, the execution data or a log line. */
const TEXT_PROPERTIES = ['message', 'description', 'stack'] as const;
const VALUE_PROPERTIES = ['messages', 'context', 'errorResponse'] as const;

/**
 * Scrubs an error in place (its class stays, n8n needs it): the credential's secrets become
 * [redacted], ID numbers are masked, photos dropped, in the message, description, stack, context,
 * error response and the whole `cause` chain.
 */
export function scrubError<E>(error: E, secrets: readonly string[]): E {
	const seen = new WeakSet<object>();
	const scrub = (target: unknown): void => {
		if (!target || typeof target !== 'object' || seen.has(target)) return;
		seen.add(target);
		const record = target as Record<string, unknown>;
		for (const key of TEXT_PROPERTIES) {
			if (typeof record[key] === 'string') trySet(record, key, scrubText(record[key] as string, secrets));
		}
		for (const key of VALUE_PROPERTIES) {
			if (record[key] !== undefined && record[key] !== null) trySet(record, key, scrubValue(record[key], secrets));
		}
		const cause = record.cause;
		if (cause instanceof Error) scrub(cause);
		else if (cause !== undefined && cause !== null) trySet(record, 'cause', scrubValue(cause, secrets));
	};
	scrub(error);
	return error;
}

/** Read-only properties (a frozen error, a getter) are left as they are rather than crash the item. */
function trySet(target: Record<string, unknown>, key: string, value: unknown): void {
	try {
		target[key] = value;
	} catch {
		// Nothing better to do: the property cannot be changed.
	}
}
