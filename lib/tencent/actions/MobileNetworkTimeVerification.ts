import { z } from 'zod';

import type { Encryption } from './common';
import { defineElementCheck, ResultAnswerSchema } from './elementChecks';
import { rule, type OutcomeRule } from './verdicts';

/** MobileNetworkTimeVerification (2018-03-01): how long a mainland mobile number has been in use. */
export interface MobileNetworkTimeVerificationRequest {
	Mobile: string;
	Encryption?: Encryption;
}

export const MobileNetworkTimeVerificationResponseSchema = ResultAnswerSchema.extend({ Range: z.string().nullish() });

export type MobileNetworkTimeVerificationResponse = z.infer<typeof MobileNetworkTimeVerificationResponseSchema>;

/** The months in use Tencent's `Range` gives: from `from` on, up to `to` (absent: no upper bound). */
export interface MonthsInUse {
	from: number;
	/** "[a": at least a; "(a": more than a. */
	fromIncluded: boolean;
	to?: number;
	/** "b]": up to and with b; "b)": under b. */
	toIncluded: boolean;
}

/**
 * `Range` as an interval of months: "[a,b)" as the API page writes it (at least a, under b), with
 * "+" for no upper bound; Tencent's own examples also write "(24,+]", so either bracket is read.
 */
export function parseMonthsInUse(range: unknown): MonthsInUse | undefined {
	const match = typeof range === 'string' ? /^([[(])(\d+),(\d+|\+)([)\]])$/.exec(range.replace(/\s/g, '')) : null;
	if (!match) return undefined;
	const [, open, from, to, close] = match;
	return { from: Number(from), fromIncluded: open === '[', ...(to === '+' ? {} : { to: Number(to) }), toIncluded: close === ']' };
}

function describeMonths(months: MonthsInUse): string {
	const from = `${months.fromIncluded ? 'at least' : 'more than'} ${months.from}`;
	if (months.to === undefined) return `${from} months`;
	return `${from} and ${months.toIncluded ? 'up to' : 'under'} ${months.to} months`;
}

/** A successful query passes when every month of the range reaches the minimum; else review. */
function byMonthsInUse(found: OutcomeRule, answer: Readonly<Record<string, unknown>>, settings: { minimumMonthsInUse: number }): OutcomeRule {
	if (found.status !== 'passed') return found;
	const months = parseMonthsInUse(answer.Range);
	const minimum = settings.minimumMonthsInUse;
	if (!months) return { ...found, status: 'review', description: `Tencent sent no readable months in use (Range ${JSON.stringify(answer.Range ?? null)})` };
	const range = describeMonths(months);
	if (months.from >= minimum) return { ...found, description: `In use for ${range} (minimum ${minimum})` };
	const whollyUnder = months.to !== undefined && (months.to < minimum || (months.to === minimum && !months.toIncluded));
	if (whollyUnder) return { ...found, status: 'review', description: `In use for ${range}, under the minimum of ${minimum}` };
	return { ...found, status: 'review', description: `In use for ${range}: Tencent's range does not tell whether it reaches the minimum of ${minimum}` };
}

export const MobileNetworkTimeVerification = defineElementCheck<MobileNetworkTimeVerificationRequest, MobileNetworkTimeVerificationResponse>({
	name: 'MobileNetworkTimeVerification',
	sites: ['china', 'international'],
	responseSchema: MobileNetworkTimeVerificationResponseSchema,
	results: {
		'0': rule('passed', true, false, 'The months in use are known'),
		'-1': rule('review', false, false, 'Invalid mobile number'),
		'-2': rule('failed', true, false, 'The number does not exist'),
		'-3': rule('review', true, false, 'The number exists, but its months in use are unknown'),
		'-4': rule('review', false, true, 'The verification service is busy; try again later'),
		'-5': rule('review', false, true, 'Daily verification attempts exceeded; try again tomorrow'),
		'-13': rule('review', false, false, 'Numbers of this range cannot be checked'),
	},
	refine: byMonthsInUse,
	monthsInUse: true,
	encryptedFields: ['Mobile'],
});
