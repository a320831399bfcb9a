/**
 * The four card actions around one simulator with the given options, for a test that needs other
 * timings: `startSandbox({ actions: cardVerificationActions({ processingPolls: 3 }).actions })`
 * replaces the built-in ones (same names).
 */
import type { SandboxAction } from '../action';
import { applyCardVerificationAction } from './ApplyCardVerification';
import { applyCardVerificationExternalAction } from './ApplyCardVerificationExternal';
import { CardVerificationSimulator, type CardVerificationSandboxOptions } from './cardVerificationSimulator';
import { getCardVerificationExternalResultAction } from './GetCardVerificationExternalResult';
import { getCardVerificationResultAction } from './GetCardVerificationResult';

export function cardVerificationActions(options: CardVerificationSandboxOptions = {}): {
	simulator: CardVerificationSimulator;
	actions: SandboxAction[];
} {
	const simulator = new CardVerificationSimulator(options);
	return {
		simulator,
		actions: [
			applyCardVerificationAction(simulator),
			getCardVerificationResultAction(simulator),
			applyCardVerificationExternalAction(simulator),
			getCardVerificationExternalResultAction(simulator),
		],
	};
}
