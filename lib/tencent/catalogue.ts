/**
 * Every list the package keeps of its API actions, derived from their definitions
 * (`actions/<ActionName>.ts`, one line each in `actions/index.ts`): the credential's service scope,
 * the verdict tables, the documented rate limits and the actions that take encryption.
 */
import * as definitions from './actions';
import type { ActionDefinition, BaseResponse } from './actions/common';
import type { ActionOutcomeTable } from './actions/verdicts';

export type AnyActionDefinition = ActionDefinition<unknown, BaseResponse>;

export const ACTIONS: readonly AnyActionDefinition[] = Object.values(definitions) as AnyActionDefinition[];

const byName = new Map(ACTIONS.map((action) => [action.name, action]));

export function findAction(name: string): AnyActionDefinition | undefined {
	return byName.get(name);
}

/** What the credential test calls (see `credentialProbe`). */
export const CREDENTIAL_PROBE: AnyActionDefinition = (() => {
	const probe = ACTIONS.find((action) => action.credentialProbe);
	if (!probe) throw new Error('The catalogue names no action for the credential test');
	return probe;
})();

/** Service for the credential scope; FaceID unless the catalogue says otherwise. */
export function serviceForAction(name: string | undefined): string {
	return (name && byName.get(name)?.service) || 'faceid';
}

/** The verdict table of every action whose answer is a `Result` code, by action name. */
export const OUTCOME_TABLES: Readonly<Record<string, ActionOutcomeTable>> = Object.fromEntries(
	ACTIONS.flatMap((action) => (action.outcomes ? [[action.name, action.outcomes]] : [])),
);

/** Used for an action the catalogue does not know (a sandbox test action): FaceID's usual limit. */
export const DEFAULT_RATE_LIMIT = 100;

/** Tencent's documented requests per second for an action. */
export function documentedRateLimit(action: string): number {
	return byName.get(action)?.rateLimit ?? DEFAULT_RATE_LIMIT;
}

/** The actions documented with another limit than the usual one, e.g. for a description text. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
	ACTIONS.filter((action) => action.rateLimit !== DEFAULT_RATE_LIMIT).map((action) => [action.name, action.rateLimit]),
);

/**
 * The rate a node may use for an action: the user's limit when it is lower than Tencent's,
 * Tencent's documented limit otherwise (0, empty or a larger value).
 */
export function effectiveRateLimit(action: string, userLimit?: number): number {
	const documented = documentedRateLimit(action);
	return userLimit !== undefined && userLimit > 0 ? Math.min(userLimit, documented) : documented;
}
