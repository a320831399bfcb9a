/** ApplyCardVerificationExternal (ocr 2018-11-19): issues a token; Tencent bills the check when it does. See ./cardVerificationSimulator.ts. */
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function applyCardVerificationExternalAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction({
		name: 'ApplyCardVerificationExternal',
		service: 'ocr',
		version: '2018-11-19',
		handler: (params, ctx) => simulator.apply('ocr', params, ctx),
		isBillable: () => true,
	});
}

export const ApplyCardVerificationExternalAction = applyCardVerificationExternalAction(DEFAULT_CARD_VERIFICATIONS);
