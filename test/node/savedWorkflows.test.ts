/**
 * Workflows saved with version 1 of the FaceID node (one Operation list, no Resource) keep
 * working unchanged: the example workflows as version 1 saved them (savedWorkflows/version1/, the
 * files as they were) and today's examples (version 2, Resource then Operation) run through n8n's
 * engine against the sandbox, and every node of both gets the same items.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { closeAllRegistries } from '../../lib/tencent/pendingVerifications/registry';
import { startSandbox } from '../../sandbox/server';
import { runWorkflow, type WorkflowJson } from '../harness';
import { CREDENTIAL_TYPES, NODE_TYPES, sandboxCredential } from '../support/documentCheckWorkflows';

const VERSION_1 = join(__dirname, 'savedWorkflows', 'version1');
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const FACE_ID_TYPE = 'n8n-nodes-tencent-faceid.faceId';

const load = (folder: string, file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as WorkflowJson;
const faceIdNodes = (workflow: WorkflowJson) => workflow.nodes.filter((node) => node.type === FACE_ID_TYPE);

/** Values that differ from run to run by nature (request ids, tokens, times) become placeholders. */
function comparable(value: unknown): unknown {
	if (typeof value === 'string') {
		return value
			.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
			.replace(/\bcv-[0-9a-f]{24}\b/g, '<card verification token>')
			.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
	}
	if (Array.isArray(value)) return value.map(comparable);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, comparable(entry)]));
	return value;
}

/** Every node's items, output by output: their JSON, pairing and binary property names. */
async function run(workflow: WorkflowJson): Promise<Record<string, unknown>> {
	const sandbox = await startSandbox();
	const userFolder = mkdtempSync(join(tmpdir(), 'faceid-saved-'));
	const savedUserFolder = process.env.N8N_USER_FOLDER;
	// Each run its own pending registry: the document check's references are new to both.
	process.env.N8N_USER_FOLDER = userFolder;
	try {
		const result = await runWorkflow(workflow, {
			credentials: { tencentCloudApi: sandboxCredential(sandbox.url) },
			nodeTypes: NODE_TYPES,
			credentialTypes: CREDENTIAL_TYPES,
		});
		expect(result.error).toBeUndefined();
		const items = (outputs: INodeExecutionData[][]) =>
			outputs.map((output) => output.map((item) => ({ json: item.json as IDataObject, pairedItem: item.pairedItem, binary: Object.keys(item.binary ?? {}) })));
		return comparable({
			order: result.executionOrder,
			nodes: Object.fromEntries(result.executionOrder.map((name) => [name, items(result.outputs(name))])),
			// In the order they were answered, which concurrency may change: as a set.
			requests: sandbox.requests.map((request) => [request.action, request.code, request.billable]).sort(),
		}) as Record<string, unknown>;
	} finally {
		await sandbox.close();
		await closeAllRegistries();
		if (savedUserFolder === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = savedUserFolder;
		rmSync(userFolder, { recursive: true, force: true });
	}
}

describe.each(['kyc-id-check.json', 'kyc-face-photo.json', 'kyc-document-apply.json'])('%s', (file) => {
	test('the version 1 file is that version, and today\'s example differs from it only by the version and the Resource', () => {
		const saved = load(VERSION_1, file);
		const current = load(EXAMPLES, file);
		expect(faceIdNodes(saved).map((node) => node.typeVersion)).toEqual(faceIdNodes(current).map(() => 1));
		const withoutResource = structuredClone(current);
		for (const node of faceIdNodes(withoutResource)) {
			expect(node.typeVersion).toBe(2);
			expect(typeof node.parameters.resource).toBe('string');
			node.typeVersion = 1;
			delete node.parameters.resource;
		}
		expect(withoutResource).toEqual(saved);
	});

	test('run as saved with version 1, every node gets the same items as with version 2', async () => {
		const asSaved = await run(load(VERSION_1, file));
		const current = await run(load(EXAMPLES, file));
		expect((asSaved.requests as unknown[]).length).toBeGreaterThan(0);
		expect(asSaved).toEqual(current);
	});
});
