import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idCardNumberProblem, maskIdCardNumber, MAX_NAME_LENGTH, normalizeIdCardNumber } from '../../../lib/tencent/idCardNumber';
import { invalidField } from '../../shared/errors';
import { readCheckedNumber, type NumberRule } from './checkedNumbers';

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

const ID_CARD_NUMBER_RULE: NumberRule = { normalize: normalizeIdCardNumber, problem: (id) => idCardNumberProblem(id), mask: maskIdCardNumber };

/** Reads and checks an ID number before anything is sent (see checkedNumbers.ts). */
export function readIdCardNumber(context: IExecuteFunctions, itemIndex: number, parameter: string, label = 'ID Card Number'): string {
	return readCheckedNumber(context, itemIndex, parameter, label, ID_CARD_NUMBER_RULE);
}
