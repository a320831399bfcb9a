/**
 * Fields and output shape shared by the asynchronous document operations (Apply, Get Result) and
 * the FaceID Trigger, so that a result means the same wherever it comes from.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatMegabytes } from '../../lib/tencent/images';
import {
	CARD_VERIFICATION_REGIONS,
	GENERATIONS,
	isCardVerificationGeneration,
	maxDocumentImageBytes,
	type CardVerificationGeneration,
} from '../../lib/tencent/pendingVerifications/cardVerification';
import type { BinaryField } from './responseFields';
import { deliveryFields, pickFields, type DeliveryDetails } from './responseFields';
import { invalidField } from './errors';

/** "FaceID (<start action>, <version>)", from the generation's definitions. */
function generationLabel(service: string, generation: CardVerificationGeneration): string {
	const { apply } = GENERATIONS[generation];
	return `${service} (${apply.name}, ${apply.version})`;
}

export const generationProperty: INodeProperties = {
	displayName: 'API Generation',
	name: 'apiGeneration',
	type: 'options',
	options: [
		{
			name: generationLabel('FaceID', 'faceid'),
			value: 'faceid',
			description: `The FaceID actions of Tencent's API page: images up to ${formatMegabytes(maxDocumentImageBytes('faceid'))} after base64`,
		},
		{
			name: generationLabel('OCR', 'ocr'),
			value: 'ocr',
			description: `Where Tencent moved the feature in 2026 (OCR service): images up to ${formatMegabytes(maxDocumentImageBytes('ocr'))} after base64, residence permits`,
		},
	],
	// The option names are built from the definitions, which the lint cannot read: 'faceid' is the first value.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
	default: 'faceid',
	description: 'Which pair of Tencent actions checks the document; the outputs mean the same for both',
};

export const regionProperty: INodeProperties = {
	displayName: 'Region',
	name: 'cardRegion',
	type: 'options',
	options: CARD_VERIFICATION_REGIONS.map((region) => ({ name: region, value: region })),
	default: 'ap-singapore',
	description: 'Tencent offers document verification in these regions only (the OCR generation documents ap-singapore)',
};

export function readGeneration(context: IExecuteFunctions, itemIndex: number): CardVerificationGeneration {
	const value = context.getNodeParameter('apiGeneration', itemIndex, 'faceid');
	if (!isCardVerificationGeneration(value)) throw invalidField(context, itemIndex, 'API Generation', `"${String(value)}" is not faceid or ocr`);
	return value;
}

export function readRegion(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('cardRegion', itemIndex, 'ap-singapore')).trim();
	if (!(CARD_VERIFICATION_REGIONS as readonly string[]).includes(value)) {
		throw invalidField(context, itemIndex, 'Region', `"${value}" is not one of ${CARD_VERIFICATION_REGIONS.join(', ')}`);
	}
	return value;
}

/** The Reference field of the steps that start a check; `readReference` reads it. */
export const REFERENCE_PROPERTY: INodeProperties = {
	displayName: 'Reference',
	name: 'reference',
	type: 'string',
	default: '',
	placeholder: '={{ $json.crmId }}',
	description:
		'Free text kept with the token and returned with the result (here and by the FaceID Trigger), e.g. a CRM record ID to join the result back',
};

/** Longest Reference kept: it is an identifier to join on, not a document. */
export const MAX_REFERENCE_LENGTH = 256;

export function readReference(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('reference', itemIndex, '');
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw invalidField(context, itemIndex, 'Reference', `must be text, not ${typeof raw}`);
	}
	const reference = String(raw).trim();
	if (reference.length > MAX_REFERENCE_LENGTH) {
		throw invalidField(context, itemIndex, 'Reference', `is longer than ${MAX_REFERENCE_LENGTH} characters`);
	}
	return reference;
}

export interface CardVerificationDetails extends DeliveryDetails {
	token: string | null;
	generation: CardVerificationGeneration;
	region: string;
	reference: string;
}

/**
 * One result's JSON without its outcome (the router, or the trigger, adds `outcome`): Tencent's
 * answer as sent (Status, WarnInfo, the card data…), the Reference, and `verification` (token,
 * generation, polls, how it was delivered).
 */
export function cardVerificationFields(response: Record<string, unknown> | undefined, details: CardVerificationDetails): IDataObject {
	const verification: IDataObject = { token: details.token, generation: details.generation, region: details.region, ...deliveryFields(details) };
	return {
		CardVerificationToken: details.token,
		...(response as IDataObject | undefined),
		reference: details.reference,
		verification,
	};
}

/** "Simplify": what a workflow needs from a result; the rest of Tencent's answer is dropped. */
export const SIMPLIFIED_RESULT_FIELDS = [
	'CardVerificationToken',
	'Status',
	'WarnInfo',
	'Nationality',
	'CardType',
	'CardSubType',
	'CardInfo',
	'BackCardInfo',
	'HeadImageBase64',
	'reference',
	'verification',
] as const;

/** "Simplify" of a result item, wherever it comes from. */
export function simplifyCardResult(response: IDataObject): IDataObject {
	return pickFields(response, [...SIMPLIFIED_RESULT_FIELDS, 'Error']);
}

/**
 * The portrait Tencent cuts from the document (OCR generation) becomes a binary property: the one
 * a parameter names, or `headImage` where the node has no such parameter.
 */
export function headImageBinaryFields(propertyParameter?: string): readonly BinaryField[] {
	return [{ field: 'HeadImageBase64', propertyParameter, defaultProperty: 'headImage', fileName: 'head' }];
}
