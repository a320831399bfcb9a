/**
 * Every action the sandbox answers by default: one line per `actions/<ActionName>.ts`.
 * Only actions here: `./builtin.ts` lists whatever this module exports.
 */
export { ApplyCardVerificationAction } from './ApplyCardVerification';
export { ApplyCardVerificationExternalAction } from './ApplyCardVerificationExternal';
export { CheckIdCardInformationAction } from './CheckIdCardInformation';
export { GetCardVerificationExternalResultAction } from './GetCardVerificationExternalResult';
export { GetCardVerificationResultAction } from './GetCardVerificationResult';
export { IdCardOCRVerificationAction } from './IdCardOCRVerification';
export { IdCardVerificationAction } from './IdCardVerification';
export { ImageRecognitionV2Action } from './ImageRecognitionV2';
