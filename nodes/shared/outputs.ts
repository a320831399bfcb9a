/**
 * The outputs both nodes route to: Passed, Failed and Review, or one output when "Route by
 * Outcome" is off. An item's `outcome.status` picks its output.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { OutcomeStatus } from '../../lib/tencent/outcomes';

/** Output order when routing by outcome; matches OUTPUTS_EXPRESSION. */
export const OUTCOME_OUTPUTS: readonly OutcomeStatus[] = ['passed', 'failed', 'review'];

const ROUTED_OUTPUTS = JSON.stringify([
	{ type: 'main', displayName: 'Passed' },
	{ type: 'main', displayName: 'Failed' },
	{ type: 'main', displayName: 'Review' },
]);

/**
 * The description's `outputs`: three outputs so a KYC flow routes without an IF node; one when
 * routing is off, or for the operations whose items carry no verdict.
 */
export function outputsExpression(unroutedOperations: readonly string[] = []): `={{${string}}}` {
	const unrouted = unroutedOperations.length ? ` || ${JSON.stringify(unroutedOperations)}.includes($parameter.operation)` : '';
	return `={{ $parameter.routeByOutcome === false${unrouted} ? [{ "type": "main" }] : ${ROUTED_OUTPUTS} }}`;
}

export const OUTPUTS_EXPRESSION = outputsExpression();

/** The "Route by Outcome" field, the same on both nodes. */
export const ROUTE_BY_OUTCOME_PROPERTY = {
	displayName: 'Route by Outcome',
	name: 'routeByOutcome',
	type: 'boolean',
	default: true,
	description: 'Whether to send each item to the Passed, Failed or Review output. Off: one output, with the outcome in each item.',
} as const;

/** Items to outputs by their `outcome.status`; an item without a known status goes to Review. */
export function routeItems(items: readonly INodeExecutionData[], routeByOutcome: boolean): INodeExecutionData[][] {
	if (!routeByOutcome) return [[...items]];
	const outputs: INodeExecutionData[][] = OUTCOME_OUTPUTS.map(() => []);
	for (const item of items) {
		const status = (item.json.outcome as { status?: OutcomeStatus } | undefined)?.status;
		const index = status ? OUTCOME_OUTPUTS.indexOf(status) : -1;
		outputs[index === -1 ? OUTCOME_OUTPUTS.indexOf('review') : index].push(item);
	}
	return outputs;
}
