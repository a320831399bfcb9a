/**
 * The example pair, as shipped in examples/: the CRM records apply through the FaceID node (run
 * by n8n's engine), the FaceID Trigger of the second workflow picks the results up from the
 * embedded registry in n8n's user folder, and each execution it starts routes its result to the
 * CRM step the document's status calls for.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { closeAllRegistries } from '../../lib/tencent/pendingVerifications/registry';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runWorkflow, type WorkflowJson } from '../harness';
import { triggerRunner } from '../harness/pollTrigger';
import { CREDENTIAL_TYPES, NODE_TYPES, sandboxCredential } from '../support/documentCheckWorkflows';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;

let sandbox: Sandbox;
let userFolder: string;
const savedUserFolder = process.env.N8N_USER_FOLDER;

beforeAll(async () => {
	// The built-in sandbox actions, as the demo runs them.
	sandbox = await startSandbox();
	userFolder = mkdtempSync(join(tmpdir(), 'faceid-examples-'));
	process.env.N8N_USER_FOLDER = userFolder;
});
afterAll(async () => {
	await sandbox.close();
	await closeAllRegistries();
	if (savedUserFolder === undefined) delete process.env.N8N_USER_FOLDER;
	else process.env.N8N_USER_FOLDER = savedUserFolder;
	rmSync(userFolder, { recursive: true, force: true });
});

const references = (items: INodeExecutionData[]) => items.map((item) => String(item.json.reference));

test('kyc-document-apply submits the CRM records; kyc-document-result-trigger fires and routes each result', async () => {
	const credentials = { tencentCloudApi: sandboxCredential(sandbox.url) };
	const applied = await runWorkflow(load('kyc-document-apply.json'), { credentials, nodeTypes: NODE_TYPES, credentialTypes: CREDENTIAL_TYPES });
	expect(applied.error).toBeUndefined();
	const pending = applied.outputs('Mark CRM record pending')[0];
	expect(references(pending)).toEqual(['CRM-2001', 'CRM-2002', 'CRM-2003']);
	expect(pending.every((item) => (item.json.outcome as { code: string }).code === 'PROCESSING')).toBe(true);

	const workflow = load('kyc-document-result-trigger.json');
	const trigger = await triggerRunner(workflow, 'Document verification result', { credentials, nodeTypes: NODE_TYPES, credentialTypes: CREDENTIAL_TYPES });
	const routed: Record<string, string[]> = { 'Approve in CRM': [], 'Reject in CRM': [], 'Compliance review': [] };
	const deadline = Date.now() + 15_000;
	while (Object.values(routed).flat().length < 3 && Date.now() < deadline) {
		const data = await trigger.tick();
		if (data) {
			const execution = await runTriggered(trigger, data);
			for (const name of Object.keys(routed)) routed[name].push(...execution[name]);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(trigger.errors).toEqual([]);
	expect(routed).toEqual({ 'Approve in CRM': ['CRM-2001'], 'Reject in CRM': ['CRM-2002'], 'Compliance review': ['CRM-2003'] });
});

async function runTriggered(trigger: Awaited<ReturnType<typeof triggerRunner>>, data: INodeExecutionData[][]): Promise<Record<string, string[]>> {
	const result = await trigger.runTriggered(data);
	expect(result.error).toBeUndefined();
	const received = (name: string) => (result.ran(name) ? references(result.inputsOf(name)) : []);
	return {
		'Approve in CRM': received('Approve in CRM'),
		'Reject in CRM': received('Reject in CRM'),
		'Compliance review': received('Compliance review'),
	};
}
