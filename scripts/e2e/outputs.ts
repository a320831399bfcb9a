/**
 * Which items left by which output of this package's nodes in one n8n execution, and how that
 * compares with scripts/e2e/expected.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_NAME } from '../n8n/paths';
import type { ItemData, RunExecutionData } from '../n8n/rest';
import type { ExampleJson, ExampleNode, ExampleWorkflow } from '../n8n/userFolder';

export interface NodeOutputs {
	node: string;
	ran: boolean;
	/** The node's own error, when it stopped the workflow. */
	error?: string;
	/**
	 * Per output, the items that left by it: for a node with an input, the index of the input item
	 * each came from (pairedItem); for a trigger, the item's position in its output.
	 */
	outputs: number[][];
	items: ItemData[][];
}

/** Expected items per output name, outputs in order: `{ "FaceID": { "Passed": [0], "Failed": [1] } }`. */
export type NodeExpectation = Record<string, number[]>;
export type WorkflowExpectation = Record<string, NodeExpectation>;

const EXPECTED_FILE = path.join(__dirname, 'expected.json');

export function readExpectations(): Record<string, WorkflowExpectation> {
	const json = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as Record<string, unknown>;
	return Object.fromEntries(Object.entries(json).filter(([key]) => !key.startsWith('$'))) as Record<string, WorkflowExpectation>;
}

/** The package's nodes in a workflow (FaceID, FaceID Trigger, …), enabled ones only. */
export function packageNodes(workflow: ExampleJson): ExampleNode[] {
	return workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`) && node.disabled !== true);
}

export function outputsOf(workflow: ExampleJson, data: RunExecutionData): NodeOutputs[] {
	return packageNodes(workflow).map((node) => {
		const task = data.resultData.runData[node.name]?.[0];
		if (!task) return { node: node.name, ran: false, outputs: [], items: [] };
		const items = (task.data?.main ?? []).map((output) => output ?? []);
		const hasInput = (task.source ?? []).some((source) => source !== null);
		return {
			node: node.name,
			ran: true,
			error: task.error?.message,
			items,
			outputs: items.map((output) => output.map((item, position) => (hasInput ? pairedIndex(item) : position))),
		};
	});
}

function pairedIndex(item: ItemData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	if (typeof paired === 'number') return paired;
	return paired?.item ?? -1;
}

/** Differences between what ran and what was expected; empty when they agree. */
export function compareOutputs(expected: WorkflowExpectation | undefined, actual: NodeOutputs[], example: ExampleWorkflow): string[] {
	if (!expected) {
		return [
			`no expectation for examples/${example.file} in scripts/e2e/expected.json; this run gave ${JSON.stringify(observed(actual))}`,
		];
	}
	const problems: string[] = [];
	for (const node of actual) {
		const want = expected[node.node];
		if (!want) {
			problems.push(`node "${node.node}" has no expectation`);
			continue;
		}
		if (!node.ran) {
			problems.push(`node "${node.node}" did not run`);
			continue;
		}
		const names = Object.keys(want);
		if (node.outputs.length !== names.length) {
			problems.push(`node "${node.node}" has ${node.outputs.length} outputs, expected ${names.length} (${names.join(', ')})`);
		}
		names.forEach((name, index) => {
			const got = [...(node.outputs[index] ?? [])].sort((a, b) => a - b);
			const wanted = [...want[name]].sort((a, b) => a - b);
			if (JSON.stringify(got) !== JSON.stringify(wanted)) {
				problems.push(`"${node.node}" → ${name}: items [${got.join(', ')}], expected [${wanted.join(', ')}]`);
			}
		});
	}
	for (const name of Object.keys(expected).filter((key) => !key.startsWith('$'))) {
		if (!actual.some((node) => node.node === name)) problems.push(`expected a node "${name}", the workflow has none`);
	}
	return problems;
}

/** The observed outputs in expected.json's shape, to paste in when an example is new. */
function observed(actual: NodeOutputs[]): WorkflowExpectation {
	return Object.fromEntries(
		actual.map((node) => [node.node, Object.fromEntries(node.outputs.map((items, index) => [`output ${index}`, items]))]),
	);
}

/** One line per node: `FaceID  Passed 1 (#0) · Failed 1 (#1) · Review 2 (#2 #3) · Error 1 (#4)`. */
export function describeOutputs(actual: NodeOutputs[], expected: WorkflowExpectation | undefined): string[] {
	return actual.map((node) => {
		if (!node.ran) return `${node.node}: did not run`;
		const names = Object.keys(expected?.[node.node] ?? {});
		const parts = node.outputs.map((items, index) => {
			const label = names[index] ?? `output ${index}`;
			return `${label} ${items.length}${items.length ? ` (${items.map((item) => `#${item}`).join(' ')})` : ''}`;
		});
		return `${node.node}: ${parts.join(' · ')}${node.error ? `  error: ${node.error}` : ''}`;
	});
}
