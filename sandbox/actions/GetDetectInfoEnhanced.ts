/** GetDetectInfoEnhanced: China's verdict in `Text`, ErrCode 17 until the customer finishes; free. See ./hostedVerificationSimulator.ts. */
import { GetDetectInfoEnhanced } from '../../lib/tencent/actions/GetDetectInfoEnhanced';
import { defineSandboxAction, type SandboxAction } from '../action';
import { answeredBy, DEFAULT_HOSTED_VERIFICATIONS, type HostedVerificationSimulator } from './hostedVerificationSimulator';

export function getDetectInfoEnhancedAction(simulator: HostedVerificationSimulator): SandboxAction {
	const action = defineSandboxAction(GetDetectInfoEnhanced, { handler: (params, ctx) => simulator.detectInfo(params, ctx) });
	return answeredBy(action, simulator);
}

export const GetDetectInfoEnhancedAction = getDetectInfoEnhancedAction(DEFAULT_HOSTED_VERIFICATIONS);
