import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idCardCheckDigit, maskIdCardNumber, normalizeIdCardNumber } from '../../../lib/tencent/idCardNumber';
import { invalidField } from './itemErrors';

/** Longest name accepted; Tencent rejects longer ones as "-3" after a round trip. */
export const MAX_NAME_LENGTH = 64;

/** The person's name, as every name + ID number operation asks for it (parameter `name`). */
export const NAME_PROPERTY: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: '韦小宝',
	hint: 'Full legal name as on the ID card; spaces around it are removed',
};

/** The mainland ID number (parameter `idCard`). */
export const ID_CARD_NUMBER_PROPERTY: INodeProperties = {
	displayName: 'ID Card Number',
	name: 'idCard',
	type: 'string',
	default: '',
	required: true,
	placeholder: '11010119900307803X',
	hint: '18-character mainland resident ID number; a lower-case x is read as X',
};

export function readName(context: IExecuteFunctions, itemIndex: number, parameter: string, label = 'Name'): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '');
	if (typeof raw !== 'string') {
		throw invalidField(context, itemIndex, label, `must be text, not ${typeof raw}`);
	}
	const name = raw.trim();
	if (!name) throw invalidField(context, itemIndex, label, 'is empty');
	if ([...name].length > MAX_NAME_LENGTH) {
		throw invalidField(context, itemIndex, label, `is longer than ${MAX_NAME_LENGTH} characters`);
	}
	return name;
}

/** Why an ID number cannot be a valid GB 11643 number, or undefined when it can. */
export function idCardNumberProblem(id: string): string | undefined {
	if (id.length !== 18) return `must have 18 characters, not ${id.length}`;
	if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
	const birth = id.slice(6, 14);
	const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) {
		return 'has no valid birth date in characters 7 to 14';
	}
	if (idCardCheckDigit(id.slice(0, 17)) !== id[17]) return 'has a wrong check digit (GB 11643)';
	return undefined;
}

/**
 * Reads and checks an ID number before anything is sent, so a typo costs nothing. The check can be
 * switched off (option "Validate Before Sending") to let Tencent answer "-2" itself.
 */
export function readIdCardNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label = 'ID Card Number',
): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '');
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw invalidField(context, itemIndex, label, `must be text, not ${typeof raw}`);
	}
	const id = normalizeIdCardNumber(String(raw));
	if (!id) throw invalidField(context, itemIndex, label, 'is empty');
	const validate = context.getNodeParameter('options.validateBeforeSending', itemIndex, true) as boolean;
	if (validate) {
		const problem = idCardNumberProblem(id);
		if (problem) {
			throw invalidField(
				context,
				itemIndex,
				label,
				problem,
				`Received ${maskIdCardNumber(id)}. Nothing was sent to Tencent Cloud, so this item cost nothing.`,
			);
		}
	}
	return id;
}
