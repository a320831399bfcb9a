/** The catalogue of API actions the package calls: one line per action definition. */
export { ApplyCardVerification } from './ApplyCardVerification';
export { ApplyCardVerificationExternal } from './ApplyCardVerificationExternal';
export { BankCard2EVerification } from './BankCard2EVerification';
export { BankCard4EVerification } from './BankCard4EVerification';
export { BankCardVerification } from './BankCardVerification';
export { CheckIdCardInformation } from './CheckIdCardInformation';
export { CheckPhoneAndName } from './CheckPhoneAndName';
export { GetCardVerificationExternalResult } from './GetCardVerificationExternalResult';
export { GetCardVerificationResult } from './GetCardVerificationResult';
export { IdCardOCRVerification } from './IdCardOCRVerification';
export { IdCardVerification } from './IdCardVerification';
export { ImageRecognitionV2 } from './ImageRecognitionV2';
export { MobileNetworkTimeVerification } from './MobileNetworkTimeVerification';
export { MobileStatus } from './MobileStatus';
