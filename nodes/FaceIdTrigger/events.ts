/**
 * The FaceID Trigger's events: which registry queue each polls, how it asks Tencent about a token,
 * and the item it emits. A new event is one entry here and one option in description.ts.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { TencentCloudClient } from '../../lib/tencent/client';
import type { Outcome } from '../../lib/tencent/outcomes';
import type { PendingCheck } from '../../lib/tencent/pendingVerifications/check';
import { cardVerificationApplyInterrupted, cardVerificationCheck, isCardVerificationGeneration } from '../../lib/tencent/pendingVerifications/cardVerification';
import { hostedCheckOfKind, hostedStartInterrupted, hostedVerificationQueue } from '../../lib/tencent/pendingVerifications/hostedVerification';
import type { EmittedResult } from '../../lib/tencent/pendingVerifications/poller';
import { hostedResultItem, sampleHostedResult } from '../shared/hostedVerificationFields';
import type { PrivacySettings } from '../shared/privacy';
import type { QueueOfChannel } from '../shared/registryFields';
import { resultItem, sampleResult } from './resultItems';

export interface TriggerEvent {
	queueOf: QueueOfChannel;
	/** The check of a registry entry's kind; undefined for a kind this event does not know. */
	checkOf(kind: string, client: TencentCloudClient, timeoutMs: number): PendingCheck | undefined;
	interrupted(): Outcome;
	item(context: IPollFunctions, emitted: EmittedResult, privacy: PrivacySettings): Promise<INodeExecutionData>;
	sample(): EmittedResult;
}

export type TriggerEventName = 'cardVerificationResult' | 'hostedVerificationResult';

export const TRIGGER_EVENTS: Readonly<Record<TriggerEventName, TriggerEvent>> = {
	cardVerificationResult: {
		queueOf: (channel) => channel,
		checkOf: (kind, client, timeoutMs) => (isCardVerificationGeneration(kind) ? cardVerificationCheck(kind, client, { timeoutMs }) : undefined),
		interrupted: cardVerificationApplyInterrupted,
		item: resultItem,
		sample: sampleResult,
	},
	hostedVerificationResult: {
		queueOf: hostedVerificationQueue,
		checkOf: (kind, client, timeoutMs) => hostedCheckOfKind(kind, client, { timeoutMs }),
		interrupted: hostedStartInterrupted,
		item: async (context, emitted, privacy) => await hostedResultItem(context, emitted, privacy, 'FaceID Trigger'),
		sample: sampleHostedResult,
	},
};

export function triggerEvent(value: unknown): TriggerEvent {
	return TRIGGER_EVENTS[value === 'hostedVerificationResult' ? 'hostedVerificationResult' : 'cardVerificationResult'];
}
