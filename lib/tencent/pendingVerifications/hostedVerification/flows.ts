/**
 * Hosted verification, the parts every caller shares (the FaceID node's Create Verification Link
 * and Get Verification Result, the FaceID Trigger, the FaceID Return Trigger, the sandbox): the two
 * flows Tencent hosts, how a customer's browser comes back from each, and how long Tencent keeps
 * the result. No n8n import.
 *
 * The customer opens a link, shows a document and their face, and Tencent's page sends their
 * browser to the redirect URL with the token in the query string. Tencent calls no server, so the
 * token is kept in the pending registry: the FaceID Trigger polls the ones that never come back.
 */
import type { ActionDefinition, BaseResponse } from '../../actions/common';
import { ACTIONS } from '../../catalogue';
import type { TencentSite } from '../../endpoint';

/** `webVerification`: the international web flow (any browser). `detectAuth`: China's (WeChat). */
export type HostedFlowKind = 'webVerification' | 'detectAuth';

export interface HostedFlow {
	kind: HostedFlowKind;
	site: TencentSite;
	apply: ActionDefinition<any, BaseResponse & { BizToken: string }>;
	getResult: ActionDefinition<any, BaseResponse>;
	/** The query parameter Tencent adds to the redirect URL (China's is observed, not documented). */
	tokenParameter: string;
	/** The redirect URL field of the start request, and Tencent's length limit for it. */
	redirectField: 'RedirectURL' | 'RedirectUrl';
	maxRedirectLength: number;
	/** `Extra`'s limit. */
	maxExtraLength: number;
	/** How long the customer has to start after the link was made. */
	startWindowMs: number;
	/** Regions the flow is offered in; empty: the site's endpoint needs none. */
	regions: readonly string[];
}

function stepOf(kind: HostedFlowKind, step: 'start' | 'result'): ActionDefinition<any, any> {
	const found = ACTIONS.find((action) => action.pendingCheck?.kind === kind && action.pendingCheck.step === step);
	if (!found) throw new Error(`No ${step} action is defined for the ${kind} hosted verification`);
	return found;
}

/** "The token is valid for three days (259,200s) after issuance and can be called multiple times" (both flows). */
export const RESULT_WINDOW_MS = 3 * 86_400_000;

export const HOSTED_FLOWS: Readonly<Record<HostedFlowKind, HostedFlow>> = {
	webVerification: {
		kind: 'webVerification',
		site: 'international',
		apply: stepOf('webVerification', 'start'),
		getResult: stepOf('webVerification', 'result'),
		tokenParameter: 'token',
		redirectField: 'RedirectURL',
		maxRedirectLength: 1024,
		maxExtraLength: 1000,
		// "The BizToken is valid for 10 minutes" (to start; the result stays readable for three days).
		startWindowMs: 10 * 60_000,
		regions: ['ap-singapore', 'ap-hongkong', 'ap-jakarta', 'ap-bangkok', 'sa-saopaulo'],
	},
	detectAuth: {
		kind: 'detectAuth',
		site: 'china',
		apply: stepOf('detectAuth', 'start'),
		getResult: stepOf('detectAuth', 'result'),
		tokenParameter: 'BizToken',
		redirectField: 'RedirectUrl',
		maxRedirectLength: 1024,
		maxExtraLength: 1024,
		// "有效时间为7,200秒".
		startWindowMs: 7_200_000,
		regions: [],
	},
};

/** The sites that offer a hosted flow (each flow's own). */
export const HOSTED_VERIFICATION_SITES: readonly TencentSite[] = (['china', 'international'] as const).filter((site) =>
	Object.values(HOSTED_FLOWS).some((flow) => flow.site === site),
);

export function isHostedFlowKind(value: unknown): value is HostedFlowKind {
	return typeof value === 'string' && Object.hasOwn(HOSTED_FLOWS, value);
}

/** The flow a site offers. */
export function hostedFlowOfSite(site: TencentSite): HostedFlow {
	return Object.values(HOSTED_FLOWS).find((flow) => flow.site === site)!;
}

/**
 * What a registry entry of a hosted verification carries as its kind. China's result is asked for
 * with the RuleId that started it, so its kind carries the RuleId: `detectAuth:<RuleId>`.
 */
export interface HostedEntryKind {
	flow: HostedFlowKind;
	ruleId?: string;
}

export function hostedEntryKind(flow: HostedFlowKind, ruleId?: string): string {
	return flow === 'detectAuth' ? `${flow}:${ruleId ?? ''}` : flow;
}

export function parseHostedEntryKind(kind: string): HostedEntryKind | undefined {
	const [flow, ...rest] = kind.split(':');
	if (!isHostedFlowKind(flow)) return undefined;
	return flow === 'detectAuth' ? { flow, ruleId: rest.join(':') } : { flow };
}

/**
 * Hosted tokens wait in a channel of their own, beside the document tokens of the same name: the
 * trigger event that polls one never claims the other's.
 */
export function hostedVerificationQueue(channel: string): string {
	return `${channel}:links`;
}

/** The redirect URL with the flow's token parameter added, as Tencent's page sends the browser back. */
export function returnUrlWithToken(flow: HostedFlow, redirectUrl: string, token: string): string {
	const url = new URL(redirectUrl);
	url.searchParams.set(flow.tokenParameter, token);
	return url.toString();
}

/** The token a returning browser brings, under either flow's parameter name (any casing). */
export function tokenFromQuery(query: Readonly<Record<string, unknown>>): string | undefined {
	const names = new Set(Object.values(HOSTED_FLOWS).map((flow) => flow.tokenParameter.toLowerCase()));
	for (const [name, value] of Object.entries(query)) {
		if (!names.has(name.toLowerCase())) continue;
		const text = Array.isArray(value) ? value[0] : value;
		if (typeof text === 'string' && text.trim()) return text.trim();
	}
	return undefined;
}

/** Tencent's tokens are UUID-like; anything else in the query string is not one of them. */
export function isPlausibleToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{8,128}$/.test(token);
}

/**
 * How often the FaceID Trigger asks about a link whose customer has not come back: n8n polls at
 * most once a minute, so every unfinished token is asked at each poll, until the result window ends.
 */
export const HOSTED_POLLING = { intervalMs: 15_000, maxPolls: Math.ceil(RESULT_WINDOW_MS / 15_000) + 1 } as const;

/** The channel setting under which the active Return Trigger keeps its webhook URL. */
export const RETURN_URL_SETTING = 'returnUrl';

/** A redirect URL Tencent accepts: absolute http(s), within the flow's length limit; else the problem. */
export function redirectUrlProblem(flow: HostedFlow, url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not an absolute URL';
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must start with https:// or http://';
	if (url.length > flow.maxRedirectLength) return `is longer than Tencent's ${flow.maxRedirectLength} characters`;
	return undefined;
}
