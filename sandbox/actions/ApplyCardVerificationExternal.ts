/** ApplyCardVerificationExternal: issues a token; Tencent bills the check when it does. See ./cardVerificationSimulator.ts. */
import { ApplyCardVerificationExternal } from '../../lib/tencent/actions/ApplyCardVerificationExternal';
import { defineSandboxAction, type SandboxAction } from '../action';
import { DEFAULT_CARD_VERIFICATIONS, type CardVerificationSimulator } from './cardVerificationSimulator';

export function applyCardVerificationExternalAction(simulator: CardVerificationSimulator): SandboxAction {
	return defineSandboxAction(ApplyCardVerificationExternal, {
		handler: simulator.handlerFor(ApplyCardVerificationExternal),
		isBillable: () => true,
	});
}

export const ApplyCardVerificationExternalAction = applyCardVerificationExternalAction(DEFAULT_CARD_VERIFICATIONS);
