/**
 * The examples that start with a trigger of this package (the FaceID Trigger polls for the results
 * of asynchronous document checks): activated before `n8n start`, then watched through the
 * executions n8n records, until every expected result has arrived — and each only once.
 */
import type { N8nInstance } from '../n8n/instance';
import type { ItemData, N8nRest } from '../n8n/rest';
import type { ExampleWorkflow } from '../n8n/userFolder';
import { startOf, type E2eContext } from './context';
import { outputsOf } from './outputs';

/** n8n polls at most once a minute and the sandbox answers PROCESSING first: three ticks, and the executions. */
const TRIGGER_WAIT_MS = 210_000;
const ONE_MORE_TICK_MS = 65_000;

/**
 * Expected.json for a trigger workflow: `$uniqueBy` names the item field that identifies a result
 * (e.g. `reference`); per node, per output, the values of that field expected there.
 */
interface TriggerExpectation {
	$uniqueBy: string;
	[node: string]: Record<string, string[]> | string;
}

export function triggerExamples(ctx: E2eContext): ExampleWorkflow[] {
	return ctx.examples.filter((example) => {
		const start = startOf(example);
		return start?.kind === 'trigger' && start.node.type.startsWith('n8n-nodes-tencent-faceid.');
	});
}

/** `n8n publish:workflow` for each trigger example: n8n activates them when it starts. */
export async function publishTriggerWorkflows(instance: N8nInstance, ctx: E2eContext): Promise<ExampleWorkflow[]> {
	const triggers = triggerExamples(ctx);
	for (const example of triggers) await instance.cli(['publish:workflow', `--id=${example.id}`]);
	return triggers;
}

export interface TriggerCheckOptions {
	rest: N8nRest;
	triggers: ExampleWorkflow[];
	/** 'regular' or 'queue', for the report. */
	mode: string;
	/** Where the trigger's executions ran (queue mode): a line for the report, and problems. */
	placement?: (executionIds: string[]) => { text: string; problems: string[] };
}

export async function checkTriggerWorkflows(ctx: E2eContext, options: TriggerCheckOptions): Promise<void> {
	const { report } = ctx;
	if (options.triggers.length === 0) {
		report.notAvailable(
			`${options.mode}: FaceID Trigger in an activated workflow`,
			'no example in examples/ starts with a trigger of this package',
			2,
		);
		return;
	}
	for (const example of options.triggers) {
		report.line(`▶ examples/${example.file} — ${example.name} (activated; polls at most every minute)`);
		const expected = ctx.expectations[example.file] as unknown as TriggerExpectation | undefined;
		if (!expected) {
			report.check(`${options.mode}: ${example.file}`, [`no expectation for examples/${example.file} in scripts/e2e/expected.json`], 2);
			continue;
		}
		const started = Date.now();
		const collected = await collectTriggerResults(options.rest, example, expected, started + TRIGGER_WAIT_MS);
		report.line(`${collected.executionIds.length} trigger executions in ${((Date.now() - started) / 1000).toFixed(0)} s`, 2);
		const placement = options.placement?.(collected.executionIds);
		if (placement) report.line(placement.text, 2);
		const problems: string[] = [];
		const key = expected.$uniqueBy;
		for (const [node, outputs] of Object.entries(collected.byNode)) {
			const want = expected[node];
			const names = typeof want === 'object' ? Object.keys(want) : [];
			const values = outputs.map((items) => items.map((item) => String(item.json[key] ?? '(none)')).sort());
			report.line(`${node}: ${values.map((got, index) => `${names[index] ?? `output ${index}`} ${got.length}${got.length ? ` (${got.join(' ')})` : ''}`).join(' · ')}`, 2);
			if (typeof want !== 'object') {
				problems.push(`node "${node}" has no expectation`);
				continue;
			}
			names.forEach((name, index) => {
				const got = values[index] ?? [];
				const wanted = [...want[name]].sort();
				if (JSON.stringify(got) !== JSON.stringify(wanted)) problems.push(`"${node}" → ${name}: ${key} [${got.join(', ')}], expected [${wanted.join(', ')}]`);
			});
			problems.push(...duplicates(outputs.flat(), key, node));
		}
		if (Object.keys(collected.byNode).length === 0) problems.push('the trigger started no execution');
		problems.push(...(placement?.problems ?? []));
		report.check(`${options.mode}: ${example.file} — every result arrived, by the expected output, once`, problems, 2);
	}
}

interface Collected {
	executionIds: string[];
	/** Per package node, per output, the items of all executions so far. */
	byNode: Record<string, ItemData[][]>;
}

/** Reads the workflow's finished executions until the expected number of results arrived (or the deadline). */
async function collectTriggerResults(rest: N8nRest, example: ExampleWorkflow, expected: TriggerExpectation, until: number): Promise<Collected> {
	let deadline = until;
	const read = new Set<string>();
	const collected: Collected = { executionIds: [], byNode: {} };
	const wanted = Object.entries(expected)
		.filter(([key, value]) => !key.startsWith('$') && typeof value === 'object')
		.reduce((sum, [, outputs]) => sum + Object.values(outputs as Record<string, string[]>).reduce((total, values) => total + values.length, 0), 0);
	for (;;) {
		for (const summary of await rest.executions(example.id)) {
			if (read.has(summary.id) || !['success', 'error', 'crashed'].includes(summary.status)) continue;
			read.add(summary.id);
			collected.executionIds.push(summary.id);
			const details = await rest.execution(summary.id);
			for (const node of outputsOf(example.json, details.data)) {
				const outputs = (collected.byNode[node.node] ??= []);
				node.items.forEach((items, index) => (outputs[index] ??= []).push(...items));
			}
		}
		const got = Object.values(collected.byNode).reduce((sum, outputs) => sum + outputs.flat().length, 0);
		// Once all arrived, watch one more tick: a result delivered twice would come with it.
		if (got >= wanted) deadline = Math.min(deadline, Date.now() + ONE_MORE_TICK_MS);
		if (got > wanted || Date.now() > deadline) return collected;
		await new Promise((resolve) => setTimeout(resolve, 3000));
	}
}

function duplicates(items: ItemData[], field: string, node: string): string[] {
	const counts = new Map<string, number>();
	for (const item of items) {
		const key = String(item.json[field] ?? '(missing)');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts.entries()].filter(([, count]) => count > 1).map(([key, count]) => `"${node}": ${field} ${key} arrived ${count} times`);
}
