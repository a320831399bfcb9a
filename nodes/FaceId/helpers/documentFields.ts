/** The document fields of Apply Card Verification: which country issued it and what it is, checked per generation. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { GENERATIONS, NATIONALITIES, type CardVerificationGeneration } from '../../../lib/tencent/pendingVerifications/cardVerification';
import { invalidField } from '../../shared/errors';

const CARD_TYPES = [
	{ name: 'Automatic Identification', value: 'AUTO' },
	{ name: 'Driving License', value: 'DRIVING_LICENSE' },
	{ name: 'ID Card', value: 'ID_CARD' },
	{ name: 'Passport', value: 'PASSPORT' },
	{ name: 'Residence Permit (OCR Generation Only)', value: 'RESIDENCE_PERMIT' },
];

export const DOCUMENT_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Nationality',
		name: 'nationality',
		type: 'options',
		options: NATIONALITIES.map((entry) => ({ name: `${entry.name} (${entry.code})`, value: entry.code })),
		default: 'AUTO',
		description: 'Country that issued the document (ISO 3166-1 alpha-3)',
	},
	{
		displayName: 'Card Type',
		name: 'cardType',
		type: 'options',
		options: CARD_TYPES,
		default: 'ID_CARD',
	},
];

export function readNationality(context: IExecuteFunctions, itemIndex: number, generation: CardVerificationGeneration): string {
	const value = String(context.getNodeParameter('nationality', itemIndex, 'AUTO')).trim().toUpperCase();
	const known = NATIONALITIES.some((entry) => entry.code === value);
	// The OCR generation reads documents of more countries than the FaceID page lists.
	if (!known && !(generation === 'ocr' && /^[A-Z]{3}$/.test(value))) {
		throw invalidField(context, itemIndex, 'Nationality', `"${value}" is not one of ${NATIONALITIES.map((entry) => entry.code).join(', ')}`);
	}
	return value;
}

export function readCardType(context: IExecuteFunctions, itemIndex: number, generation: CardVerificationGeneration): string {
	const value = String(context.getNodeParameter('cardType', itemIndex, 'ID_CARD')).trim().toUpperCase();
	const allowed = GENERATIONS[generation].cardTypes;
	if (!allowed.includes(value)) {
		throw invalidField(context, itemIndex, 'Card Type', `"${value}" is not one of ${allowed.join(', ')} for the ${generation} generation`);
	}
	return value;
}
