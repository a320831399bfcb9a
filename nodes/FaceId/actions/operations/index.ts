/** The node's operations, in the order the editor lists them: a new operation is one file and one line here. */
import type { FaceIdOperation } from '../types';
import { applyCardVerification } from './applyCardVerification.operation';
import { bankCard2EVerification } from './bankCard2EVerification.operation';
import { bankCard4EVerification } from './bankCard4EVerification.operation';
import { bankCardVerification } from './bankCardVerification.operation';
import { checkIdCardInformation } from './checkIdCardInformation.operation';
import { checkPhoneAndName } from './checkPhoneAndName.operation';
import { getCardVerificationResult } from './getCardVerificationResult.operation';
import { idCardOcrVerification } from './idCardOcrVerification.operation';
import { idCardVerification } from './idCardVerification.operation';
import { imageRecognitionV2 } from './imageRecognitionV2.operation';
import { mobileNetworkTimeVerification } from './mobileNetworkTimeVerification.operation';
import { mobileStatus } from './mobileStatus.operation';

export const OPERATIONS: readonly FaceIdOperation[] = [
	idCardVerification,
	idCardOcrVerification,
	checkIdCardInformation,
	imageRecognitionV2,
	bankCard4EVerification,
	bankCardVerification,
	bankCard2EVerification,
	mobileStatus,
	mobileNetworkTimeVerification,
	checkPhoneAndName,
	applyCardVerification,
	getCardVerificationResult,
];
