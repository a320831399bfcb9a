/**
 * The international web verification's page settings (Tencent's `WebVerificationConfigIntl`), as
 * one "Page Options" collection: only what the user sets is sent, so Tencent's defaults hold.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WebVerificationConfigIntl } from '../../../lib/tencent/actions/ApplyWebVerificationBizTokenIntl';
import { invalidField } from '../../shared/errors';

const ID_CARD_TYPES = [
	['HKIDCard', 'Hong Kong (China) Identity Card'],
	['MLIDCard', 'Malaysian Identity Card'],
	['IndonesiaIDCard', 'Indonesian Identity Card'],
	['PhilippinesVoteID', 'Philippines Voter Card'],
	['PhilippinesDrivingLicense', 'Philippines Driving License'],
	['PhilippinesTinID', 'Philippines TIN ID'],
	['PhilippinesSSSID', 'Philippines SSS ID'],
	['PhilippinesUMID', 'Philippines UMID'],
	['InternationalIDPassport', 'Passport'],
	['ThailandIDCard', 'Thai Identity Card'],
	['SingaporeIDCard', 'Singapore ID Card'],
	['MainlandIDCard', 'Mainland China ID Card'],
] as const;

const flag = (name: keyof WebVerificationConfigIntl, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
});

export const PAGE_OPTIONS_PROPERTY: INodeProperties = {
	displayName: 'Page Options',
	name: 'pageOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description: "How Tencent's verification page behaves (its Config); unset options keep Tencent's defaults",
	options: [
		{ displayName: 'Action List', name: 'ActionList', type: 'string', default: '', placeholder: 'blink,mouth', description: 'One or two of blink, mouth, nod, shake; only with an action Security Level' },
		flag('AllowExpiredDocument', 'Allow Expired Document', 'Whether an expired Hong Kong ID card may continue to the liveness check'),
		{
			displayName: 'Auto Downgrade',
			name: 'AutoDowngrade',
			type: 'options',
			options: [
				{ name: 'Downgrade to Silent Liveness', value: 1 },
				{ name: 'Never Downgrade', value: 2 },
			],
			default: 1,
		},
		flag('AutoSkip', 'Auto Skip Result Page', "Whether a successful customer goes straight back to the redirect URL, without Tencent's result page"),
		flag('AutoSkipStartPage', 'Auto Skip Start Page', 'Whether the customer starts the verification without the start page'),
		{
			displayName: 'Check Mode',
			name: 'CheckMode',
			type: 'options',
			options: [
				{ name: 'Document + Liveness + Face Comparison', value: 1 },
				{ name: 'Liveness + Face Comparison', value: 2 },
				{ name: 'Liveness Only', value: 3 },
				{ name: 'Document Only', value: 4 },
			],
			default: 2,
		},
		flag('DisableCheckOcrWarnings', 'Disable Document Warnings', 'Whether to let a document with warnings (a photocopy, a recapture) through'),
		{
			displayName: 'Document Type',
			name: 'IDCardType',
			type: 'options',
			options: ID_CARD_TYPES.map(([value, name]) => ({ name, value })),
			default: 'HKIDCard',
		},
		flag('IdCardCutReturn', 'Return Cropped Document', 'Whether the document images come back cropped'),
		{
			displayName: 'Language',
			name: 'Language',
			type: 'options',
			options: [
				{ name: 'English', value: 'en' },
				{ name: 'Indonesian', value: 'id' },
				{ name: 'Simplified Chinese', value: 'zh-cn' },
				{ name: 'Thai', value: 'th' },
				{ name: 'Traditional Chinese', value: 'zh-tc' },
			],
			default: 'en',
		},
		{ displayName: 'Liveness Retry Limit', name: 'LivenessRetryLimit', type: 'number', typeOptions: { minValue: 1, maxValue: 99 }, default: 99 },
		{ displayName: 'Liveness Timeout (Seconds)', name: 'LivenessTimeout', type: 'number', typeOptions: { minValue: 0, maxValue: 600 }, default: 45 },
		{
			displayName: 'Security Level',
			name: 'SecurityLevel',
			type: 'options',
			options: [
				{ name: 'Silent Liveness', value: 1 },
				{ name: 'Action Liveness', value: 2 },
				{ name: 'Light Liveness', value: 3 },
				{ name: 'Action + Light Liveness', value: 4 },
			],
			default: 3,
		},
		{ displayName: 'Selected Warning Codes', name: 'SelectedWarningCodes', type: 'string', default: '', placeholder: '-9101,-9102', description: 'The document warnings that stop the verification; empty: all of them' },
		flag('SkipPrivacyPolicy', 'Skip Privacy Policy', 'Whether to skip the privacy agreement page'),
		{ displayName: 'Theme Color', name: 'ThemeColor', type: 'color', default: '#2d72f1' },
		{
			displayName: 'Version',
			name: 'Version',
			type: 'options',
			options: [
				{ name: 'Basic', value: 'BASIC' },
				{ name: 'Plus', value: 'PLUS' },
			],
			default: 'BASIC',
		},
	],
};

const ACTIONS = new Set(['blink', 'mouth', 'nod', 'shake']);

/** The Config to send: what the user set, checked; undefined when nothing is set. */
export function readPageOptions(context: IExecuteFunctions, itemIndex: number): WebVerificationConfigIntl | undefined {
	const raw = context.getNodeParameter('pageOptions', itemIndex, {}) as IDataObject;
	const config = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== undefined && value !== null)) as IDataObject;
	if (typeof config.ActionList === 'string') {
		const actions = config.ActionList.split(',').map((action) => action.trim());
		if (actions.length > 2 || actions.some((action) => !ACTIONS.has(action))) {
			throw invalidField(context, itemIndex, 'Page Options › Action List', 'must be one or two of blink, mouth, nod, shake, comma-separated');
		}
		config.ActionList = actions.join(',');
	}
	if (typeof config.ThemeColor === 'string' && !/^#[0-9a-fA-F]{6}$/.test(config.ThemeColor)) {
		throw invalidField(context, itemIndex, 'Page Options › Theme Color', 'must be a colour like #2d72f1');
	}
	return Object.keys(config).length ? (config as WebVerificationConfigIntl) : undefined;
}
