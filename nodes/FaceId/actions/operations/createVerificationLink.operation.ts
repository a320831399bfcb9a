/**
 * Create Verification Link: starts one of Tencent's hosted verifications and returns the link to
 * send the customer (by e-mail, SMS, chat). The token goes into the pending registry, so the
 * Return Trigger accepts the customer's return and the FaceID Trigger polls the ones who never
 * come back. The start flow itself is lib/tencent/pendingVerifications/startFlow.ts.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { TencentCloudClient } from '../../../../lib/tencent/client';
import {
	HOSTED_POLLING,
	HOSTED_VERIFICATION_SITES,
	hostedEntryKind,
	hostedVerificationCheck,
	hostedVerificationQueue,
	RESULT_WINDOW_MS,
} from '../../../../lib/tencent/pendingVerifications/hostedVerification';
import { startPendingCheck } from '../../../../lib/tencent/pendingVerifications/startFlow';
import { readReference, REFERENCE_PROPERTY } from '../../../shared/cardVerificationFields';
import { readNodeOptions } from '../../../shared/options';
import { openNodeRegistry, registryProperties } from '../../../shared/registryFields';
import { showWhen } from '../../helpers/displayOptions';
import { FLOW_PLACE_PROPERTIES, FLOW_PROPERTY, readFlow, readFlowPlace } from '../../helpers/hostedLinkFields';
import { LINK_REQUEST_PROPERTIES, readLinkRequest } from '../../helpers/linkRequestFields';
import { PAGE_OPTIONS_PROPERTY } from '../../helpers/webPageOptions';
import type { FlowOperation, PerformedCheck } from '../types';

const properties: INodeProperties[] = [
	FLOW_PROPERTY,
	...FLOW_PLACE_PROPERTIES,
	...LINK_REQUEST_PROPERTIES,
	{
		...REFERENCE_PROPERTY,
		description:
			'Free text kept with the token in the registry (never sent to Tencent) and returned with the result, e.g. a CRM record ID to join the result back',
	},
	...showWhen({ hostedFlow: ['webVerification'] }, [PAGE_OPTIONS_PROPERTY]),
	...registryProperties({ allowNone: false }),
];

async function perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number): Promise<PerformedCheck> {
	const flow = await readFlow(this, itemIndex);
	const { region, kind } = readFlowPlace(this, itemIndex, flow);
	const reference = readReference(this, itemIndex);
	const timeoutMs = readNodeOptions(this, itemIndex).timeout * 1000;
	const signal = this.getExecutionCancelSignal();
	const registry = await openNodeRegistry(this, itemIndex, hostedVerificationQueue);
	try {
		// Every field is read and checked (the return URL from the registry too) before Tencent is asked.
		const { request, returnUrl } = await readLinkRequest(this, itemIndex, flow, kind, registry);
		const started = await startPendingCheck({
			registry,
			kind: hostedEntryKind(kind.flow, kind.ruleId),
			region,
			reference,
			check: hostedVerificationCheck(kind, client, { timeoutMs, signal }),
			start: async () => await client.call(flow.apply, request, { ...(region ? { region } : {}), timeoutMs, signal }),
			tokenOf: (answer) => answer.BizToken,
			plansOf: () => ({ tencent: HOSTED_POLLING, wait: HOSTED_POLLING }),
			log: { warn: (message) => this.logger.warn(message), error: (message) => this.logger.error(message) },
		});
		// A link whose token is not in the registry could never be accepted back, nor polled: not handed out.
		if (!started.registered) {
			throw new NodeOperationError(this.getNode(), 'Pending Registry could not record the new link, so its result could never arrive; the link was not handed out (Tencent bills nothing for it)', { itemIndex });
		}
		const createdAt = Date.now();
		const answer = started.answer as Record<string, unknown>;
		return {
			fields: {
				BizToken: started.token,
				verificationUrl: (answer.VerificationURL ?? answer.Url ?? null) as string | null,
				startBefore: new Date(createdAt + flow.startWindowMs).toISOString(),
				resultUntil: new Date(createdAt + RESULT_WINDOW_MS).toISOString(),
				returnUrl: returnUrl ?? null,
				reference,
				verification: { token: started.token, flow: flow.kind, ...(region ? { region } : {}), delivery: started.delivery },
				RequestId: started.answer.RequestId,
			},
			outcome: started.outcome,
		};
	} finally {
		await registry?.close();
	}
}

export const createVerificationLink: FlowOperation = {
	resource: 'verificationLink',
	sites: HOSTED_VERIFICATION_SITES,
	value: 'createVerificationLink',
	name: 'Create Verification Link',
	description:
		"Create the link a customer opens to show their ID document and face (Tencent's ApplyWebVerificationBizTokenIntl, or DetectAuth on the China site); the result arrives through the Return Trigger or the FaceID Trigger",
	actionLabel: 'Create a verification link',
	properties,
	perform,
	// A link is not a verdict: its item leaves by the node's single output.
	routed: false,
	simplify: (fields) => fields,
};
