import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ActionDefinition, BaseResponse } from '../../../lib/tencent/models/common';

/**
 * One FaceID operation: its fields on screen and how an item becomes a request. Everything else
 * (calling, classifying, routing, errors) is shared by the router.
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
}
