import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { maskMobileNumber, mobileNumberProblem, normalizeMobileNumber } from '../../../lib/tencent/mobileNumber';
import { readCheckedNumber, type NumberRule } from './checkedNumbers';

/** A mainland mobile number (parameter `phone`). */
export const MOBILE_NUMBER_PROPERTY: INodeProperties = {
	displayName: 'Mobile Number',
	name: 'phone',
	type: 'string',
	default: '',
	required: true,
	placeholder: '13800138000',
	hint: '11-digit mainland China mobile number; a +86 prefix, spaces or hyphens are removed',
};

const MOBILE_NUMBER_RULE: NumberRule = { normalize: normalizeMobileNumber, problem: mobileNumberProblem, mask: maskMobileNumber };

/** Reads and checks a mobile number before anything is sent (see checkedNumbers.ts). */
export function readMobileNumber(context: IExecuteFunctions, itemIndex: number, label = 'Mobile Number'): string {
	return readCheckedNumber(context, itemIndex, 'phone', label, MOBILE_NUMBER_RULE);
}
