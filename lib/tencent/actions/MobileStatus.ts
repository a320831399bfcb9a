import { z } from 'zod';

import type { Encryption } from './common';
import { defineElementCheck, ResultAnswerSchema } from './elementChecks';
import { rule, type OutcomeRule } from './verdicts';

/** MobileStatus (2018-03-01): whether a mainland mobile number is in service. */
export interface MobileStatusRequest {
	Mobile: string;
	Encryption?: Encryption;
}

export const MobileStatusResponseSchema = ResultAnswerSchema.extend({ StatusCode: z.number().nullish() });

export type MobileStatusResponse = z.infer<typeof MobileStatusResponseSchema>;

/** `StatusCode` of a successful query: what it says about the number. */
const NUMBER_STATUSES: Readonly<Record<number, { status: OutcomeRule['status']; description: string }>> = {
	0: { status: 'passed', description: 'The number is in service' },
	1: { status: 'failed', description: 'The number is suspended' },
	2: { status: 'failed', description: 'The number has been cancelled' },
	4: { status: 'failed', description: 'The number is not on the network' },
	5: { status: 'review', description: 'The number is on the network but cannot be used' },
	99: { status: 'review', description: 'The carrier does not know the number’s status' },
};

/** A successful query passes, fails or goes to review by the number's `StatusCode`. */
function byStatusCode(found: OutcomeRule, answer: Readonly<Record<string, unknown>>): OutcomeRule {
	if (found.status !== 'passed') return found;
	const known = typeof answer.StatusCode === 'number' ? NUMBER_STATUSES[answer.StatusCode] : undefined;
	if (!known) return { ...found, status: 'review', description: `Status code ${String(answer.StatusCode)} is not documented` };
	return { ...found, ...known };
}

export const MobileStatus = defineElementCheck<MobileStatusRequest, MobileStatusResponse>({
	name: 'MobileStatus',
	sites: ['china', 'international'],
	responseSchema: MobileStatusResponseSchema,
	results: {
		'0': rule('passed', true, false, 'The status query succeeded'),
		'-1': rule('review', false, false, 'No result for this number'),
		'-2': rule('review', false, false, 'Invalid mobile number'),
		'-3': rule('review', false, true, 'The verification service is busy; try again later'),
		'-4': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
		'-13': rule('review', false, false, 'Numbers of this range cannot be checked'),
	},
	refine: byStatusCode,
	encryptedFields: ['Mobile'],
});
