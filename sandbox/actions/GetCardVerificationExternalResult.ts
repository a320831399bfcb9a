/** GetCardVerificationExternalResult (ocr 2018-11-19): PROCESSING for a while, then the document's final status. See ./cardVerificationSimulator.ts. */
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function getCardVerificationExternalResultAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction({
		name: 'GetCardVerificationExternalResult',
		service: 'ocr',
		version: '2018-11-19',
		handler: (params, ctx) => simulator.result('ocr', params, ctx),
		// "A maximum of 20 requests can be initiated per second for this API."
		rateLimit: 20,
	});
}

export const GetCardVerificationExternalResultAction = getCardVerificationExternalResultAction(DEFAULT_CARD_VERIFICATIONS);
