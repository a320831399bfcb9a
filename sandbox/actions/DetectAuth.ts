/** DetectAuth: a token and a link to the sandbox's page for a known RuleId; free, like Tencent's. See ./hostedVerificationSimulator.ts. */
import { DetectAuth } from '../../lib/tencent/actions/DetectAuth';
import { defineSandboxAction, type SandboxAction } from '../action';
import { answeredBy, DEFAULT_HOSTED_VERIFICATIONS, type HostedVerificationSimulator } from './hostedVerificationSimulator';

export function detectAuthAction(simulator: HostedVerificationSimulator): SandboxAction {
	const action = defineSandboxAction(DetectAuth, { handler: (params, ctx) => simulator.detectAuth(params, ctx) });
	return answeredBy(action, simulator);
}

export const DetectAuthAction = detectAuthAction(DEFAULT_HOSTED_VERIFICATIONS);
