/** What the editor shows of the FaceID Trigger: its event, the registry it reads, routing and options. */
import type { INodeTypeDescription } from 'n8n-workflow';

import { numberOptionProperty, TRIGGER_NUMBER_OPTIONS } from '../shared/options';
import { OUTPUTS_EXPRESSION, ROUTE_BY_OUTCOME_PROPERTY } from '../shared/outputs';
import { MASK_OPTION } from '../shared/privacy';
import { registryProperties } from '../shared/registryFields';

/** Without icon, subtitle and credentials: those stay in the node file, where n8n's lint reads them. */
export const faceIdTriggerDescription: Omit<INodeTypeDescription, 'credentials'> = {
	displayName: 'FaceID Trigger',
	name: 'faceIdTrigger',
	group: ['trigger'],
	version: 1,
	description:
		'Starts the workflow when Tencent has finished a document verification (Apply Card Verification) or a verification link (Create Verification Link)',
	defaults: { name: 'FaceID Trigger' },
	polling: true,
	inputs: [],
	outputs: OUTPUTS_EXPRESSION,
	properties: [
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'On Document Verification Result',
					value: 'cardVerificationResult',
					description:
						'One item per finished verification: token, status, outcome, card data and the Reference of the Apply step',
				},
				{
					name: 'On Hosted Verification Result',
					value: 'hostedVerificationResult',
					description:
						'One item per verification link whose result the customer did not bring back through the Return Trigger: finished, abandoned or expired',
				},
			],
			default: 'cardVerificationResult',
		},
		{
			displayName:
				'Emits the results of tokens that FaceID nodes (Apply Card Verification, Create Verification Link) registered in the same registry and channel, at each poll. A verification link\'s result is emitted once: by the FaceID Return Trigger when the customer comes back, else by this poll. A result that may have been emitted before (after a crash) has verification.emission above 1: de-duplicate by the token.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...registryProperties({ allowNone: false }),
		ROUTE_BY_OUTCOME_PROPERTY,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.commitDelaySeconds, {
					displayName: 'Commit Delay (Seconds)',
					name: 'commitDelaySeconds',
					numberPrecision: 1,
					description:
						'How long after a poll its results are marked as emitted, giving n8n time to store the execution it started. If n8n stops within it, they are emitted again after the lease.',
				}),
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.retentionDays, {
					displayName: 'Keep Emitted Entries (Days)',
					name: 'retentionDays',
					description:
						'How long the registry remembers an emitted token (without its result), so a repeated registration is ignored',
				}),
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.leaseSeconds, {
					displayName: 'Lease (Seconds)',
					name: 'leaseSeconds',
					description:
						'How long tokens and results claimed by one poll stay claimed. After a crash another poll takes them over once it has passed.',
				}),
				MASK_OPTION,
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.maxResults, {
					displayName: 'Max Results per Poll',
					name: 'maxResults',
					description:
						'Results emitted by one poll at most; the rest follow at the next poll',
				}),
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.concurrency, {
					displayName: 'Parallel Requests',
					name: 'concurrency',
					description:
						'Result requests in flight at once',
				}),
				numberOptionProperty(TRIGGER_NUMBER_OPTIONS.timeout, {
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					description:
						'How long to wait for Tencent Cloud to answer one result request',
				}),
			],
		},
	],
};
