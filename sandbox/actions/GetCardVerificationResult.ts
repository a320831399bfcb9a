/** GetCardVerificationResult (faceid 2018-03-01): PROCESSING for a while, then the document's final status. See ./cardVerificationSimulator.ts. */
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function getCardVerificationResultAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction({
		name: 'GetCardVerificationResult',
		service: 'faceid',
		version: '2018-03-01',
		handler: (params, ctx) => simulator.result('faceid', params, ctx),
	});
}

export const GetCardVerificationResultAction = getCardVerificationResultAction(DEFAULT_CARD_VERIFICATIONS);
