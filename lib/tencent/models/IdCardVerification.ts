import { z } from 'zod';

import { defineAction, EncryptionSchema, type Encryption } from './common';

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
	responseSchema: IdCardVerificationResponseSchema,
	encryption: { requestFields: ['Name', 'IdCard'] },
});
