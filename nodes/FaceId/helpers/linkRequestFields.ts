/**
 * What Create Verification Link sends: where the customer's browser returns, the photo to compare
 * with, China's name and ID number, and `Extra`. Read and checked before anything is sent.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkImageBytes } from '../../../lib/tencent/images';
import {
	redirectUrlProblem,
	RETURN_URL_SETTING,
	type HostedEntryKind,
	type HostedFlow,
} from '../../../lib/tencent/pendingVerifications/hostedVerification';
import type { VerificationRegistry } from '../../../lib/tencent/pendingVerifications/registry';
import { invalidField } from '../../shared/errors';
import { showWhen } from './displayOptions';
import { ID_CARD_NUMBER_PROPERTY, NAME_PROPERTY, readIdCardNumber, readName } from './identityFields';
import { readPageOptions } from './webPageOptions';

export const LINK_REQUEST_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Return To',
		name: 'returnTo',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'FaceID Return Trigger (Active on This Registry Channel)',
				value: 'returnTrigger',
				description: 'The webhook of the active FaceID Return Trigger: its workflow starts the moment the customer is back',
			},
			{ name: 'Custom URL', value: 'url', description: 'Your own page; the FaceID Trigger still emits the result by polling' },
		],
		default: 'returnTrigger',
		description: "Where Tencent's page sends the customer's browser when they finish (Tencent adds the token to the URL)",
	},
	...showWhen({ returnTo: ['url'] }, [
		{ displayName: 'Redirect URL', name: 'redirectUrl', type: 'string', default: '', required: true, placeholder: 'https://example.com/kyc/done' },
	]),
	...showWhen({ hostedFlow: ['detectAuth'] }, [
		{ ...NAME_PROPERTY, name: 'customerName', required: false, hint: 'Whether your RuleId needs it is set in the console; leave empty otherwise' },
		{ ...ID_CARD_NUMBER_PROPERTY, name: 'customerIdCard', required: false, hint: 'Whether your RuleId needs it is set in the console; leave empty otherwise' },
	]),
	{
		displayName: 'Compare Photo (Binary Property)',
		name: 'comparePhotoProperty',
		type: 'string',
		default: '',
		placeholder: 'data',
		description:
			"Binary property of the input item holding a photo (JPEG or PNG) to compare the customer's face with. Empty: the document's portrait (international) or the authoritative ID photo (China).",
	},
	{
		displayName: 'Extra',
		name: 'extra',
		type: 'string',
		default: '',
		description:
			'Text Tencent keeps with the verification and returns with the result. It passes through Tencent (and, on the China site, the return URL): never put a secret or personal data in it. The Reference stays in n8n.',
	},
];

function readOptionalText(context: IExecuteFunctions, itemIndex: number, parameter: string): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '');
	return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
}

/** The return URL: the active Return Trigger's (from the registry channel) or the user's own. */
async function readReturnUrl(context: IExecuteFunctions, itemIndex: number, flow: HostedFlow, registry: VerificationRegistry | undefined): Promise<string> {
	const returnTo = context.getNodeParameter('returnTo', itemIndex, 'returnTrigger');
	const url =
		returnTo === 'url'
			? readOptionalText(context, itemIndex, 'redirectUrl')
			: ((await registry?.channelSetting(RETURN_URL_SETTING)) ?? '');
	if (!url && returnTo !== 'url') {
		throw invalidField(
			context,
			itemIndex,
			'Return To',
			`finds no active FaceID Return Trigger on registry channel "${registry?.queue.replace(/:links$/, '') ?? ''}"`,
			'Activate the workflow with the FaceID Return Trigger (same registry and channel), or choose Custom URL. Nothing was sent.',
		);
	}
	const problem = url ? redirectUrlProblem(flow, url) : 'is empty';
	if (problem) throw invalidField(context, itemIndex, returnTo === 'url' ? 'Redirect URL' : 'Return To', problem);
	return url;
}

async function readComparePhoto(context: IExecuteFunctions, itemIndex: number, flow: HostedFlow): Promise<string | undefined> {
	const property = readOptionalText(context, itemIndex, 'comparePhotoProperty');
	if (!property) return undefined;
	const label = 'Compare Photo (Binary Property)';
	const binary = context.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) throw invalidField(context, itemIndex, label, `names "${property}", which the input item does not have`);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const field = flow.kind === 'webVerification' ? 'CompareImageBase64' : 'ImageBase64';
	const problem = checkImageBytes(bytes, flow.apply.imageLimits?.[field] ?? Infinity);
	if (problem) throw invalidField(context, itemIndex, label, `"${property}" ${problem.problem}`);
	return bytes.toString('base64');
}

export async function readLinkRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	flow: HostedFlow,
	kind: HostedEntryKind,
	registry: VerificationRegistry | undefined,
): Promise<{ request: Record<string, unknown>; returnUrl: string }> {
	const extra = readOptionalText(context, itemIndex, 'extra');
	if (extra.length > flow.maxExtraLength) throw invalidField(context, itemIndex, 'Extra', `is longer than Tencent's ${flow.maxExtraLength} characters`);
	const photo = await readComparePhoto(context, itemIndex, flow);
	const returnUrl = await readReturnUrl(context, itemIndex, flow, registry);
	if (flow.kind === 'webVerification') {
		const config = readPageOptions(context, itemIndex);
		return {
			request: { RedirectURL: returnUrl, ...(photo ? { CompareImageBase64: photo } : {}), ...(extra ? { Extra: extra } : {}), ...(config ? { Config: config } : {}) },
			returnUrl,
		};
	}
	const name = readOptionalText(context, itemIndex, 'customerName') ? readName(context, itemIndex, 'customerName') : undefined;
	const idCard = readOptionalText(context, itemIndex, 'customerIdCard') ? readIdCardNumber(context, itemIndex, 'customerIdCard') : undefined;
	return {
		request: {
			RuleId: kind.ruleId,
			...(name ? { Name: name } : {}),
			...(idCard ? { IdCard: idCard } : {}),
			RedirectUrl: returnUrl,
			...(extra ? { Extra: extra } : {}),
			...(photo ? { ImageBase64: photo } : {}),
		},
		returnUrl,
	};
}
