/**
 * Proves the harness runs workflow JSON through n8n-core's engine for real: routing by
 * output, pairedItem, expressions, credential authentication over HTTP, binary data,
 * the error output, logging and cancellation. The node and credential are test-only.
 */
import { Expression, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPinData,
} from 'n8n-workflow';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { RecordingLogger, runWorkflow, setupHarness, type WorkflowJson } from './harness';
import { createAdditionalData } from './harness/additionalData';

const SECRET = 'sk-harness-7f3a9c51';

/** Like a signing credential: authenticate() sets the base URL and adds a header. */
class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';
	displayName = 'Harness Test API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		// not supplied by the tests: the helper must fill in the default, as n8n does
		{ displayName: 'Header', name: 'headerName', type: 'string', default: 'x-api-key' },
	];
	authenticate = async (credentials: IDataObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...options,
		baseURL: credentials.baseUrl as string,
		headers: { ...options.headers, [credentials.headerName as string]: credentials.apiKey as string },
	});
}

/** Two outputs; asks the server about each item (with its file, if any) and routes by the answer. */
class RouterNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Router',
		name: 'harnessRouter',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Accepted', 'Rejected'],
		credentials: [{ name: 'harnessTestApi', required: true }],
		properties: [
			{ displayName: 'Kind', name: 'kind', type: 'string', default: '' },
			{ displayName: 'Binary Property', name: 'binaryProperty', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const accepted: INodeExecutionData[] = [];
		const rejected: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				const kind = this.getNodeParameter('kind', i) as string;
				const binaryProperty = this.getNodeParameter('binaryProperty', i) as string;
				let file: IDataObject | undefined;
				if (binaryProperty) {
					const meta = this.helpers.assertBinaryData(i, binaryProperty);
					const buffer = await this.helpers.getBinaryDataBuffer(i, binaryProperty);
					file = { text: buffer.toString('utf8'), mimeType: meta.mimeType, fileName: meta.fileName };
				}
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', {
					method: 'POST',
					url: '/check',
					body: { kind, file },
					json: true,
				})) as IDataObject;
				this.logger.info(`Router checked item ${i}`, { kind });
				const out = response.accepted === true ? accepted : rejected;
				out.push({ json: { kind, file, response }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					accepted.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [accepted, rejected];
	}
}

/** Attaches a small text file to each item through prepareBinaryData. */
class AttachFileNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Attach File',
		name: 'harnessAttachFile',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Attach file' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const name = String(items[i].json.name);
			const data = await this.helpers.prepareBinaryData(Buffer.from(`file of ${name}`), `${name}.txt`, 'text/plain');
			out.push({ json: items[i].json, binary: { data }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** Waits until the execution is cancelled (or 20 s), and says which happened. */
const waiterSaw: string[] = [];
let onWaiterStarted = () => {};
class WaiterNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Waiter',
		name: 'harnessWaiter',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Wait' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const signal = this.getExecutionCancelSignal();
		onWaiterStarted();
		const outcome = await new Promise<string>((resolve) => {
			const timer = setTimeout(() => resolve('timeout'), 20_000);
			signal?.addEventListener('abort', () => {
				clearTimeout(timer);
				resolve('aborted');
			});
		});
		waiterSaw.push(outcome);
		return [this.getInputData()];
	}
}

const TYPES = {
	nodeTypes: {
		'harness.router': new RouterNode(),
		'harness.attachFile': new AttachFileNode(),
		'harness.waiter': new WaiterNode(),
	},
	credentialTypes: [new HarnessTestApi()],
};

