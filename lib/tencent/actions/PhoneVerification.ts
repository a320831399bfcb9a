import { z } from 'zod';

import { defineElementCheck, ResultAnswerSchema } from './elementChecks';
import { rule, type OutcomeRule } from './verdicts';

/**
 * PhoneVerification (2018-03-01): whether a mobile number is registered to a name and ID number
 * (three elements). It predates the `Encryption` object: the key and the encrypted fields' list go at
 * the top of the request. The key is wrapped as for the other actions: Tencent's sensitive-data
 * encryption guide lists this action with them; the field's "kms" wording dates from the older
 * scheme built on Tencent's key management service.
 */
export interface PhoneVerificationRequest {
	IdCard: string;
	Name: string;
	Phone: string;
	/** China site only: "0" basic (the default), "1" detailed, which says which element does not match and costs more. */
	VerifyMode?: '0' | '1';
	CiphertextBlob?: string;
	EncryptList?: string[];
	Iv?: string;
}

/** `VerifyMode` "1" (detailed): Tencent says which elements disagree. */
export const DETAILED_VERIFY_MODE = '1';

export const PhoneVerificationResponseSchema = ResultAnswerSchema.extend({
	Isp: z.string().nullish(),
	ResultDetail: z.string().nullish(),
});

export type PhoneVerificationResponse = z.infer<typeof PhoneVerificationResponseSchema>;

/** `ResultDetail` of a detailed check's "-4": which elements disagree. */
export const MISMATCH_DETAILS: Readonly<Record<string, string>> = {
	PhoneIdCardMismatch: 'The number is registered to this name but another ID number',
	PhoneNameMismatch: 'The number is registered to this ID number but another name',
	PhoneNameIdCardMismatch: 'The number is registered to neither this name nor this ID number',
	NameIdCardMismatch: 'The name and the ID number do not belong together',
	OtherMismatch: 'The elements do not match (other mismatch)',
};

/** A detailed mismatch says which elements disagree. */
function describeMismatch(found: OutcomeRule, answer: Readonly<Record<string, unknown>>): OutcomeRule {
	const detail = typeof answer.ResultDetail === 'string' ? MISMATCH_DETAILS[answer.ResultDetail] : undefined;
	return found.status === 'failed' && detail ? { ...found, description: detail } : found;
}

export const PhoneVerification = defineElementCheck<PhoneVerificationRequest, PhoneVerificationResponse>({
	name: 'PhoneVerification',
	sites: ['china', 'international'],
	responseSchema: PhoneVerificationResponseSchema,
	results: {
		'0': rule('passed', true, false, 'The number is registered to this name and ID number'),
		'-4': rule('failed', true, false, 'The number, name and ID number do not match'),
		'-6': rule('review', false, false, 'Invalid mobile number'),
		'-7': rule('review', false, false, 'Invalid ID number'),
		'-8': rule('review', false, false, 'Invalid name'),
		'-9': rule('review', false, false, 'No record of this number'),
		'-11': rule('review', false, true, 'The verification service is busy; try again later'),
		'-12': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
		'-13': rule('review', false, false, 'Numbers of this range cannot be checked'),
	},
	refine: describeMismatch,
	encryptedFields: ['IdCard', 'Name', 'Phone'],
	encryptionPlacement: 'topLevel',
});
