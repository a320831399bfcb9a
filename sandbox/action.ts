/**
 * What one simulated API action is. Each lives in `sandbox/actions/<ActionName>.ts` and is listed
 * in `sandbox/actions/index.ts`; `startSandbox({ actions })` adds or replaces some for a test.
 */
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
	/** Requests per second across all keys; overrides the sandbox default for this action. */
	rateLimit?: number;
}

export function defineSandboxAction(action: SandboxAction): SandboxAction {
	return action;
}
