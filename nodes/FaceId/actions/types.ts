import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ActionDefinition, BaseResponse } from '../../../lib/tencent/actions/common';
import type { TencentCloudClient } from '../../../lib/tencent/client';
import type { TencentSite } from '../../../lib/tencent/endpoint';
import type { Outcome } from '../../../lib/tencent/outcomes';
import type { BinaryField } from '../../shared/responseFields';
import type { FaceIdResource } from './resources';

/** What every operation declares: its place in the operation list and its fields on screen. */
interface OperationBase {
	/** What it checks: the Resource it is listed under (version 2 on). */
	resource: FaceIdResource;
	/** Value of the node's `operation` parameter, unique across resources. */
	value: string;
	/** Label in the operation list. */
	name: string;
	/** Shown under the label; says what the check proves. */
	description: string;
	/** Shown in the editor's action list, e.g. "Verify name and ID number". */
	actionLabel: string;
	/** The operation's own fields; the description shows them only when this operation is chosen. */
	properties: INodeProperties[];
	/** Answer fields holding base64 files, which become binary properties of the output item. */
	binaryFields?: readonly BinaryField[];
	/** False when its items carry no verdict yet (a created link): they leave by one output. */
	routed?: false;
	/** With "Simplify" on: the answer fields a workflow needs (`outcome` is added, with the RequestId). */
	simplify(response: IDataObject): IDataObject;
}

/**
 * One request to one action, one verdict from its `Result`: the operation reads its fields into a
 * request; the shared pipeline (runItem.ts) encrypts, calls, decrypts, classifies and shapes it.
 */
export interface SingleCallOperation<Req = unknown, Res extends BaseResponse = BaseResponse> extends OperationBase {
	action: ActionDefinition<Req, Res>;
	buildRequest(this: IExecuteFunctions, itemIndex: number): Promise<Req>;
}

/** What a flow returns: the item's fields (before "Simplify") and the outcome that routes it. */
export interface PerformedCheck {
	fields: IDataObject;
	outcome: Outcome;
	/** Files the flow took out of nested answer fields itself (binaryFields covers top-level ones). */
	binary?: IBinaryKeyData;
}

/**
 * What a flow may take from an earlier try of the node in this execution (n8n's Retry On Fail
 * runs the whole node again): a check it bought then is not bought again.
 */
export interface EarlierTries {
	/** What an earlier try got for this billable request (marked `reused`), or undefined. */
	reusedFor(action: string, request: unknown): PerformedCheck | undefined;
	/** Keeps a billed check for a later try. */
	keep(action: string, request: unknown, performed: PerformedCheck): void;
}

/** Outside a node run (a flow called on its own): nothing earlier, nothing to keep. */
export const FIRST_TRY: EarlierTries = { reusedFor: () => undefined, keep: () => undefined };

/** An operation that is a flow of its own (several calls, a verdict that is not a `Result`). */
export interface FlowOperation extends OperationBase {
	/** The Tencent Cloud sites that offer every action of the flow. */
	sites: readonly TencentSite[];
	perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number, earlier?: EarlierTries): Promise<PerformedCheck>;
}

export type FaceIdOperation = SingleCallOperation<any, any> | FlowOperation;

export function isFlowOperation(operation: FaceIdOperation): operation is FlowOperation {
	return 'perform' in operation;
}

/** The sites whose API offers what the operation calls. */
export function sitesOf(operation: FaceIdOperation): readonly TencentSite[] {
	return isFlowOperation(operation) ? operation.sites : operation.action.sites;
}
