import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	CHECK_ID_CARD_BASE64_LIMIT,
	CHECK_ID_CARD_URL_LIMIT,
	CheckIdCardInformation,
	serializeCheckConfig,
	type CheckConfigFlag,
	type CheckIdCardConfig,
	type CheckIdCardInformationRequest,
	type CheckIdCardInformationResponse,
} from '../../../../lib/tencent/actions/CheckIdCardInformation';
import { imageFieldProperties, imageRequestFields, readImageField, type ImageFieldSpec } from '../../helpers/imageFields';
import { pickFields } from '../../../shared/responseFields';
import type { SingleCallOperation } from '../types';

const ID_CARD_PHOTO: ImageFieldSpec = {
	key: 'idCardPhoto',
	label: 'ID Card Photo',
	maxBase64Bytes: CHECK_ID_CARD_BASE64_LIMIT,
	urlMaxBase64Bytes: CHECK_ID_CARD_URL_LIMIT,
	url: 'tencent',
};

/** One checkbox per warning switch of Tencent's `Config`. */
const WARNING_SWITCHES: ReadonlyArray<{ parameter: string; flag: CheckConfigFlag; label: string; description: string }> = [
	{ parameter: 'warnPhotocopy', flag: 'CopyWarn', label: 'Warn on Photocopy', description: 'Whether to flag a photocopy of the card (-9102)' },
	{
		parameter: 'warnBorder',
		flag: 'BorderCheckWarn',
		label: 'Warn on Incomplete or Covered Card',
		description: 'Whether to flag a card whose border is cut off (-9101) or whose frame is covered (-9105)',
	},
	{ parameter: 'warnReshoot', flag: 'ReshootWarn', label: 'Warn on Re-Shot Card', description: 'Whether to flag a photo of a screen or of another photo (-9103)' },
	{ parameter: 'warnEdited', flag: 'DetectPsWarn', label: 'Warn on Edited Image', description: 'Whether to flag traces of image editing (-9106)' },
	{ parameter: 'warnTemporaryCard', flag: 'TempIdWarn', label: 'Warn on Temporary Card', description: 'Whether to flag a temporary ID card (-9104)' },
	{ parameter: 'warnBlurry', flag: 'Quality', label: 'Warn on Blurry Image', description: 'Whether to flag an image whose quality score is below 50 (-8001)' },
];

const WARNING_HINT = 'Any raised warning sends the item to Review with the warnings spelled out; Tencent then skips the comparison';

export const checkIdCardInformation: SingleCallOperation<CheckIdCardInformationRequest, CheckIdCardInformationResponse> = {
	resource: 'identityCard',
	value: 'checkIdCardInformation',
	name: 'Check ID Card Photo',
	description:
		"Read a mainland ID card photo and compare its name, number and portrait with the authoritative ID photo (Tencent's CheckIdCardInformation)",
	actionLabel: 'Check ID card photo against the authority',
	action: CheckIdCardInformation,
	properties: [
		...imageFieldProperties(ID_CARD_PHOTO),
		...WARNING_SWITCHES.map(
			(warning): INodeProperties => ({
				displayName: warning.label,
				name: warning.parameter,
				type: 'boolean',
				default: false,
				description: warning.description,
				hint: WARNING_HINT,
			}),
		),
		{
			displayName: 'Put Portrait in Binary Property',
			name: 'portraitBinaryProperty',
			type: 'string',
			default: 'portrait',
			hint: "The portrait Tencent crops from the card becomes this binary property (portrait.jpg); the base64 Portrait field leaves the JSON",
		},
	],
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		const image = imageRequestFields(await readImageField(this, itemIndex, ID_CARD_PHOTO));
		const config: CheckIdCardConfig = {};
		for (const warning of WARNING_SWITCHES) {
			config[warning.flag] = this.getNodeParameter(warning.parameter, itemIndex, false) === true;
		}
		const serialized = serializeCheckConfig(config);
		return serialized === undefined ? image : { ...image, Config: serialized };
	},
	simplify: (response) =>
		pickFields(response, ['Result', 'Description', 'Sim', 'Name', 'Sex', 'Nation', 'Birth', 'Address', 'IdNum', 'Warnings']),
	binaryFields: [{ field: 'Portrait', propertyParameter: 'portraitBinaryProperty', defaultProperty: 'portrait', fileName: 'portrait' }],
};
