/**
 * The document fields of Apply Card Verification: which country issued it and what it is, checked
 * per generation, and its images.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApplyCardVerificationExternalRequest as DocumentRequest } from '../../../lib/tencent/actions/ApplyCardVerificationExternal';
import {
	GENERATIONS,
	isBackSideRequired,
	maxDocumentImageBytes,
	NATIONALITIES,
	type CardVerificationGeneration,
} from '../../../lib/tencent/pendingVerifications/cardVerification';
import { readGeneration } from '../../shared/cardVerificationFields';
import { invalidField } from '../../shared/errors';
import { readImageField, type ImageFieldSpec, type ImageValue } from './imageFields';

export const DOCUMENT_FRONT: ImageFieldSpec = { key: 'documentFront', label: 'Front Image', maxBase64Bytes: maxDocumentImageBytes('faceid'), url: 'tencent' };
export const DOCUMENT_BACK: ImageFieldSpec = { key: 'documentBack', label: 'Back Image', maxBase64Bytes: maxDocumentImageBytes('faceid'), url: 'tencent' };

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

function requestImageFields(side: 'Front' | 'Back', image: ImageValue): Partial<DocumentRequest> {
	return image.url !== undefined ? { [`ImageUrl${side}`]: image.url } : { [`ImageBase64${side}`]: image.base64 };
}

/** The document's fields and images as Apply sends them: checked, before anything is sent. */
export async function readDocumentRequest(context: IExecuteFunctions, itemIndex: number): Promise<DocumentRequest> {
	const generation = readGeneration(context, itemIndex);
	const Nationality = readNationality(context, itemIndex, generation);
	const CardType = readCardType(context, itemIndex, generation);
	const maxBase64Bytes = maxDocumentImageBytes(generation);
	const front = await readImageField(context, itemIndex, { ...DOCUMENT_FRONT, maxBase64Bytes });
	const includeBack = context.getNodeParameter('includeBackSide', itemIndex, false) === true;
	if (!includeBack && isBackSideRequired(Nationality, CardType)) {
		throw invalidField(
			context,
			itemIndex,
			'Back Image',
			`is required for a ${Nationality} ${CardType}: turn on "Include Back Side"`,
			'Tencent rejects these documents without their back side. Nothing was sent.',
		);
	}
	const back = includeBack ? await readImageField(context, itemIndex, { ...DOCUMENT_BACK, maxBase64Bytes }) : undefined;
	const request: DocumentRequest = {
		Nationality,
		CardType,
		...requestImageFields('Front', front),
		...(back ? requestImageFields('Back', back) : {}),
	};
	if (generation === 'ocr' && context.getNodeParameter('returnHeadImage', itemIndex, false) === true) request.ReturnHeadImage = true;
	return request;
}
