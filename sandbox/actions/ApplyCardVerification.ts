/** ApplyCardVerification: issues a token; Tencent bills the check when it does. See ./cardVerificationSimulator.ts. */
import { ApplyCardVerification } from '../../lib/tencent/actions/ApplyCardVerification';
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function applyCardVerificationAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction(ApplyCardVerification, {
		handler: simulator.handlerFor(ApplyCardVerification),
		isBillable: () => true,
	});
}

export const ApplyCardVerificationAction = applyCardVerificationAction(DEFAULT_CARD_VERIFICATIONS);
