/**
 * What one simulated API action is. Each lives in `sandbox/actions/<ActionName>.ts` and is listed
 * in `sandbox/actions/index.ts`; `startSandbox({ actions })` adds or replaces some for a test.
 *
 * The facts of the API (name, service, version, documented rate limit) come from the action's
 * definition in `lib/tencent/actions/`; what the sandbox answers and bills is its own.
 */
import type { ActionDefinition, BaseResponse } from '../lib/tencent/actions/common';

export interface SandboxActionContext {
	action: string;
	service: string;
	version: string;
	secretId: string;
	requestId: string;
	/** X-TC-Region, when the client sent one. */
	region?: string;
	/** X-TC-Language, when the client sent one. */
	language?: string;
	/** The sandbox clock (ms since the epoch): use it, not Date.now, so tests can move time. */
	now: number;
	/** The sandbox's own URL (as `startSandbox` returns it, e.g. `http://127.0.0.1:41234/`): where its pages are. */
	baseUrl: string;
}

/** Returns the `Response` fields (RequestId is added), or throws a `SandboxApiError`. */
export type SandboxActionHandler = (
	params: Record<string, unknown>,
	ctx: SandboxActionContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface SandboxAction {
	name: string;
	/** Service of the credential scope, e.g. `faceid` or `ocr`. */
	service: string;
	/** The only X-TC-Version accepted, e.g. `2018-03-01`. */
	version: string;
	handler: SandboxActionHandler;
	/** Whether Tencent charges for this successful answer; absent means never. */
	isBillable?: (response: Record<string, unknown>) => boolean;
	/** Requests per second across all keys; absent: the catalogue's default. `options.rateLimits` wins. */
	rateLimit?: number;
}

/** The API facts a sandbox action takes from its lib definition. */
export type SandboxActionFacts = Pick<ActionDefinition<unknown, BaseResponse>, 'name' | 'service' | 'version' | 'rateLimit'>;

/** What the sandbox itself decides for an action: its answers and what it bills. */
export interface SandboxAnswers {
	handler: SandboxActionHandler;
	/** Whether Tencent charges for this successful answer; absent means never. */
	isBillable?: (response: Record<string, unknown>) => boolean;
	/** Overrides the definition's documented `rateLimit` (requests per second across all keys). */
	rateLimit?: number;
}

/**
 * `defineSandboxAction(definition, { handler, isBillable })`: name, service, version and
 * rate limit from the lib definition, the answers from the sandbox.
 *
 * `defineSandboxAction({ name, service, version, handler })`: a stand-in defined by hand, for a
 * test action the catalogue does not know or a variant of a built-in one (`{ ...BuiltIn, handler }`).
 */
export function defineSandboxAction(definition: SandboxActionFacts, answers: SandboxAnswers): SandboxAction;
export function defineSandboxAction(action: SandboxAction): SandboxAction;
export function defineSandboxAction(facts: SandboxActionFacts | SandboxAction, answers?: SandboxAnswers): SandboxAction {
	if (!answers) return facts as SandboxAction;
	const { name, service, version, rateLimit } = facts;
	return {
		name,
		service,
		version,
		handler: answers.handler,
		...(answers.isBillable ? { isBillable: answers.isBillable } : {}),
		rateLimit: answers.rateLimit ?? rateLimit,
	};
}