let nextId = 0;
function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: INode['parameters'] = {},
	extra: Partial<INode> = {},
): INode {
	return { id: String(++nextId), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/** connections from [source, outputIndex, target] triples */
function connect(...links: Array<[string, number, string]>): WorkflowJson['connections'] {
	const connections: WorkflowJson['connections'] = {};
	for (const [source, output, target] of links) {
		const main = (connections[source] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output]!.push({ node: target, type: 'main', index: 0 });
	}
	return connections;
}

const RECORDS = JSON.stringify([
	{ name: 'ann', kind: 'good' },
	{ name: 'bob', kind: 'bad' },
	{ name: 'cyd', kind: 'boom' },
	{ name: 'dee', kind: 'good' },
]);

function routingWorkflow(onError?: INode['onError']): WorkflowJson {
	return {
		name: 'Harness routing',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1),
			node('Records', 'n8n-nodes-base.set', 3.4, {
				mode: 'raw',
				jsonOutput: `={ "records": ${RECORDS}, "source": "{{ $workflow.name }}" }`,
			}),
			node('One per record', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'records' }),
			node('Attach file', 'harness.attachFile', 1),
			node(
				'Router',
				'harness.router',
				1,
				{ kind: '={{ $json.kind }}', binaryProperty: 'data' },
				{ credentials: { harnessTestApi: { id: '1', name: 'test' } }, onError },
			),
			node('Accepted', 'n8n-nodes-base.noOp', 1),
			node('Rejected', 'n8n-nodes-base.noOp', 1),
			node('Errors', 'n8n-nodes-base.noOp', 1),
		],
		connections: connect(
			['Start', 0, 'Records'],
			['Records', 0, 'One per record'],
			['One per record', 0, 'Attach file'],
			['Attach file', 0, 'Router'],
			['Router', 0, 'Accepted'],
			['Router', 1, 'Rejected'],
			['Router', 2, 'Errors'],
		),
		settings: { executionOrder: 'v1' },
	};
}

interface Received {
	url?: string;
	headers: IncomingHttpHeaders;
	body: IDataObject;
}

