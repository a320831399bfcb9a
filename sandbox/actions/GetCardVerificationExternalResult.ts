/** GetCardVerificationExternalResult: PROCESSING for a while, then the document's final status. See ./cardVerificationSimulator.ts. */
import { GetCardVerificationExternalResult } from '../../lib/tencent/actions/GetCardVerificationExternalResult';
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function getCardVerificationExternalResultAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction(GetCardVerificationExternalResult, {
		handler: simulator.handlerFor(GetCardVerificationExternalResult),
	});
}

export const GetCardVerificationExternalResultAction = getCardVerificationExternalResultAction(DEFAULT_CARD_VERIFICATIONS);
