import type { IWorkflowBase } from 'n8n-workflow';

import type { WorkflowJson } from './index';

/** Workflow JSON (as a file holds it) completed into the IWorkflowBase the engine expects. */
export function toWorkflowData(json: WorkflowJson, { active = false }: { active?: boolean } = {}): IWorkflowBase {
	return {
		id: json.id ?? (active ? 'trigger-workflow' : 'harness-workflow'),
		name: json.name ?? (active ? 'Trigger workflow' : 'Harness workflow'),
		active,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		staticData: json.staticData,
	};
}
