import { runWorkflow } from './index';
async function main() {
	const wf = {
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{ id: '2', name: 'Data', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [0, 0] as [number, number], parameters: { mode: 'raw', jsonOutput: '{"records":[{"name":"a"},{"name":"b"}]}' } },
			{ id: '3', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [0, 0] as [number, number], parameters: { fieldToSplitOut: 'records' } },
			{ id: '4', name: 'Shape', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [0, 0] as [number, number], parameters: { mode: 'raw', jsonOutput: '={ "greeting": "hi {{ $json.name }}", "obj": {{ { n: $json.name.length } }}, "a.b": 1 }' } },
			{ id: '5', name: 'End', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		],
		connections: {
			Start: { main: [[{ node: 'Data', type: 'main' as const, index: 0 }]] },
			Data: { main: [[{ node: 'Split', type: 'main' as const, index: 0 }]] },
			Split: { main: [[{ node: 'Shape', type: 'main' as const, index: 0 }]] },
			Shape: { main: [[{ node: 'End', type: 'main' as const, index: 0 }]] },
		},
	};
	const r = await runWorkflow(wf, {});
	console.log('error', r.error);
	console.log('order', r.executionOrder, r.run.status);
	console.log(JSON.stringify(r.outputs('End')));
	console.log(JSON.stringify(r.inputsOf('Shape')));
	console.log(r.logs.records.length, r.logs.text().slice(0, 500));
}
main().catch((e) => { console.error('FAIL', e); process.exit(1); });
