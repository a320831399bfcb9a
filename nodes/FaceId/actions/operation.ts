import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TencentCloudClient } from '../../../lib/tencent/client';
import type { ActionDefinition, BaseResponse } from '../../../lib/tencent/actions/common';
import type { Outcome } from '../../../lib/tencent/outcomes';
import type { BinaryField } from '../helpers/responseFields';

/** What `perform` returns: the item's fields (before "Simplify") and the outcome that routes it. */
export interface PerformedCheck {
	fields: IDataObject;
	outcome: Outcome;
}

/**
 * One FaceID operation: its fields on screen, how an item becomes a request, and which parts of
 * the answer a workflow needs. Everything else (calling, classifying, routing, errors, binary
 * output) is shared by the router.
 */
export interface FaceIdOperation<Req = unknown, Res extends BaseResponse = BaseResponse> {
	/** Value of the node's `operation` parameter. */
	value: string;
	/** Label in the operation list. */
	name: string;
	/** Shown under the label; says what the check proves. */
	description: string;
	/** Shown in the editor's action list, e.g. "Verify name and ID number". */
	actionLabel: string;
	action: ActionDefinition<Req, Res>;
	/** The operation's own fields; the router shows them only when this operation is chosen. */
	properties: INodeProperties[];
	buildRequest(this: IExecuteFunctions, itemIndex: number): Promise<Req>;
	/**
	 * For an operation that is more than one request and one `Result` (the asynchronous document
	 * check applies, then waits for its result): makes its own calls with the router's client and
	 * returns the answer fields and their outcome. Without it the router sends `buildRequest`'s
	 * request to `action` and classifies the `Result`.
	 */
	perform?(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number): Promise<PerformedCheck>;
	/**
	 * With "Simplify" on: the answer fields a workflow needs (the router adds `outcome`, which
	 * carries the RequestId). Binary fields have already been moved out.
	 */
	simplify(response: Res): IDataObject;
	/** Answer fields holding base64 files, which become binary properties of the output item. */
	binaryFields?: readonly BinaryField[];
}
