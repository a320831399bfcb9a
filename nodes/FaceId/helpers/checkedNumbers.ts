/**
 * Reading a number a check sends (an ID, bank card or mobile number): text or a number, tidied
 * the way people write it, then checked before anything is sent so a typo costs nothing. The
 * check can be switched off (option "Validate Before Sending") to let Tencent answer it itself.
 * The error shows the number only masked.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../../shared/errors';
import { readNodeOptions } from '../../shared/options';

/** What the package knows of one kind of number (a module of lib/tencent/ each). */
export interface NumberRule {
	normalize(raw: string): string;
	/** Why it cannot be such a number, or undefined. */
	problem(value: string): string | undefined;
	mask(value: string): string;
}

export function readCheckedNumber(context: IExecuteFunctions, itemIndex: number, parameter: string, label: string, rule: NumberRule): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '');
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw invalidField(context, itemIndex, label, `must be text, not ${typeof raw}`);
	}
	const value = rule.normalize(String(raw));
	if (!value) throw invalidField(context, itemIndex, label, 'is empty');
	if (readNodeOptions(context, itemIndex).validateBeforeSending) {
		const problem = rule.problem(value);
		if (problem) {
			throw invalidField(
				context,
				itemIndex,
				label,
				problem,
				`Received ${rule.mask(value)}. Nothing was sent to Tencent Cloud, so this item cost nothing.`,
			);
		}
	}
	return value;
}
