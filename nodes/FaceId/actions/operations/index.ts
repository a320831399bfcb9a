/** The node's operations, in the order the editor lists them: a new operation is one file and one line here. */
import type { FaceIdOperation } from '../types';
import { applyCardVerification } from './applyCardVerification.operation';
import { bankCard2EVerification } from './bankCard2EVerification.operation';
import { bankCard4EVerification } from './bankCard4EVerification.operation';
import { bankCardVerification } from './bankCardVerification.operation';
import { checkBankCardInformation } from './checkBankCardInformation.operation';
import { checkIdCardInformation } from './checkIdCardInformation.operation';
import { checkIdNameDate } from './checkIdNameDate.operation';
import { checkPhoneAndName } from './checkPhoneAndName.operation';
import { compareFaceLiveness } from './compareFaceLiveness.operation';
import { createVerificationLink } from './createVerificationLink.operation';
import { detectAiFakeFaces } from './detectAiFakeFaces.operation';
import { getCardVerificationResult } from './getCardVerificationResult.operation';
import { getVerificationResult } from './getVerificationResult.operation';
import { idCardOcrVerification } from './idCardOcrVerification.operation';
import { idCardVerification } from './idCardVerification.operation';
import { imageRecognitionV2 } from './imageRecognitionV2.operation';
import { livenessCompare } from './livenessCompare.operation';
import { mobileNetworkTimeVerification } from './mobileNetworkTimeVerification.operation';
import { mobileStatus } from './mobileStatus.operation';
import { phoneVerification } from './phoneVerification.operation';

export const OPERATIONS: readonly FaceIdOperation[] = [
	idCardVerification,
	idCardOcrVerification,
	checkIdCardInformation,
	checkIdNameDate,
	imageRecognitionV2,
	livenessCompare,
	compareFaceLiveness,
	detectAiFakeFaces,
	bankCard4EVerification,
	bankCardVerification,
	bankCard2EVerification,
	checkBankCardInformation,
	phoneVerification,
	mobileStatus,
	mobileNetworkTimeVerification,
	checkPhoneAndName,
	applyCardVerification,
	getCardVerificationResult,
	createVerificationLink,
	getVerificationResult,
];
