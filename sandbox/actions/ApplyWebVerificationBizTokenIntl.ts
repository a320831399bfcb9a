/** ApplyWebVerificationBizTokenIntl: a token and a link to the sandbox's page; free, like Tencent's. See ./hostedVerificationSimulator.ts. */
import { ApplyWebVerificationBizTokenIntl } from '../../lib/tencent/actions/ApplyWebVerificationBizTokenIntl';
import { defineSandboxAction, type SandboxAction } from '../action';
import { answeredBy, DEFAULT_HOSTED_VERIFICATIONS, type HostedVerificationSimulator } from './hostedVerificationSimulator';

export function applyWebVerificationBizTokenIntlAction(simulator: HostedVerificationSimulator): SandboxAction {
	const action = defineSandboxAction(ApplyWebVerificationBizTokenIntl, { handler: (params, ctx) => simulator.applyWebVerification(params, ctx) });
	return answeredBy(action, simulator);
}

export const ApplyWebVerificationBizTokenIntlAction = applyWebVerificationBizTokenIntlAction(DEFAULT_HOSTED_VERIFICATIONS);
