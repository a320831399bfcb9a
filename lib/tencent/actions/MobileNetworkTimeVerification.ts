import { z } from 'zod';

import { defineAction, type Encryption } from './common';
import { failedOperationErrors, failedOperations, rule, type OutcomeRule } from './verdicts';

/** MobileNetworkTimeVerification (2018-03-01): how long a mainland mobile number has been in use. */
export interface MobileNetworkTimeVerificationRequest {
	Mobile: string;
	Encryption?: Encryption;
}

export const MobileNetworkTimeVerificationResponseSchema = z
	.object({
		Result: z.string(),
		Description: z.string().nullish(),
		Range: z.string().nullish(),
		RequestId: z.string(),
	})
	.passthrough();

export type MobileNetworkTimeVerificationResponse = z.infer<typeof MobileNetworkTimeVerificationResponseSchema>;

/** `Range` "[a,b)": at least a months and under b; "+" for b means no upper bound. */
export function parseMonthsInUse(range: unknown): { atLeast: number; under?: number } | undefined {
	const match = typeof range === 'string' ? /^\[(\d+),(\d+|\+)\)$/.exec(range.replace(/\s/g, '')) : null;
	if (!match) return undefined;
	return match[2] === '+' ? { atLeast: Number(match[1]) } : { atLeast: Number(match[1]), under: Number(match[2]) };
}

/** A successful query passes when the number has been in use for at least the minimum; else review. */
function byMonthsInUse(found: OutcomeRule, answer: Readonly<Record<string, unknown>>, settings: { minimumMonthsInUse: number }): OutcomeRule {
	if (found.status !== 'passed') return found;
	const months = parseMonthsInUse(answer.Range);
	const minimum = settings.minimumMonthsInUse;
	if (!months) return { ...found, status: 'review', description: `Tencent sent no readable months in use (Range ${JSON.stringify(answer.Range ?? null)})` };
	const range = months.under === undefined ? `${months.atLeast} months or more` : `${months.atLeast} to ${months.under} months`;
	if (months.atLeast >= minimum) return { ...found, description: `In use for ${range} (minimum ${minimum})` };
	// The range may straddle the minimum: only a range wholly below it is "too new".
	if (months.under !== undefined && months.under <= minimum) {
		return { ...found, status: 'review', description: `In use for ${range}, under the minimum of ${minimum}` };
	}
	return { ...found, status: 'review', description: `In use for ${range}: Tencent's range does not tell whether it reaches the minimum of ${minimum}` };
}

export const MobileNetworkTimeVerification = defineAction<MobileNetworkTimeVerificationRequest, MobileNetworkTimeVerificationResponse>({
	name: 'MobileNetworkTimeVerification',
	service: 'faceid',
	version: '2018-03-01',
	sites: ['china', 'international'],
	responseSchema: MobileNetworkTimeVerificationResponseSchema,
	rateLimit: 20,
	outcomes: {
		results: {
			'0': rule('passed', true, false, 'The months in use are known'),
			'-1': rule('review', false, false, 'Invalid mobile number'),
			'-2': rule('failed', true, false, 'The number does not exist'),
			'-3': rule('review', true, false, 'The number exists, but its months in use are unknown'),
			'-4': rule('review', false, true, 'The verification service is busy; try again later'),
			'-5': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
			'-13': rule('review', false, false, 'Numbers of this range cannot be checked'),
		},
		failedOperations: failedOperations('UnKnown'),
		errors: failedOperationErrors('DecryptSystemError', 'StsUnAuthErrError'),
		similarity: false,
		refine: byMonthsInUse,
		monthsInUse: true,
	},
	encryption: { requestFields: ['Mobile'] },
});
