import { NodeConnectionTypes, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { OPERATIONS } from './router';

/** Shows each operation's fields only when that operation is chosen. */
function operationFields(): INodeProperties[] {
	return OPERATIONS.flatMap((operation) =>
		operation.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, operation: [operation.value] },
			},
		})),
	);
}

const ROUTED_OUTPUTS = JSON.stringify([
	{ type: 'main', displayName: 'Passed' },
	{ type: 'main', displayName: 'Failed' },
	{ type: 'main', displayName: 'Review' },
]);

export const versionDescription: INodeTypeDescription = {
	displayName: 'FaceID',
	name: 'faceId',
	icon: { light: 'file:../../icons/faceid.svg', dark: 'file:../../icons/faceid.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] }}',
	description: 'Verify identities with Tencent Cloud FaceID and route each item by the result',
	defaults: { name: 'FaceID' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	// Three outputs (Passed, Failed, Review) so a KYC flow routes without an IF node; one when routing is off.
	outputs: `={{ $parameter.routeByOutcome === false ? [{ "type": "main" }] : ${ROUTED_OUTPUTS} }}`,
	credentials: [{ name: 'tencentCloudApi', required: true }],
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: OPERATIONS.map((operation) => ({
				name: operation.name,
				value: operation.value,
				description: operation.description,
				action: operation.actionLabel,
			})),
			default: 'idCardVerification',
		},
		...operationFields(),
		{
			displayName: 'Route by Outcome',
			name: 'routeByOutcome',
			type: 'boolean',
			default: true,
			description:
				'Whether to send each item to the Passed, Failed or Review output. Off: one output, with the outcome in each item.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Region',
					name: 'region',
					type: 'string',
					default: '',
					placeholder: 'ap-guangzhou',
					description: "Overrides the credential's default region (X-TC-Region) for this node",
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 300 },
					default: 30,
					description: 'How long to wait for Tencent Cloud to answer one item',
				},
				{
					displayName: 'Validate Before Sending',
					name: 'validateBeforeSending',
					type: 'boolean',
					default: true,
					description:
						'Whether to check ID numbers (length, GB 11643 check digit) before calling Tencent, so a typo fails at once and costs nothing. Off: Tencent answers such numbers with result -2.',
				},
			],
		},
	],
};
