/** GetCardVerificationResult: PROCESSING for a while, then the document's final status. See ./cardVerificationSimulator.ts. */
import { GetCardVerificationResult } from '../../lib/tencent/actions/GetCardVerificationResult';
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function getCardVerificationResultAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction(GetCardVerificationResult, { handler: simulator.handlerFor(GetCardVerificationResult) });
}

export const GetCardVerificationResultAction = getCardVerificationResultAction(DEFAULT_CARD_VERIFICATIONS);
