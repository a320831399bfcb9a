/**
 * Every action the sandbox answers by default: one line per `actions/<ActionName>.ts`.
 * Only actions here: `./builtin.ts` lists whatever this module exports.
 */
export { ApplyCardVerificationAction } from './ApplyCardVerification';
export { ApplyCardVerificationExternalAction } from './ApplyCardVerificationExternal';
export { ApplyWebVerificationBizTokenIntlAction } from './ApplyWebVerificationBizTokenIntl';
export { BankCard2EVerificationAction } from './BankCard2EVerification';
export { BankCard4EVerificationAction } from './BankCard4EVerification';
export { BankCardVerificationAction } from './BankCardVerification';
export { CheckBankCardInformationAction } from './CheckBankCardInformation';
export { CheckIdCardInformationAction } from './CheckIdCardInformation';
export { CheckIdNameDateAction } from './CheckIdNameDate';
export { CheckPhoneAndNameAction } from './CheckPhoneAndName';
export { CompareFaceLivenessAction } from './CompareFaceLiveness';
export { DetectAIFakeFacesAction } from './DetectAIFakeFaces';
export { DetectAuthAction } from './DetectAuth';
export { GetCardVerificationExternalResultAction } from './GetCardVerificationExternalResult';
export { GetCardVerificationResultAction } from './GetCardVerificationResult';
export { GetDetectInfoEnhancedAction } from './GetDetectInfoEnhanced';
export { GetWebVerificationResultIntlAction } from './GetWebVerificationResultIntl';
export { IdCardOCRVerificationAction } from './IdCardOCRVerification';
export { IdCardVerificationAction } from './IdCardVerification';
export { ImageRecognitionV2Action } from './ImageRecognitionV2';
export { LivenessCompareAction } from './LivenessCompare';
export { MobileNetworkTimeVerificationAction } from './MobileNetworkTimeVerification';
export { MobileStatusAction } from './MobileStatus';
export { PhoneVerificationAction } from './PhoneVerification';
