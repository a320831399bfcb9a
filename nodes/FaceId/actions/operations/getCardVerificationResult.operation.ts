/**
 * Get Card Verification Result: one result request for a token from Apply Card Verification,
 * routed like the Apply step's wait and the trigger: PASSED → Passed, REJECTED → Failed,
 * WARNING (warnings spelled out) and still PROCESSING → Review.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { GENERATIONS } from '../../../../lib/tencent/pendingVerifications/cardVerification/generations';
import type { TencentCloudClient } from '../../../../lib/tencent/client';
import { isTencentCloudError } from '../../../../lib/tencent/errors';
import {
	GetCardVerificationResult,
	type GetCardVerificationResultRequest,
	type GetCardVerificationResultResponse,
} from '../../../../lib/tencent/actions/GetCardVerificationResult';
import { classifyCardResultFailure, cardVerificationRefused, outcomeOfCardVerification } from '../../../../lib/tencent/outcomes';
import {
	cardVerificationFields,
	generationProperty,
	readGeneration,
	readRegion,
	regionProperty,
	SIMPLIFIED_RESULT_FIELDS,
} from '../../helpers/cardVerificationFields';
import { invalidField } from '../../helpers/itemErrors';
import { pickFields } from '../../helpers/responseFields';
import { toNodeApiError, type NodeOptions } from '../checkItem';
import type { FaceIdOperation, PerformedCheck } from '../operation';

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
	const options = this.getNodeParameter('options', itemIndex, {}) as NodeOptions;
	const details = { token, generation, region, reference: '', polls: 1, delivery: 'result request' };
	try {
		const response = await client.call(
			GENERATIONS[generation].getResult,
			{ CardVerificationToken: token },
			{ region, timeoutMs: options.timeout ? options.timeout * 1000 : undefined, signal: this.getExecutionCancelSignal() },
		);
		return { fields: cardVerificationFields(response, details), outcome: outcomeOfCardVerification(response) };
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not Tencent's: the router wraps it once, with the item
		if (!isTencentCloudError(error)) throw error;
		// An unknown or expired token is an answer about this token (Review), not a broken workflow.
		if (classifyCardResultFailure(error) === 'token') {
			return {
				fields: cardVerificationFields({ Error: { Code: error.code, Message: error.message } }, details),
				outcome: cardVerificationRefused(error),
			};
		}
		throw toNodeApiError(this, error, itemIndex);
	}
}

export const getCardVerificationResult: FaceIdOperation<GetCardVerificationResultRequest, GetCardVerificationResultResponse> = {
	value: 'getCardVerificationResult',
	name: 'Get Card Verification Result',
	description: "Ask for the result of a document check started by Apply Card Verification (Tencent's GetCardVerificationResult)",
	actionLabel: 'Get the result of a document check',
	action: GetCardVerificationResult,
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
	async buildRequest(this: IExecuteFunctions, itemIndex: number) {
		return { CardVerificationToken: readToken(this, itemIndex) };
	},
	perform,
	simplify: (response) => pickFields(response, [...SIMPLIFIED_RESULT_FIELDS, 'Error']),
	binaryFields: [{ field: 'HeadImageBase64', propertyParameter: 'headImageBinaryProperty', defaultProperty: 'headImage', fileName: 'head' }],
};
