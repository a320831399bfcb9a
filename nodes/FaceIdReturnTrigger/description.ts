/** What the editor shows of the FaceID Return Trigger: its webhook, the registry it checks tokens in, the customer's page. */
import type { INodeTypeDescription } from 'n8n-workflow';

import { numberOptionProperty, RETURN_TIMEOUT } from '../shared/options';
import { OUTPUTS_EXPRESSION, ROUTE_BY_OUTCOME_PROPERTY } from '../shared/outputs';
import { MASK_OPTION } from '../shared/privacy';
import { registryProperties } from '../shared/registryFields';
import { DEFAULT_MESSAGE, DEFAULT_TITLE } from './customerPage';

/** The path after the node's webhook id: `<n8n>/webhook/<id>/faceid-return`. */
export const RETURN_PATH = 'faceid-return';

/** Without icon, subtitle and credentials: those stay in the node file, where n8n's lint reads them. */
export const faceIdReturnTriggerDescription: Omit<INodeTypeDescription, 'credentials'> = {
	displayName: 'FaceID Return Trigger',
	name: 'faceIdReturnTrigger',
	group: ['trigger'],
	version: 1,
	description: 'Starts the workflow the moment a customer comes back from a FaceID verification link (Create Verification Link)',
	defaults: { name: 'FaceID Return Trigger' },
	inputs: [],
	outputs: OUTPUTS_EXPRESSION,
	webhooks: [{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: RETURN_PATH }],
	properties: [
		{
			displayName:
				"Activate this workflow and Create Verification Link (Return To: FaceID Return Trigger) sends customers back here: nothing to copy. A returning browser's token is accepted only if this registry channel issued it, and the verdict is asked of Tencent. Customers who never come back are emitted by the FaceID Trigger (On Hosted Verification Result); each result is emitted once, by one of the two.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...registryProperties({ allowNone: false }),
		ROUTE_BY_OUTCOME_PROPERTY,
		{
			displayName: 'Respond With',
			name: 'respondWith',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Page', value: 'page', description: 'A short thank-you page' },
				{ name: 'Redirect', value: 'redirect', description: 'Send the browser on to your own page' },
			],
			default: 'page',
			description: "What the customer's browser shows when they are back; the same whatever the verdict",
		},
		{
			displayName: 'Page Title',
			name: 'pageTitle',
			type: 'string',
			default: DEFAULT_TITLE,
			displayOptions: { show: { respondWith: ['page'] } },
		},
		{
			displayName: 'Page Message',
			name: 'pageMessage',
			type: 'string',
			default: DEFAULT_MESSAGE,
			displayOptions: { show: { respondWith: ['page'] } },
		},
		{
			displayName: 'Redirect URL',
			name: 'redirectUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/kyc/thank-you',
			displayOptions: { show: { respondWith: ['redirect'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				MASK_OPTION,
				numberOptionProperty(RETURN_TIMEOUT, {
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					description:
						'How long to wait for Tencent Cloud to answer the result request while the customer waits; if it does not, the FaceID Trigger emits the result',
				}),
			],
		},
	],
};
