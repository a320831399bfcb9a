import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

/*
 * Stand-ins for the n8n-nodes-base nodes our example workflows use (that package is too big
 * to install). Same type name, version and parameter shape as the real nodes, so the same
 * workflow JSON runs in n8n; only the documented subset is implemented, and any parameter
 * outside it fails loudly instead of being ignored.
 */

/** Throws if a parameter holds anything but the values the stand-in implements. */
function requireParameter(
	ctx: IExecuteFunctions,
	name: string,
	allowed: unknown[],
	itemIndex = 0,
): void {
	const value = ctx.getNodeParameter(name, itemIndex, undefined, { rawExpressions: true });
	if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
		throw new NodeOperationError(
			ctx.getNode(),
			`harness stand-in for ${ctx.getNode().type} does not implement ${name}=${JSON.stringify(value)}`,
		);
	}
}

/** Stands in for n8n-nodes-base.manualTrigger v1 (nodes/ManualTrigger/ManualTrigger.node.ts). */
export class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		eventTriggerDescription: '',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'This node is where the workflow execution starts',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	// As the real node: in 'manual' mode n8n calls this and takes the emitted item; in other
	// modes WorkflowExecute passes the start item (`[{ json: {} }]`) through unchanged.
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Stands in for n8n-nodes-base.noOp v1 (nodes/NoOp/NoOp.node.ts): items pass through. */
export class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Stands in for n8n-nodes-base.set v3.4 ("Edit Fields", nodes/Set/v2): only mode 'raw'
 * (JSON output) with includeOtherFields false, options dotNotation only.
 */
export class SetStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (Set)',
		name: 'set',
		group: ['input'],
		version: [3.3, 3.4],
		description: 'Modify, add, or remove item fields',
		defaults: { name: 'Edit Fields' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Manual Mapping', value: 'manual' },
					{ name: 'JSON', value: 'raw' },
				],
				default: 'manual',
			},
			{ displayName: 'Duplicate Item', name: 'duplicateItem', type: 'boolean', default: false },
			{
				displayName: 'JSON Output',
				name: 'jsonOutput',
				type: 'json',
				default: '{\n  "my_field_1": "value",\n  "my_field_2": 1\n}',
				displayOptions: { show: { mode: ['raw'] } },
			},
			{
				displayName: 'Include Other Input Fields',
				name: 'includeOtherFields',
				type: 'boolean',
				default: false,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Support Dot Notation', name: 'dotNotation', type: 'boolean', default: true }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		requireParameter(this, 'mode', ['raw']);
		requireParameter(this, 'duplicateItem', [false]);
		const node = this.getNode();
		// The real node reads the template unevaluated and resolves each {{ }} on its own,
		// pasting objects in as JSON (Set/v2/helpers/utils.ts resolveRawData).
		const template = this.getNodeParameter('jsonOutput', 0, '', { rawExpressions: true }) as string;
		const returnData: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			// outside the try: an unimplemented parameter must fail even with "continue on fail"
			requireParameter(this, 'includeOtherFields', [false], i);
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const unknown = Object.keys(options).filter((k) => k !== 'dotNotation');
			if (unknown.length) {
				throw new NodeOperationError(node, `harness stand-in: options ${unknown.join(', ')} not implemented`);
			}
			try {
				const json = template.startsWith('=') ? resolveTemplate(this, template.replace(/^=+/, ''), i) : template;
				const fields = parseJsonObject(json, node, i);
				returnData.push({ json: composeFields(fields, options.dotNotation !== false, node), pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(node, error as Error, { itemIndex: i });
			}
		}
		return [returnData];
	}
}

function resolveTemplate(ctx: IExecuteFunctions, template: string, itemIndex: number): string {
	let result = template;
	for (const resolvable of template.match(/{{[\s\S]*?}}/g) ?? []) {
		const value = ctx.evaluateExpression(resolvable, itemIndex);
		const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
		result = result.replace(resolvable, text);
	}
	return result;
}

// The real node also tries to "repair" invalid JSON (quotes, trailing commas); not copied.
function parseJsonObject(json: string, node: INode, itemIndex: number): IDataObject {
	let parsed: unknown;
	try {
		parsed = jsonParse(json);
	} catch {
		throw new NodeOperationError(node, `The 'JSON Output' in item ${itemIndex} contains invalid JSON`, {
			description: json,
			itemIndex,
		});
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		const message = `The 'JSON Output' in item ${itemIndex} does not contain a valid JSON object`;
		throw new NodeOperationError(node, message, { itemIndex });
	}
	return parsed as IDataObject;
}

/** With dot notation (the default) a key "a.b" becomes { a: { b } }, as lodash.set does. */
function composeFields(fields: IDataObject, dotNotation: boolean, node: INode): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!dotNotation || !key.includes('.')) {
			out[key] = value;
			continue;
		}
		if (/[[\]]/.test(key)) {
			throw new NodeOperationError(node, `harness stand-in: bracket paths ('${key}') not implemented`);
		}
		const path = key.split('.');
		let target = out;
		for (const part of path.slice(0, -1)) {
			if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
			target = target[part] as IDataObject;
		}
		target[path[path.length - 1]] = value;
	}
	return out;
}

/**
 * Stands in for n8n-nodes-base.splitOut v1 (nodes/Transform/SplitOut): one field,
 * include 'noOtherFields', no options.
 */
export class SplitOutStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Split Out',
		name: 'splitOut',
		group: ['transform'],
		version: 1,
		description: 'Turn a list inside item(s) into separate items',
		defaults: { name: 'Split Out' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Fields To Split Out',
				name: 'fieldToSplitOut',
				type: 'string',
				default: '',
				required: true,
			},
			{
				displayName: 'Include',
				name: 'include',
				type: 'options',
				options: [
					{ name: 'No Other Fields', value: 'noOtherFields' },
					{ name: 'All Other Fields', value: 'allOtherFields' },
					{ name: 'Selected Other Fields', value: 'selectedOtherFields' },
				],
				default: 'noOtherFields',
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const returnData: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			requireParameter(this, 'include', ['noOtherFields'], i);
			requireParameter(this, 'options', [{}], i);
			const field = (this.getNodeParameter('fieldToSplitOut', i) as string).trim().replace(/^\$json\./, '');
			if (field.includes(',') || field === '$binary') {
				const message = `harness stand-in: fieldToSplitOut '${field}' not implemented (one JSON field only)`;
				throw new NodeOperationError(node, message);
			}
			// dot notation, as the real node's lodash.get
			let value: unknown = items[i].json;
			for (const part of field.split('.')) value = (value as IDataObject | undefined)?.[part];
			if (value === undefined) continue; // the real node also emits nothing (plus an editor hint)
			const elements = Array.isArray(value)
				? value
				: typeof value === 'object' && value !== null
					? Object.values(value)
					: [value];
			for (const element of elements) {
				// objects (arrays too, as in the real node) are spread into the item
				const json: IDataObject =
					typeof element === 'object' && element !== null
						? { ...(element as IDataObject) }
						: { [field]: element as IDataObject[string] };
				returnData.push({ json, pairedItem: { item: i } });
			}
		}
		return [returnData];
	}
}

/** By full type name, as workflow JSON references them. */
export function coreNodeStandIns(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
		'n8n-nodes-base.noOp': new NoOpStandIn(),
		'n8n-nodes-base.set': new SetStandIn(),
		'n8n-nodes-base.splitOut': new SplitOutStandIn(),
	};
}