describe('workflow harness (n8n-core WorkflowExecute)', () => {
	let server: Server;
	let baseUrl: string;
	const received: Received[] = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
			req.on('end', () => {
				const body = JSON.parse(raw || '{}') as IDataObject;
				received.push({ url: req.url, headers: req.headers, body });
				const status = body.kind === 'boom' ? 500 : 200;
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(status === 200 ? { accepted: body.kind === 'good' } : { message: 'boom' }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	beforeEach(() => {
		received.length = 0;
	});

	const credentials = () => ({ harnessTestApi: { apiKey: SECRET, baseUrl } });

	it('routes items by output, with pairedItem, expressions, credentials, binary data and the error output', async () => {
		const logger = new RecordingLogger();
		const result = await runWorkflow(routingWorkflow('continueErrorOutput'), {
			...TYPES,
			credentials: credentials(),
			logger,
		});

		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');

		// expression in the Set stand-in's JSON template, resolved by n8n
		expect(result.outputs('Records')[0][0].json.source).toBe('Harness routing');

		const [accepted, rejected, errors] = result.outputs('Router');
		expect(result.outputs('Router')).toHaveLength(3); // two own outputs + n8n's error output
		expect(accepted.map((i) => i.json.kind)).toEqual(['good', 'good']);
		expect(accepted.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(rejected.map((i) => [i.json.kind, i.pairedItem])).toEqual([['bad', { item: 1 }]]);
		expect(errors).toHaveLength(1);
		// n8n merges the failing item's input into the error item
		expect(errors[0].json).toMatchObject({ name: 'cyd', kind: 'boom' });
		expect(typeof errors[0].json.error).toBe('string');
		expect(errors[0].pairedItem).toEqual({ item: 2 });

		// binary data made by prepareBinaryData upstream, read by assertBinaryData/getBinaryDataBuffer
		expect(accepted[0].json.file).toEqual({ text: 'file of ann', mimeType: 'text/plain', fileName: 'ann.txt' });

		// downstream nodes got their output's items
		expect(result.outputs('Accepted')[0]).toHaveLength(2);
		expect(result.outputs('Rejected')[0]).toHaveLength(1);
		expect(result.outputs('Errors')[0]).toHaveLength(1);
		expect(result.inputsOf('Router').map((i) => i.json.name)).toEqual(['ann', 'bob', 'cyd', 'dee']);

		// credential authenticate() ran: base URL and header (property default filled in)
		expect(received.map((r) => [r.url, r.body.kind])).toEqual([
			['/check', 'good'],
			['/check', 'bad'],
			['/check', 'boom'],
			['/check', 'good'],
		]);
		for (const r of received) expect(r.headers['x-api-key']).toBe(SECRET);

		// n8n's own log lines and the node's this.logger both recorded, the secret in none
		expect(result.logs.text()).toContain('Workflow execution started');
		expect(result.logs.text()).toContain('Router checked item 3');
		expect(logger.records.length).toBe(result.logs.records.length);
		expect(result.logs.text()).not.toContain(SECRET);
	});

	it('without an error output, a failing item fails the node and the workflow', async () => {
		const result = await runWorkflow(routingWorkflow(), { ...TYPES, credentials: credentials() });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBeDefined();
		expect(result.nodeError('Router')).toBeDefined();
		expect(result.ran('Accepted')).toBe(false);
		expect(result.outputs('Accepted')).toEqual([]);
		expect(received).toHaveLength(3); // stopped at the third item
	});

	it('takes input items with inline base64 binary data (pinned data)', async () => {
		const pinData: IPinData = {
			Start: [
				{
					json: { kind: 'good' },
					binary: {
						data: { data: Buffer.from('pinned bytes').toString('base64'), mimeType: 'text/plain', fileName: 'pin.txt' },
					},
				},
			],
		};
		const workflow: WorkflowJson = {
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 1),
				node('Router', 'harness.router', 1, { kind: '={{ $json.kind }}', binaryProperty: 'data' }, {
					credentials: { harnessTestApi: { id: '1', name: 'test' } },
				}),
			],
			connections: connect(['Start', 0, 'Router']),
		};
		const result = await runWorkflow(workflow, { ...TYPES, credentials: credentials(), pinData });

		expect(result.error).toBeUndefined();
		const file = { text: 'pinned bytes', mimeType: 'text/plain', fileName: 'pin.txt' };
		expect(result.outputs('Router')[0][0].json.file).toEqual(file);
	});

	it('cancels through the abort signal the way n8n stops an execution', async () => {
		waiterSaw.length = 0;
		const workflow: WorkflowJson = {
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 1),
				node('Wait', 'harness.waiter', 1),
				node('After', 'n8n-nodes-base.noOp', 1),
			],
			connections: connect(['Start', 0, 'Wait'], ['Wait', 0, 'After']),
		};
		const controller = new AbortController();
		onWaiterStarted = () => setTimeout(() => controller.abort(), 50);
		const started = Date.now();
		const result = await runWorkflow(workflow, { ...TYPES, signal: controller.signal });

		expect(Date.now() - started).toBeLessThan(10_000);
		expect(waiterSaw).toEqual(['aborted']);
		expect(result.run.status).toBe('canceled');
		expect(result.ran('After')).toBe(false);
	});

	it('an already aborted signal runs no node', async () => {
		const workflow: WorkflowJson = {
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger', 1), node('After', 'n8n-nodes-base.noOp', 1)],
			connections: connect(['Start', 0, 'After']),
		};
		const result = await runWorkflow(workflow, { signal: AbortSignal.abort() });

		expect(result.run.status).toBe('canceled');
		expect(result.ran('Start')).toBe(false);
	});

	it('core node stand-ins reject parameters they do not implement', async () => {
		const workflow: WorkflowJson = {
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 1),
				node('Fields', 'n8n-nodes-base.set', 3.4, { mode: 'manual' }),
			],
			connections: connect(['Start', 0, 'Fields']),
		};
		const result = await runWorkflow(workflow);

		expect(result.nodeError('Fields')?.message).toMatch(/does not implement mode="manual"/);
	});

	it('says which credential data is missing', async () => {
		const result = await runWorkflow(routingWorkflow(), TYPES);

		expect(result.nodeError('Router')?.message).toMatch(/no credential data of type 'harnessTestApi'/);
	});

	it('rejects unknown node types and unknown additionalData members loudly', async () => {
		const workflow: WorkflowJson = {
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger', 1), node('X', 'n8n-nodes-base.httpRequest', 4.2)],
			connections: connect(['Start', 0, 'X']),
		};
		await expect(runWorkflow(workflow)).rejects.toThrow(/unknown node type 'n8n-nodes-base.httpRequest'/);

		const additionalData = createAdditionalData({} as never, {} as never, 'x') as unknown as Record<string, unknown>;
		expect(additionalData.restartExecutionId).toBeUndefined();
		expect(() => additionalData.somethingNew).toThrow(/does not provide/);
	});

	it('evaluates expressions with the vm engine an n8n 2.41 server uses, where the host can load it', async () => {
		const env = await setupHarness();
		expect(Expression.getActiveImplementation()).toBe(env.expressionEngine);
		if (process.env.N8N_EXPRESSION_ENGINE) return;
		// Jest can only run n8n's dynamic import() of the vm runtime with --experimental-vm-modules
		const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''];
		const vmLoadable = flags.some((flag) => flag.includes('--experimental-vm-modules'));
		expect(env.expressionEngine).toBe(vmLoadable ? 'vm' : 'legacy');
		if (!vmLoadable) expect(env.expressionEngineFallback).toMatch(/experimental-vm-modules/);
	});
});
