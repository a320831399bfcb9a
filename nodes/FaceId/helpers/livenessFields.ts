/**
 * The fields of the video liveness comparisons: the liveness mode, what the customer was asked to
 * do in it (digits to read, actions to perform), the best frames Tencent sends back, and the one
 * place their values are checked before anything is sent.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LivenessType, ValidateDataRules } from '../../../lib/tencent/actions/liveness';
import { invalidField } from '../../shared/errors';
import type { BinaryField } from '../../shared/responseFields';

const MODES: ReadonlyArray<{ name: string; value: LivenessType; description: string }> = [
	{ name: 'Silent', value: 'SILENT', description: 'The customer just looks at the camera' },
	{ name: 'Action', value: 'ACTION', description: 'The customer performs actions in a given order' },
	{ name: 'Lip Reading', value: 'LIP', description: 'The customer reads digits aloud' },
];

/** The Liveness Type field, offering the modes the action takes. */
export function livenessTypeProperty(modes: readonly LivenessType[]): INodeProperties {
	return {
		displayName: 'Liveness Type',
		name: 'livenessType',
		type: 'options',
		options: MODES.filter((mode) => modes.includes(mode.value)),
		default: 'SILENT',
		description: 'How the video proves a live person: the same mode the customer recorded it in',
	};
}

/** What the customer was asked to do (parameter `validateData`), for the modes that need it. */
export function validateDataProperty(hint: string, modes: readonly LivenessType[]): INodeProperties {
	return {
		displayName: 'Validate Data',
		name: 'validateData',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4,2',
		hint,
		displayOptions: { show: { livenessType: [...modes] } },
	};
}

export function readLivenessType(context: IExecuteFunctions, itemIndex: number, modes: readonly LivenessType[]): LivenessType {
	const value = context.getNodeParameter('livenessType', itemIndex, 'SILENT');
	if (typeof value !== 'string' || !modes.includes(value as LivenessType)) {
		throw invalidField(context, itemIndex, 'Liveness Type', `must be one of ${modes.join(', ')}, not ${String(value)}`);
	}
	return value as LivenessType;
}

/** Validate Data for the mode, checked by the action's rules (lib/tencent/actions/liveness.ts); undefined for a mode that takes none. */
export function readValidateData(context: IExecuteFunctions, itemIndex: number, mode: LivenessType, rules: ValidateDataRules): string | undefined {
	const rule = rules[mode];
	if (!rule) return undefined;
	const raw = context.getNodeParameter('validateData', itemIndex, '');
	const value = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '').replace(/\s+/g, '');
	if (!value) throw invalidField(context, itemIndex, 'Validate Data', `is empty: the ${mode === 'LIP' ? 'digits the customer read' : 'actions the customer performed'} must be given`);
	const problem = rule(value);
	if (problem) throw invalidField(context, itemIndex, 'Validate Data', problem);
	return value;
}

/** The video's best frame, as a binary property of the output item. */
export const BEST_FRAME: BinaryField = { field: 'BestFrameBase64', defaultProperty: 'bestFrame', fileName: 'best-frame' };
