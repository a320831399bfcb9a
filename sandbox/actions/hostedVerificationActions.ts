/**
 * The four hosted-verification actions around one simulator, for a test that wants its own
 * sessions: `startSandbox({ actions: hostedVerificationActions().actions })` replaces the built-in
 * ones (same names), and the sandbox's `/verify/<token>` page then serves that simulator's sessions.
 */
import type { SandboxAction } from '../action';
import { applyWebVerificationBizTokenIntlAction } from './ApplyWebVerificationBizTokenIntl';
import { detectAuthAction } from './DetectAuth';
import { getDetectInfoEnhancedAction } from './GetDetectInfoEnhanced';
import { getWebVerificationResultIntlAction } from './GetWebVerificationResultIntl';
import { HostedVerificationSimulator } from './hostedVerificationSimulator';

export function hostedVerificationActions(simulator = new HostedVerificationSimulator()): {
	simulator: HostedVerificationSimulator;
	actions: SandboxAction[];
} {
	return {
		simulator,
		actions: [
			applyWebVerificationBizTokenIntlAction(simulator),
			getWebVerificationResultIntlAction(simulator),
			detectAuthAction(simulator),
			getDetectInfoEnhancedAction(simulator),
		],
	};
}
