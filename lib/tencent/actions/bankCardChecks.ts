/**
 * What the bank-card checks (two, three and four elements) have in common: one answer shape
 * (`Result`, `Description`), both sites, Tencent's limit of 20 requests per second each, the
 * `Encryption` parameter, and a verdict table of their own codes on the shared meanings.
 */
import { z } from 'zod';

import { defineAction, type ActionDefinition } from './common';
import { bankCardResults, failedOperationErrors, failedOperations, type BankCardMeaning } from './verdicts';

export const BankCardCheckResponseSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type BankCardCheckResponse = z.infer<typeof BankCardCheckResponseSchema>;

export function defineBankCardCheck<Req>(
	name: string,
	/** Each `Result` code of the action's page with its meaning: the same number means another thing in another check. */
	codes: Readonly<Record<string, BankCardMeaning>>,
	/** The request fields Tencent takes encrypted. */
	encryptedFields: readonly string[],
): ActionDefinition<Req, BankCardCheckResponse> {
	return defineAction<Req, BankCardCheckResponse>({
		name,
		service: 'faceid',
		version: '2018-03-01',
		sites: ['china', 'international'],
		responseSchema: BankCardCheckResponseSchema,
		rateLimit: 20,
		outcomes: {
			results: bankCardResults(codes),
			failedOperations: failedOperations('UnKnown'),
			errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
			similarity: false,
		},
		encryption: { requestFields: encryptedFields },
	});
}
