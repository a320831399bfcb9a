/** Shared pieces of the node-level resilience tests. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { WorkflowRunResult } from '../harness';
import { workloadIdentities, type WorkloadIdentity } from '../../sandbox/workload';
import { FACEID_NODE } from '../support/faceIdWorkflow';

export function idCardParameters(options: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters {
	return { operation: 'idCardVerification', name: '={{ $json.name }}', idCard: '={{ $json.idCard }}', options, ...extra };
}

export function itemsOf(identities: readonly WorkloadIdentity[]): INodeExecutionData[] {
	return identities.map((identity) => ({ json: { name: identity.name, idCard: identity.idCard } }));
}

export function identities(count: number): WorkloadIdentity[] {
	return workloadIdentities(count);
}

/** Per input item: the Result its output item carries, or "error: …" for an error item. */
export function resultOfEachItem(result: WorkflowRunResult): string[] {
	const byItem: string[] = [];
	for (const items of result.outputs(FACEID_NODE)) {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired !== 'object' || paired === null) throw new Error('an output item has no pairedItem');
			const outcome = item.json.outcome as { code?: string } | undefined;
			byItem[paired.item] = item.json.error !== undefined ? `error: ${String(item.json.error)}` : (outcome?.code ?? '');
		}
	}
	return byItem;
}

/** pairedItem indexes of each output, in output order. */
export function pairedIndexes(result: WorkflowRunResult): number[][] {
	return result.outputs(FACEID_NODE).map((items) =>
		items.map((item) => {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			return typeof paired === 'object' && paired !== null ? paired.item : -1;
		}),
	);
}
