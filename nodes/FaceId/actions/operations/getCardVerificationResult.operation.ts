/**
 * Get Card Verification Result: one result request for a token from Apply Card Verification,
 * routed like the Apply step's wait and the trigger: PASSED → Passed, REJECTED → Failed,
 * WARNING (warnings spelled out) and still PROCESSING → Review.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { TencentCloudClient } from '../../../../lib/tencent/client';
import { isTencentCloudError } from '../../../../lib/tencent/errors';
import { CARD_VERIFICATION_SITES, cardVerificationCheck } from '../../../../lib/tencent/pendingVerifications/cardVerification';
import {
	cardVerificationFields,
	headImageBinaryFields,
	generationProperty,
	readGeneration,
	readRegion,
	regionProperty,
	simplifyCardResult,
} from '../../../shared/cardVerificationFields';
import { invalidField } from '../../../shared/errors';
import { readNodeOptions } from '../../../shared/options';
import type { FlowOperation, PerformedCheck } from '../types';

/** Tokens are opaque, but never this long or with spaces inside. */
const MAX_TOKEN_LENGTH = 512;

function readToken(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('cardVerificationToken', itemIndex, '');
	if (typeof raw !== 'string') throw invalidField(context, itemIndex, 'Card Verification Token', `must be text, not ${typeof raw}`);
	const token = raw.trim();
	if (!token) throw invalidField(context, itemIndex, 'Card Verification Token', 'is empty');
	if (token.length > MAX_TOKEN_LENGTH || /\s/.test(token)) {
		throw invalidField(context, itemIndex, 'Card Verification Token', 'is not a token from Apply Card Verification');
	}
	return token;
}

async function perform(this: IExecuteFunctions, client: TencentCloudClient, itemIndex: number): Promise<PerformedCheck> {
	const generation = readGeneration(this, itemIndex);
	const region = readRegion(this, itemIndex);
	const token = readToken(this, itemIndex);
	const timeoutMs = readNodeOptions(this, itemIndex).timeout * 1000;
	const check = cardVerificationCheck(generation, client, { timeoutMs, signal: this.getExecutionCancelSignal() });
	const details = { token, generation, region, reference: '', polls: 1, delivery: 'result request' };
	try {
		const response = await check.requestResult(token, region);
		return { fields: cardVerificationFields(response, details), outcome: check.outcomeOf(response) };
	} catch (error) {
		// An unknown or expired token is an answer about this token (Review), not a broken workflow;
		// anything else the router reports as an error of this item.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the router maps it once, with the item
		if (!isTencentCloudError(error) || check.classifyFailure(error) !== 'token') throw error;
		return {
			fields: cardVerificationFields({ Error: { Code: error.code, Message: error.message } }, details),
			outcome: check.refused(error),
		};
	}
}

export const getCardVerificationResult: FlowOperation = {
	resource: 'document',
	sites: CARD_VERIFICATION_SITES,
	value: 'getCardVerificationResult',
	name: 'Get Card Verification Result',
	description: "Ask for the result of a document check started by Apply Card Verification (Tencent's GetCardVerificationResult)",
	actionLabel: 'Get the result of a document check',
	properties: [
		generationProperty,
		regionProperty,
		{
			displayName: 'Card Verification Token',
			name: 'cardVerificationToken',
			// A handle to one check, shown in every result item: not a secret to mask.
			// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			placeholder: '={{ $json.CardVerificationToken }}',
			description: 'The token Apply Card Verification returned (CardVerificationToken); use the same API generation and region',
		},
	],
	perform,
	simplify: simplifyCardResult,
	binaryFields: headImageBinaryFields(),
};
