/** Every action the sandbox answers by default; add each new `actions/<ActionName>.ts` here. */
import type { SandboxAction } from '../action';
import { ApplyCardVerificationAction } from './ApplyCardVerification';
import { ApplyCardVerificationExternalAction } from './ApplyCardVerificationExternal';
import { CheckIdCardInformationAction } from './CheckIdCardInformation';
import { GetCardVerificationExternalResultAction } from './GetCardVerificationExternalResult';
import { GetCardVerificationResultAction } from './GetCardVerificationResult';
import { IdCardOCRVerificationAction } from './IdCardOCRVerification';
import { IdCardVerificationAction } from './IdCardVerification';
import { ImageRecognitionV2Action } from './ImageRecognitionV2';

export const BUILTIN_ACTIONS: readonly SandboxAction[] = [
	IdCardVerificationAction,
	IdCardOCRVerificationAction,
	CheckIdCardInformationAction,
	ImageRecognitionV2Action,
	ApplyCardVerificationAction,
	GetCardVerificationResultAction,
	ApplyCardVerificationExternalAction,
	GetCardVerificationExternalResultAction,
];
