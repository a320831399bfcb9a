/**
 * The document check as a pending check: what the start flow, the inline wait and the trigger's
 * poller need to know of it. No n8n import.
 */
import type { CallOptions, TencentCloudClient } from '../../client';
import type { PendingCheck, ResultAnswer } from '../check';
import { GENERATIONS, type CardVerificationGeneration } from './generations';
import {
	cardVerificationApplyInterrupted,
	cardVerificationRefused,
	cardVerificationTimedOut,
	cardVerificationUnfinished,
	classifyCardResultFailure,
	isFinalCardVerificationStatus,
	outcomeOfCardVerification,
} from './statuses';

export * from './generations';
export * from './statuses';

/** The document check of one API generation, asking for results through `client`. */
export function cardVerificationCheck(
	generation: CardVerificationGeneration,
	client: Pick<TencentCloudClient, 'call'>,
	callOptions: Omit<CallOptions, 'region'> = {},
): PendingCheck {
	return {
		requestResult: async (token, region) =>
			(await client.call(GENERATIONS[generation].getResult, { CardVerificationToken: token }, { ...callOptions, region })) as ResultAnswer,
		isFinal: (answer) => isFinalCardVerificationStatus(answer.Status),
		outcomeOf: (answer) => outcomeOfCardVerification(answer),
		classifyFailure: classifyCardResultFailure,
		timedOut: cardVerificationTimedOut,
		refused: cardVerificationRefused,
		unfinished: cardVerificationUnfinished,
		started: (requestId) => outcomeOfCardVerification({ Status: 'PROCESSING', RequestId: requestId }),
		interrupted: cardVerificationApplyInterrupted,
	};
}
