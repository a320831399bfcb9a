/**
 * What the element checks (bank card, phone, ID validity) have in common: FaceID 2018-03-01, Tencent's limit of
 * 20 requests per second each, an answer of `Result` and `Description` (some add a field), the same
 * `FailedOperation.*` codes, and sensitive-data encryption (the `Encryption` parameter, or its fields at
 * the top of the request for the oldest phone check). Each definition brings its name, sites,
 * its own `Result` table and the fields Tencent encrypts.
 */
import { z } from 'zod';

import type { TencentSite } from '../endpoint';
import { defineAction, type ActionDefinition, type BaseResponse } from './common';
import { failedOperationErrors, failedOperations, type ActionOutcomeTable, type DecisionTable } from './verdicts';

export const ResultAnswerSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type ResultAnswer = z.infer<typeof ResultAnswerSchema>;

export interface ElementCheck<Res> {
	name: string;
	sites: readonly TencentSite[];
	/** Each `Result` code of the action's page: the same number means other things in other checks. */
	results: DecisionTable;
	/** The request fields Tencent takes encrypted. */
	encryptedFields: readonly string[];
	/** The older actions take the key and the field list at the top of the request. */
	encryptionPlacement?: 'topLevel';
	/** When the answer has fields beyond `Result` and `Description`. */
	responseSchema?: z.ZodType<Res, z.ZodTypeDef, unknown>;
	/** When the verdict also depends on another field of the answer. */
	refine?: ActionOutcomeTable['refine'];
	monthsInUse?: boolean;
}

export function defineElementCheck<Req, Res extends BaseResponse = ResultAnswer>(check: ElementCheck<Res>): ActionDefinition<Req, Res> {
	const { name, sites, results, encryptedFields, encryptionPlacement, responseSchema, refine, monthsInUse } = check;
	return defineAction<Req, Res>({
		name,
		service: 'faceid',
		version: '2018-03-01',
		sites,
		responseSchema: responseSchema ?? (ResultAnswerSchema as unknown as z.ZodType<Res, z.ZodTypeDef, unknown>),
		rateLimit: 20,
		outcomes: {
			results,
			failedOperations: failedOperations('UnKnown'),
			errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
			similarity: false,
			...(refine ? { refine } : {}),
			...(monthsInUse ? { monthsInUse } : {}),
		},
		encryption: { requestFields: encryptedFields, ...(encryptionPlacement ? { placement: encryptionPlacement } : {}) },
	});
}
