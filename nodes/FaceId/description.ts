import { NodeConnectionTypes, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { DEFAULT_RATE_LIMIT, DOCUMENTED_RATE_LIMITS } from '../../lib/tencent/catalogue';
import { comparesMonthsInUse, DEFAULT_SIMILARITY_THRESHOLD, returnsSimilarity } from '../../lib/tencent/outcomes';
import { NODE_NUMBER_OPTIONS, numberOptionProperty } from '../shared/options';
import { outputsExpression, ROUTE_BY_OUTCOME_PROPERTY } from '../shared/outputs';
import { encryptionOption, MASK_OPTION } from '../shared/privacy';
import { REDIS_CREDENTIAL_TEST, REDIS_CREDENTIAL_TYPE } from '../shared/registryFields';
import { OPERATIONS } from './actions/operations';
import { CURRENT_VERSION, NODE_VERSIONS, OPERATION_MENUS } from './operationMenus';
import { isFlowOperation, type SingleCallOperation } from './actions/types';

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

/** Operations whose items carry no verdict: one output, no Route by Outcome. */
const UNROUTED_OPERATIONS = OPERATIONS.filter((operation) => operation.routed === false).map((operation) => operation.value);

/** Operations that write to the pending registry: the Redis credential shows for them. */
const REGISTRY_OPERATIONS = OPERATIONS.filter((operation) => operation.properties.some((property) => property.name === 'registry')).map(
	(operation) => operation.value,
);

/** The editor's subtitle: the chosen operation's label, looked up by its value. */
const OPERATION_LABELS = JSON.stringify(Object.fromEntries(OPERATIONS.map((operation) => [operation.value, operation.name])));

const SINGLE_CALL_OPERATIONS = OPERATIONS.filter((operation): operation is SingleCallOperation => !isFlowOperation(operation));

/** The values of the single-call operations that `keep` selects. */
const operationsWhere = (keep: (operation: SingleCallOperation) => boolean): string[] =>
	SINGLE_CALL_OPERATIONS.filter(keep).map((operation) => operation.value);

/** Operations whose action returns a similarity (`Sim`): the threshold option shows only for them. */
const SIMILARITY_OPERATIONS = operationsWhere((operation) => returnsSimilarity(operation.action.name));

/** Operations whose verdict compares a number's months in use with Minimum Months in Use. */
const MONTHS_IN_USE_OPERATIONS = operationsWhere((operation) => comparesMonthsInUse(operation.action.name));

/** Operations whose Tencent action accepts `Encryption`: "Encrypt Sensitive Fields" shows only for them. */
const ENCRYPTION_OPERATIONS = operationsWhere((operation) => operation.action.encryption !== undefined);

/** Operations that send to the credential's region or the option's (the document check has its own Region field). */
const REGION_OPERATIONS = operationsWhere(() => true);

const LOWER_RATE_LIMITS = Object.entries(DOCUMENTED_RATE_LIMITS)
	.map(([action, limit]) => `${limit}/s for ${action}`)
	.join(', ');

export const faceIdDescription: INodeTypeDescription = {
	displayName: 'FaceID',
	name: 'faceId',
	group: ['transform'],
	version: NODE_VERSIONS,
	defaultVersion: CURRENT_VERSION,
	subtitle: `={{ ${OPERATION_LABELS}[$parameter["operation"]] }}`,
	description: 'Verify identities with Tencent Cloud FaceID and route each item by the result',
	defaults: { name: 'FaceID' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: outputsExpression(UNROUTED_OPERATIONS),
	credentials: [
		{ name: 'tencentCloudApi', required: true },
		// The pending registry of Apply Card Verification, when it lives in Redis.
		{
			name: REDIS_CREDENTIAL_TYPE,
			required: true,
			testedBy: REDIS_CREDENTIAL_TEST,
			displayOptions: { show: { operation: REGISTRY_OPERATIONS, registry: ['redis'] } },
		},
	],
	properties: [
		...OPERATION_MENUS,
		...operationFields(),
		{ ...ROUTE_BY_OUTCOME_PROPERTY, displayOptions: { hide: { operation: UNROUTED_OPERATIONS } } },
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			hint: "On: the fields a workflow needs plus outcome. Off: Tencent's whole answer plus outcome.",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			description: 'Settings that apply to every item: region, timeout, similarity threshold, checks before sending',
			options: [
				numberOptionProperty(NODE_NUMBER_OPTIONS.concurrency, {
					displayName: 'Concurrency',
					name: 'concurrency',
					description:
						'How many items are checked at the same time. Outputs keep the input order. With large images each one in flight holds a few copies of its image in memory.',
				}),
				encryptionOption(ENCRYPTION_OPERATIONS),
				MASK_OPTION,
				numberOptionProperty(NODE_NUMBER_OPTIONS.maxRequestsPerSecond, {
					displayName: 'Max Requests per Second',
					name: 'maxRequestsPerSecond',
					numberPrecision: 2,
					description: `Upper limit for this node's calls per second; 0 uses Tencent's documented limit (${DEFAULT_RATE_LIMIT}/s per action, ${LOWER_RATE_LIMITS}), and higher values are capped at it. All executions share the limit of their credential's SecretId: in this n8n process, and in queue mode across the main instance and all workers (through n8n's Redis).`,
				}),
				numberOptionProperty(NODE_NUMBER_OPTIONS.maxRetries, {
					displayName: 'Max Retries',
					name: 'maxRetries',
					description:
						'Retries, with exponential backoff, of requests Tencent refused before processing them: throttling (RequestLimitExceeded) or a connection that never opened. Other failures are retried only with the option below. An answer Tencent gave is never sent again.',
				}),
				{
					...numberOptionProperty(NODE_NUMBER_OPTIONS.minimumMonthsInUse, {
						displayName: 'Minimum Months in Use',
						name: 'minimumMonthsInUse',
						description:
							'Fewest months a mobile number must have been in use to pass; a number Tencent puts under it, or in a range that does not tell, goes to Review. New numbers are a common sign of fraud.',
					}),
					displayOptions: { show: { '/operation': MONTHS_IN_USE_OPERATIONS } },
				},
				{
					displayName: 'Region',
					name: 'region',
					type: 'string',
					default: '',
					placeholder: 'ap-guangzhou',
					displayOptions: { show: { '/operation': REGION_OPERATIONS } },
					description: "Overrides the credential's default region (X-TC-Region) for this node",
				},
				{
					displayName: 'Retry Requests Tencent May Have Processed',
					// The name of the former "Retry on Timeout", which this option extends: saved workflows keep their choice.
					name: 'retryOnTimeout',
					type: 'boolean',
					default: false,
					description:
						"Whether to send a request again after a gateway's 5xx, InternalError, ServiceUnavailable, a reset connection or a timeout. Tencent may have processed and billed the first request, so each retry can pay again; every such attempt is counted in the item's outcome (attempts, possiblyBilledAttempts). Off: the item reports the failure and that the check may have been billed.",
				},
				{
					displayName: 'Similarity Threshold',
					name: 'similarityThreshold',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
					default: DEFAULT_SIMILARITY_THRESHOLD,
					displayOptions: { show: { '/operation': SIMILARITY_OPERATIONS } },
					description:
						"Lowest similarity (0-100) that passes when Tencent answers Success; below it the item goes to Failed. 70 is Tencent's recommendation (0.01% false accepts).",
				},
				numberOptionProperty(NODE_NUMBER_OPTIONS.timeout, {
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					description: 'How long to wait for Tencent Cloud to answer one request (every operation; the default applies when the option is not added)',
				}),
				{
					displayName: 'Validate Before Sending',
					name: 'validateBeforeSending',
					type: 'boolean',
					default: true,
					description:
						'Whether to check ID numbers (length, GB 11643 check digit), bank card numbers (13 to 19 digits) and mobile numbers (11 digits, 13 to 19) before calling Tencent, so a typo fails at once and costs nothing. Off: Tencent answers such numbers with its own result code.',
				},
			],
		},
	],
};
