/**
 * The catalogue of API actions this package calls. The credential reads it to find an action's
 * service (the credential scope), so add every new action here.
 */
import { ApplyCardVerification } from './models/ApplyCardVerification';
import { ApplyCardVerificationExternal } from './models/ApplyCardVerificationExternal';
import { CheckIdCardInformation } from './models/CheckIdCardInformation';
import type { ActionDefinition, BaseResponse } from './models/common';
import { GetCardVerificationExternalResult } from './models/GetCardVerificationExternalResult';
import { GetCardVerificationResult } from './models/GetCardVerificationResult';
import { IdCardOCRVerification } from './models/IdCardOCRVerification';
import { IdCardVerification } from './models/IdCardVerification';
import { ImageRecognitionV2 } from './models/ImageRecognitionV2';

export const ACTIONS: ReadonlyArray<ActionDefinition<unknown, BaseResponse>> = [
	IdCardVerification,
	IdCardOCRVerification,
	CheckIdCardInformation,
	ImageRecognitionV2,
	ApplyCardVerification,
	GetCardVerificationResult,
	ApplyCardVerificationExternal,
	GetCardVerificationExternalResult,
];

const byName = new Map(ACTIONS.map((action) => [action.name, action]));

export function findAction(name: string): ActionDefinition<unknown, BaseResponse> | undefined {
	return byName.get(name);
}

/** Service for the credential scope; FaceID unless the catalogue says otherwise. */
export function serviceForAction(name: string | undefined): string {
	return (name && byName.get(name)?.service) || 'faceid';
}
