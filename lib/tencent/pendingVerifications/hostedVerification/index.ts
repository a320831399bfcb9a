/** A hosted verification as a pending check: what the poller and the return hand-over ask of it. No n8n import. */
import type { CallOptions, TencentCloudClient } from '../../client';
import type { PendingCheck, ResultAnswer } from '../check';
import { HOSTED_FLOWS, parseHostedEntryKind, RESULT_WINDOW_MS, type HostedEntryKind } from './flows';
import {
	classifyHostedResultFailure,
	hostedExpired,
	hostedLinkCreated,
	hostedRefused,
	hostedStartInterrupted,
	isFinalHostedResult,
	outcomeOfHostedResult,
} from './results';

export * from './flows';
export * from './results';

/** China's result without the video (InfoType 4): a video can be megabytes, and the registry keeps the answer. */
export const DETECT_AUTH_INFO_TYPE = '123';

/** The result request of a hosted token, per flow. */
export function hostedResultRequest(kind: HostedEntryKind, token: string): Record<string, unknown> {
	return kind.flow === 'detectAuth' ? { BizToken: token, RuleId: kind.ruleId ?? '', InfoType: DETECT_AUTH_INFO_TYPE } : { BizToken: token };
}

/**
 * `keepVideo`: the international answer's VideoBase64 stays (Get Verification Result); otherwise it
 * is dropped before the answer is stored in the registry, which would hold megabytes per token.
 */
export function hostedVerificationCheck(
	kind: HostedEntryKind,
	client: Pick<TencentCloudClient, 'call'>,
	callOptions: Omit<CallOptions, 'region'> = {},
	{ keepVideo = false }: { keepVideo?: boolean } = {},
): PendingCheck {
	const flow = HOSTED_FLOWS[kind.flow];
	return {
		requestResult: async (token, region) => {
			const answer = (await client.call(flow.getResult, hostedResultRequest(kind, token), { ...callOptions, ...(region ? { region } : {}) })) as ResultAnswer;
			if (keepVideo || typeof answer.VideoBase64 !== 'string') return answer;
			const { VideoBase64: _video, ...rest } = answer;
			return { ...rest, VideoBase64: null };
		},
		isFinal: (answer) => isFinalHostedResult(kind.flow, answer),
		outcomeOf: (answer) => outcomeOfHostedResult(kind.flow, answer),
		classifyFailure: classifyHostedResultFailure,
		timedOut: (details) => hostedExpired({ requestId: details.requestId }),
		refused: hostedRefused,
		unfinished: (code, description, requestId) => ({ status: 'review', code, description, billable: false, retryable: true, requestId }),
		started: hostedLinkCreated,
		interrupted: hostedStartInterrupted,
		resultWindowMs: RESULT_WINDOW_MS,
	};
}

/** The check of a registry entry's kind (`webVerification`, `detectAuth:<RuleId>`); undefined for another kind (a document token). */
export function hostedCheckOfKind(kind: string, client: Pick<TencentCloudClient, 'call'>, callOptions: Omit<CallOptions, 'region'> = {}): PendingCheck | undefined {
	const parsed = parseHostedEntryKind(kind);
	return parsed ? hostedVerificationCheck(parsed, client, callOptions) : undefined;
}
