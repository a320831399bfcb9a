/**
 * How the editor offers the operations. Version 1, as saved workflows have it: one Operation
 * list of every operation. Version 2 on: Resource, then that resource's operations. Operation
 * values are unique across resources, so both versions store the same `operation` and every
 * operation's fields show by it alone; the router only checks that a version 2 node's operation
 * belongs to its resource.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { OPERATIONS } from './actions/operations';
import { RESOURCES } from './actions/resources';
import type { FaceIdOperation } from './actions/types';

/** The node's versions, newest last: what a new node gets. */
export const NODE_VERSIONS = [1, 2];
export const CURRENT_VERSION = NODE_VERSIONS.at(-1)!;

const FIRST_VERSION_ONLY = { '@version': [1] };
const WITH_RESOURCES = { '@version': [{ _cnd: { gte: 2 } }] };

const HINT = 'Each operation is one Tencent FaceID action and shows only its own fields';

const choice = (operation: FaceIdOperation): INodePropertyOptions => ({
	name: operation.name,
	value: operation.value,
	description: operation.description,
	action: operation.actionLabel,
});

/** Resources that hold at least one operation, in the order of RESOURCES. */
const LISTED_RESOURCES = RESOURCES.filter((resource) => OPERATIONS.some((operation) => operation.resource === resource.value));
const FIRST_RESOURCE: string = LISTED_RESOURCES[0].value;

export const OPERATION_MENUS: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: FIRST_VERSION_ONLY },
		options: OPERATIONS.map(choice),
		default: 'idCardVerification',
		hint: HINT,
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: WITH_RESOURCES },
		options: LISTED_RESOURCES.map(({ value, name, description }) => ({ name, value, description })),
		default: FIRST_RESOURCE,
		description: 'What to check; each resource lists its own operations',
	},
	...LISTED_RESOURCES.map((resource): INodeProperties => {
		const operations = OPERATIONS.filter((operation) => operation.resource === resource.value);
		const firstOperation = operations[0].value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { ...WITH_RESOURCES, resource: [resource.value] } },
			options: operations.map(choice),
			default: firstOperation,
			hint: HINT,
		};
	}),
];
