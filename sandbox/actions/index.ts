/**
 * Every action the sandbox answers by default: one line per `actions/<ActionName>.ts`.
 * Only actions here: `./builtin.ts` lists whatever this module exports.
 */
export { ApplyCardVerificationAction } from './ApplyCardVerification';
export { ApplyCardVerificationExternalAction } from './ApplyCardVerificationExternal';
export { BankCard2EVerificationAction } from './BankCard2EVerification';
export { BankCard4EVerificationAction } from './BankCard4EVerification';
export { BankCardVerificationAction } from './BankCardVerification';
export { CheckIdCardInformationAction } from './CheckIdCardInformation';
export { CheckPhoneAndNameAction } from './CheckPhoneAndName';
export { GetCardVerificationExternalResultAction } from './GetCardVerificationExternalResult';
export { GetCardVerificationResultAction } from './GetCardVerificationResult';
export { IdCardOCRVerificationAction } from './IdCardOCRVerification';
export { IdCardVerificationAction } from './IdCardVerification';
export { ImageRecognitionV2Action } from './ImageRecognitionV2';
export { MobileNetworkTimeVerificationAction } from './MobileNetworkTimeVerification';
export { MobileStatusAction } from './MobileStatus';
