/**
 * Get Verification Result: one result request for a token from Create Verification Link, routed
 * like the triggers: a match → Passed; a spoof, a mismatch → Failed; abandoned, timed out, expired
 * or still in progress → Review, with the reason and `retryable`. Images become binary properties.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TencentCloudClient } from '../../../../lib/tencent/client';
import { isTencentCloudError } from '../../../../lib/tencent/errors';
import { HOSTED_VERIFICATION_SITES, hostedVerificationCheck } from '../../../../lib/tencent/pendingVerifications/hostedVerification';
import { hostedResultFields, moveHostedFilesToBinary, simplifyHostedResult } from '../../../shared/hostedVerificationFields';
import { readNodeOptions } from '../../../shared/options';
import { FLOW_PLACE_PROPERTIES, FLOW_PROPERTY, readFlow, readFlowPlace, readToken, TOKEN_PROPERTY } from '../../helpers/hostedLinkFields';
import type { FlowOperation, PerformedCheck } from '../types';

async function perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number): Promise<PerformedCheck> {
	const flow = await readFlow(this, itemIndex);
	const { region, kind } = readFlowPlace(this, itemIndex, flow);
	const token = readToken(this, itemIndex);
	const timeoutMs = readNodeOptions(this, itemIndex).timeout * 1000;
	// One answer, straight to the item: the video may stay (it becomes the `video` binary property).
	const check = hostedVerificationCheck(kind, client, { timeoutMs, signal: this.getExecutionCancelSignal() }, { keepVideo: true });
	const details = { token, flow: flow.kind, region, reference: '', polls: 1, delivery: 'result request' };
	try {
		const answer = structuredClone(await check.requestResult(token, region)) as IDataObject;
		const binary = await moveHostedFilesToBinary(this, flow.kind, answer);
		return { fields: hostedResultFields(answer, details), outcome: check.outcomeOf(answer), ...(binary ? { binary } : {}) };
	} catch (error) {
		// An unknown or expired token is an answer about this token (Review), not a broken workflow.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the router maps it once, with the item
		if (!isTencentCloudError(error) || check.classifyFailure(error) !== 'token') throw error;
		return { fields: hostedResultFields({ Error: { Code: error.code, Message: error.message } }, details), outcome: check.refused(error) };
	}
}

export const getVerificationResult: FlowOperation = {
	resource: 'verificationLink',
	sites: HOSTED_VERIFICATION_SITES,
	value: 'getVerificationResult',
	name: 'Get Verification Result',
	description:
		"Ask for the result of a verification link (Tencent's GetWebVerificationResultIntl, or GetDetectInfoEnhanced on the China site); results stay readable for three days",
	actionLabel: 'Get the result of a verification link',
	properties: [FLOW_PROPERTY, ...FLOW_PLACE_PROPERTIES, TOKEN_PROPERTY],
	perform,
	simplify: simplifyHostedResult,
};
