/** The sandbox as dev and e2e run it next to n8n. */
import { cardVerificationActions } from '../../sandbox/actions/cardVerificationActions';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/**
 * Document checks as a Tencent account shows them: the first result request answers PROCESSING, and
 * Apply allows 10 result requests 30 s apart. n8n polls a trigger at most once a minute, so a shorter
 * budget (the sandbox's default is 10 × 1 s) would time every document out before the first poll.
 */
export const CARD_VERIFICATION_TIMING = { processingPolls: 1, pollingWaitTime: 30, maxPollingTimes: 10 } as const;

export async function startToolingSandbox(port = 0): Promise<Sandbox> {
	return await startSandbox({ port, actions: cardVerificationActions(CARD_VERIFICATION_TIMING).actions });
}

export function describeCardTiming(): string {
	const { processingPolls, pollingWaitTime, maxPollingTimes } = CARD_VERIFICATION_TIMING;
	return `document checks answer PROCESSING ${processingPolls}× first; Apply allows ${maxPollingTimes} polls ${pollingWaitTime} s apart`;
}
