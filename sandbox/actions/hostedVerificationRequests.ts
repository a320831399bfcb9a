/**
 * The hosted flows' start and result requests, checked as Tencent documents them: region, redirect
 * URL, `Extra`, `Config`, RuleId. Limits come from HOSTED_FLOWS, the node's own. See ./hostedVerificationSimulator.ts.
 */
import { HOSTED_FLOWS, type HostedFlowKind } from '../../lib/tencent/pendingVerifications/hostedVerification/flows';
import type { SandboxActionContext } from '../action';
import { invalidParameterValue, SandboxApiError } from '../errors';
import { optionalString, requiredString } from '../params';

/** The RuleIds the sandbox's "console" has approved for China's flow; both run the same flow. */
export const SANDBOX_RULE_IDS: readonly string[] = ['1', '2'];

export interface WebVerificationStart {
	redirectUrl: string;
	extra?: string;
	config?: Record<string, unknown>;
}

export interface DetectAuthStart {
	ruleId: string;
	redirectUrl?: string;
	extra?: string;
	name?: string;
	idCard?: string;
}

export function readWebVerificationStart(params: Record<string, unknown>, ctx: SandboxActionContext): WebVerificationStart {
	const flow = HOSTED_FLOWS.webVerification;
	if (!ctx.region || !flow.regions.includes(ctx.region)) {
		throw new SandboxApiError('UnsupportedRegion', `The action does not support the region \`${ctx.region ?? ''}\`.`);
	}
	const redirectUrl = redirectUrlOf(params, 'webVerification')!;
	const extra = limitedString(params, 'Extra', flow.maxExtraLength);
	const config = params.Config ?? undefined;
	if (config !== undefined && (typeof config !== 'object' || Array.isArray(config))) throw invalidParameterValue('Config', 'an object');
	const checkMode = (config as Record<string, unknown> | undefined)?.CheckMode;
	if (checkMode !== undefined && ![1, 2, 3, 4].includes(checkMode as number)) throw invalidParameterValue('Config.CheckMode', '1, 2, 3 or 4');
	return { redirectUrl, extra, config: config as Record<string, unknown> | undefined };
}

export function readDetectAuthStart(params: Record<string, unknown>): DetectAuthStart {
	const ruleId = requiredString(params, 'RuleId');
	if (!SANDBOX_RULE_IDS.includes(ruleId)) throw ruleIdNotExist(ruleId);
	return {
		ruleId,
		redirectUrl: redirectUrlOf(params, 'detectAuth'),
		extra: limitedString(params, 'Extra', HOSTED_FLOWS.detectAuth.maxExtraLength),
		name: optionalString(params, 'Name'),
		idCard: optionalString(params, 'IdCard'),
	};
}

/** InfoType: digits (default "0", everything). */
export function readInfoType(params: Record<string, unknown>): string {
	const infoType = optionalString(params, 'InfoType') ?? '0';
	if (!/^[0-9]+$/.test(infoType)) throw invalidParameterValue('InfoType', 'digits, e.g. "0" or "123"');
	return infoType;
}

export function ruleIdNotExist(ruleId: string): SandboxApiError {
	return new SandboxApiError('InvalidParameterValue.RuleIdNotExist', `The RuleId \`${ruleId}\` does not exist.`);
}

/** The flow's redirect field: required on the web flow, optional (empty is none) on China's. */
function redirectUrlOf(params: Record<string, unknown>, kind: HostedFlowKind): string | undefined {
	const { redirectField: name, maxRedirectLength } = HOSTED_FLOWS[kind];
	const value = kind === 'webVerification' ? requiredString(params, name) : optionalString(params, name) || undefined;
	if (value === undefined) return undefined;
	const expected = `an absolute http(s) URL of at most ${maxRedirectLength} characters`;
	if (value.length > maxRedirectLength || !/^https?:\/\//i.test(value)) throw invalidParameterValue(name, expected);
	try {
		new URL(value);
	} catch {
		throw invalidParameterValue(name, expected);
	}
	return value;
}

function limitedString(params: Record<string, unknown>, name: string, maxLength: number): string | undefined {
	const value = optionalString(params, name);
	if (value !== undefined && value.length > maxLength) throw invalidParameterValue(name, `at most ${maxLength} characters`);
	return value;
}
