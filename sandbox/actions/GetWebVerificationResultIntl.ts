/** GetWebVerificationResultIntl: the web flow's verdict, null until the customer finishes; free. See ./hostedVerificationSimulator.ts. */
import { GetWebVerificationResultIntl } from '../../lib/tencent/actions/GetWebVerificationResultIntl';
import { defineSandboxAction, type SandboxAction } from '../action';
import { answeredBy, DEFAULT_HOSTED_VERIFICATIONS, type HostedVerificationSimulator } from './hostedVerificationSimulator';

export function getWebVerificationResultIntlAction(simulator: HostedVerificationSimulator): SandboxAction {
	const action = defineSandboxAction(GetWebVerificationResultIntl, { handler: (params, ctx) => simulator.webVerificationResult(params, ctx) });
	return answeredBy(action, simulator);
}

export const GetWebVerificationResultIntlAction = getWebVerificationResultIntlAction(DEFAULT_HOSTED_VERIFICATIONS);
