/**
 * The fields of the hosted verification operations (Create Verification Link, Get Verification
 * Result): which flow, where it runs (an international region, a China RuleId), and the token.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	HOSTED_FLOWS,
	isHostedFlowKind,
	isPlausibleToken,
	type HostedEntryKind,
	type HostedFlow,
} from '../../../lib/tencent/pendingVerifications/hostedVerification';
import { invalidField } from '../../shared/errors';
import { CREDENTIAL_TYPE } from '../../shared/transport';
import { showWhen } from './displayOptions';

const INTERNATIONAL = HOSTED_FLOWS.webVerification;

export const FLOW_PROPERTY: INodeProperties = {
	displayName: 'Flow',
	name: 'hostedFlow',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: `International: Web Verification (${INTERNATIONAL.apply.name})`,
			value: 'webVerification',
			description: 'Any browser: the customer shows an ID document and their face. International site.',
		},
		{
			name: `China: WeChat Verification (${HOSTED_FLOWS.detectAuth.apply.name})`,
			value: 'detectAuth',
			description: 'Opened in WeChat; the flow is the one your RuleId was approved for in the console. China site.',
		},
	],
	// The option names are built from the definitions, which the lint cannot read: 'webVerification' is the first value.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
	default: 'webVerification',
	description: "Tencent's hosted flow; it must be the one your credential's site offers",
};

/** The Region (international) and RuleId (China) fields, each shown for its flow. */
export const FLOW_PLACE_PROPERTIES: INodeProperties[] = [
	...showWhen({ hostedFlow: ['webVerification'] }, [
		{
			displayName: 'Region',
			name: 'hostedRegion',
			type: 'options',
			options: INTERNATIONAL.regions.map((region) => ({ name: region, value: region })),
			default: 'ap-singapore',
			description: 'Tencent offers the web verification in these regions only; ask for the result in the same region',
		},
	]),
	...showWhen({ hostedFlow: ['detectAuth'] }, [
		{
			displayName: 'Rule ID',
			name: 'ruleId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1',
			description: 'The RuleId of the flow approved in the FaceID console (it decides WeChat H5 or mini-program, OCR, the comparison source)',
		},
	]),
];

/** The flow, checked against the credential's site before anything is sent. */
export async function readFlow(context: IExecuteFunctions, itemIndex: number): Promise<HostedFlow> {
	const value = context.getNodeParameter('hostedFlow', itemIndex, 'webVerification');
	if (!isHostedFlowKind(value)) throw invalidField(context, itemIndex, 'Flow', `"${String(value)}" is not webVerification or detectAuth`);
	const flow = HOSTED_FLOWS[value];
	const { site } = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const credentialSite = site === 'international' ? 'international' : 'china';
	if (credentialSite !== flow.site) {
		throw invalidField(context, itemIndex, 'Flow', `is offered on the ${flow.site === 'china' ? 'China' : 'International'} site only; this credential is for the ${credentialSite === 'china' ? 'China' : 'International'} site`);
	}
	return flow;
}

/** Where the flow runs: its region (international) and RuleId (China). */
export function readFlowPlace(context: IExecuteFunctions, itemIndex: number, flow: HostedFlow): { region: string; kind: HostedEntryKind } {
	if (flow.kind === 'webVerification') {
		const region = String(context.getNodeParameter('hostedRegion', itemIndex, 'ap-singapore')).trim();
		if (!flow.regions.includes(region)) throw invalidField(context, itemIndex, 'Region', `"${region}" is not one of ${flow.regions.join(', ')}`);
		return { region, kind: { flow: flow.kind } };
	}
	const raw = context.getNodeParameter('ruleId', itemIndex, '');
	const ruleId = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!ruleId) throw invalidField(context, itemIndex, 'Rule ID', 'is empty');
	if (!/^[\w-]{1,64}$/.test(ruleId)) throw invalidField(context, itemIndex, 'Rule ID', 'is not a RuleId from the FaceID console');
	return { region: '', kind: { flow: flow.kind, ruleId } };
}

export const TOKEN_PROPERTY: INodeProperties = {
	displayName: 'Token',
	name: 'bizToken',
	// A handle to one verification, shown in every result item: not a secret to mask.
	// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
	type: 'string',
	default: '',
	required: true,
	placeholder: '={{ $json.BizToken }}',
	description: 'The BizToken Create Verification Link returned; use the same flow and region (or RuleId)',
};

export function readToken(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('bizToken', itemIndex, '');
	if (typeof raw !== 'string') throw invalidField(context, itemIndex, 'Token', `must be text, not ${typeof raw}`);
	const token = raw.trim();
	if (!token) throw invalidField(context, itemIndex, 'Token', 'is empty');
	if (!isPlausibleToken(token)) throw invalidField(context, itemIndex, 'Token', 'is not a BizToken from Create Verification Link');
	return token;
}
