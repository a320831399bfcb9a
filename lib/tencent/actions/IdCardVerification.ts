import { z } from 'zod';

import { defineAction, EncryptionSchema, type Encryption } from './common';
import { failedOperationErrors, failedOperations, NAME_AND_ID_NUMBER_RESULTS } from './verdicts';

/** IdCardVerification (2018-03-01): checks that a name and a mainland ID number belong together. */
export interface IdCardVerificationRequest {
	IdCard: string;
	Name: string;
	Encryption?: Encryption;
}

export const IdCardVerificationResponseSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		Encryption: EncryptionSchema.nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type IdCardVerificationResponse = z.infer<typeof IdCardVerificationResponseSchema>;

export const IdCardVerification = defineAction<IdCardVerificationRequest, IdCardVerificationResponse>({
	name: 'IdCardVerification',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: IdCardVerificationResponseSchema,
	rateLimit: 100,
	credentialProbe: true,
	outcomes: {
		results: NAME_AND_ID_NUMBER_RESULTS,
		failedOperations: failedOperations('UnKnown'),
		errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
		similarity: false,
	},
	encryption: { requestFields: ['Name', 'IdCard'] },
});
