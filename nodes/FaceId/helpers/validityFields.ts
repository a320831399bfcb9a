/**
 * The validity period printed on the back of a resident ID card (parameters `validFrom` and
 * `validUntil`), read and checked before anything is sent: the rules are lib/tencent/idCardValidity.ts.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chinaDate, normalizeValidityDate, validFromProblem, validUntilProblem } from '../../../lib/tencent/idCardValidity';
import { invalidField } from '../../shared/errors';
import { readNodeOptions } from '../../shared/options';

export const VALID_FROM_PROPERTY: INodeProperties = {
	displayName: 'Valid From',
	name: 'validFrom',
	type: 'string',
	default: '',
	required: true,
	placeholder: '20150701',
	hint: 'First day of validity on the back of the ID card: 20150701, 2015.07.01 or 2015-07-01',
};

export const VALID_UNTIL_PROPERTY: INodeProperties = {
	displayName: 'Valid Until',
	name: 'validUntil',
	type: 'string',
	default: '',
	required: true,
	placeholder: '20350701',
	hint: 'Last day of validity, written like Valid From; "long-term" (长期) for a card valid for life',
};

export interface ValidityPeriod {
	ValidityBegin: string;
	ValidityEnd: string;
}

export function readValidityPeriod(context: IExecuteFunctions, itemIndex: number): ValidityPeriod {
	const validFrom = readDate(context, itemIndex, VALID_FROM_PROPERTY);
	const validUntil = readDate(context, itemIndex, VALID_UNTIL_PROPERTY);
	if (readNodeOptions(context, itemIndex).validateBeforeSending) {
		const fromProblem = validFromProblem(validFrom);
		if (fromProblem) throw invalidDate(context, itemIndex, VALID_FROM_PROPERTY, fromProblem, validFrom);
		const untilProblem = validUntilProblem(validUntil, validFrom);
		if (untilProblem) throw invalidDate(context, itemIndex, VALID_UNTIL_PROPERTY, untilProblem, validUntil);
	}
	return { ValidityBegin: validFrom, ValidityEnd: validUntil };
}

function readDate(context: IExecuteFunctions, itemIndex: number, property: INodeProperties): string {
	const raw = context.getNodeParameter(property.name, itemIndex, '');
	// An expression may hand over a Luxon DateTime, which prints as ISO in its own zone, or a Date, an
	// instant: its day in China, where the card was issued.
	const text = raw instanceof Date ? chinaDate(raw) : typeof raw === 'object' && raw !== null ? String(raw) : raw;
	if (typeof text !== 'string' && typeof text !== 'number') {
		throw invalidField(context, itemIndex, property.displayName, `must be a date, not ${typeof raw}`);
	}
	const value = normalizeValidityDate(String(text));
	if (!value) throw invalidField(context, itemIndex, property.displayName, 'is empty');
	return value;
}

function invalidDate(context: IExecuteFunctions, itemIndex: number, property: INodeProperties, problem: string, value: string) {
	return invalidField(context, itemIndex, property.displayName, problem, `Received ${value}. Nothing was sent to Tencent Cloud, so this item cost nothing.`);
}
