/** What every e2e phase shares, and the check each example workflow gets in each phase. */
import type { Sandbox } from '../../sandbox/server';
import type { N8nRelease } from '../n8n/paths';
import type { RunExecutionData } from '../n8n/rest';
import type { ExampleNode, ExampleWorkflow } from '../n8n/userFolder';
import { compareOutputs, describeOutputs, outputsOf, type WorkflowExpectation } from './outputs';
import type { Report } from './report';

export interface E2eContext {
	/** The installed n8n release this run tests. */
	release: N8nRelease;
	/** .cache/e2e/n8n-<version>: this release's user folders and logs. */
	workDir: string;
	tarball: string;
	sandbox: Sandbox;
	examples: ExampleWorkflow[];
	expectations: Record<string, WorkflowExpectation>;
	report: Report;
}

export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** The node a workflow starts from: a Manual Trigger (run with `execute`) or another trigger (activated). */
export function startOf(example: ExampleWorkflow): { kind: 'manual' | 'trigger'; node: ExampleNode } | undefined {
	const enabled = example.json.nodes.filter((node) => node.disabled !== true);
	const manual = enabled.find((node) => node.type === MANUAL_TRIGGER);
	if (manual) return { kind: 'manual', node: manual };
	const trigger = enabled.find((node) => /trigger$/i.test(node.type));
	return trigger ? { kind: 'trigger', node: trigger } : undefined;
}

export interface ExampleRun {
	data: RunExecutionData;
	/** How it ran, e.g. `n8n execute --id=…` or `editor Execute → worker 2`. */
	how: string;
}

/**
 * Runs one example, prints the items per output of this package's nodes, and checks them against
 * expected.json and the sandbox's log: every item by the expected output, no billable call twice.
 */
export async function checkExample(ctx: E2eContext, example: ExampleWorkflow, mode: string, run: () => Promise<ExampleRun>): Promise<void> {
	const { report, sandbox } = ctx;
	report.line(`▶ examples/${example.file} — ${example.name}`);
	const firstRequest = sandbox.requests.length;
	const started = Date.now();
	let result: ExampleRun;
	try {
		result = await run();
	} catch (error) {
		report.error(`${mode}: ${example.file} ran`, error);
		return;
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	report.line(`${result.how} (${seconds} s)`, 2);

	const expected = ctx.expectations[example.file];
	const actual = outputsOf(example.json, result.data);
	for (const line of describeOutputs(actual, expected)) report.line(line, 2);

	const calls = sandbox.requests.slice(firstRequest);
	const billable = calls.filter((call) => call.billable);
	report.line(`sandbox: ${calls.length} API calls, ${billable.length} billable`, 2);

	const workflowError = result.data.resultData.error;
	const problems = [
		...(workflowError ? [`the workflow failed: ${workflowError.message ?? JSON.stringify(workflowError)}`] : []),
		...compareOutputs(expected, actual, example),
	];
	report.check(`${mode}: ${example.file} — every item left by the expected output`, problems, 2);
	report.check(`${mode}: ${example.file} — no billable call made twice`, repeatedBillableCalls(billable), 2);
}

/** Billable answers to the same request body (same action, same bytes): a check paid for twice. */
function repeatedBillableCalls(billable: Sandbox['requests']): string[] {
	const seen = new Map<string, number>();
	for (const call of billable) {
		const key = call.contentHash ?? call.requestId;
		seen.set(key, (seen.get(key) ?? 0) + 1);
	}
	return [...seen.entries()]
		.filter(([, count]) => count > 1)
		.map(([hash, count]) => `request ${hash.slice(0, 12)}… was answered with a billable result ${count} times`);
}
