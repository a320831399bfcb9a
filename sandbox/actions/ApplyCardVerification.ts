/** ApplyCardVerification (faceid 2018-03-01): issues a token; Tencent bills the check when it does. See ./cardVerificationSimulator.ts. */
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function applyCardVerificationAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction({
		name: 'ApplyCardVerification',
		service: 'faceid',
		version: '2018-03-01',
		handler: (params, ctx) => simulator.apply('faceid', params, ctx),
		isBillable: () => true,
	});
}

export const ApplyCardVerificationAction = applyCardVerificationAction(DEFAULT_CARD_VERIFICATIONS);
