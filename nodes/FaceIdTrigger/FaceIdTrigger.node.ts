import {
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { GENERATIONS } from '../../lib/tencent/pendingVerifications/cardVerification/generations';
import { hintForErrorCode } from '../../lib/tencent/errorHints';
import { TencentCloudClient } from '../../lib/tencent/client';
import { detectImageFormat, imageFileExtension, imageMimeType } from '../../lib/tencent/images';
import { outcomeOfCardVerification, type Outcome } from '../../lib/tencent/outcomes';
import { DeferredCommits, runPollTick, type EmittedResult } from '../../lib/tencent/pendingVerifications/poller';
import { cardVerificationFields } from '../FaceId/helpers/cardVerificationFields';
import { openNodeRegistry, REDIS_CREDENTIAL_TEST, registryProperties, testRedisCredential } from '../FaceId/helpers/registry';
import { n8nTransport } from '../FaceId/transport';

const OUTPUTS = ['passed', 'failed', 'review'] as const;

const ROUTED_OUTPUTS = JSON.stringify([
	{ type: 'main', displayName: 'Passed' },
	{ type: 'main', displayName: 'Failed' },
	{ type: 'main', displayName: 'Review' },
]);

/** n8n's poll budget when the instance does not say (n8n before 2.40): its own default. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

interface TriggerOptions {
	maxResults?: number;
	concurrency?: number;
	timeout?: number;
	leaseSeconds?: number;
	commitDelaySeconds?: number;
	retentionDays?: number;
}

/** Commits of emitted results, run a moment after each poll returned (see DeferredCommits). */
const commits = new DeferredCommits();

/** The engine's own `__emit` of each poll context: each poll wraps the original, never a wrapper. */
const engineEmits = new WeakMap<IPollFunctions, IPollFunctions['__emit']>();

/**
 * Tells whether n8n took this poll's items. n8n hands a poll's result to `__emit` right after
 * poll() returns, unless it discards it (the workflow was saved or deactivated meanwhile): then
 * the results must not be marked done, and are emitted again after the lease.
 */
function watchHandOver(context: IPollFunctions): () => boolean {
	const engineEmit = engineEmits.get(context) ?? context.__emit;
	engineEmits.set(context, engineEmit);
	let handedOver = false;
	context.__emit = (...args) => {
		handedOver = true;
		engineEmit.apply(context, args);
	};
	return () => handedOver;
}

/** What "Fetch Test Event" shows: a passed Hong Kong ID card, fictional data. */
function sampleResult(): EmittedResult {
	const now = Date.now();
	const response = {
		Status: 'PASSED',
		WarnInfo: [],
		Nationality: 'HKG',
		CardType: 'ID_CARD',
		CardInfo: { HKIDCard: { CnName: '陳大文', EnName: 'CHAN, Tai Man', Sex: 'M', Birthday: '01-01-1990', IdNum: 'A123456(3)' } },
		RequestId: '00000000-0000-0000-0000-000000000000',
	};
	return {
		record: {
			key: 'sample-card-verification-token',
			state: 'emitting',
			generation: 'faceid',
			region: 'ap-hongkong',
			reference: 'CRM-0001',
			registeredAt: now - 10_000,
			pollIntervalMs: 5000,
			maxPolls: 10,
			polls: 2,
			nextPollAt: now,
			emitCount: 1,
			finishedAt: now,
		},
		result: { outcome: outcomeOfCardVerification(response), response, polls: 2 },
	};
}

async function toItem(context: IPollFunctions, emitted: EmittedResult): Promise<INodeExecutionData> {
	const { record, result } = emitted;
	const isToken = !record.key.startsWith('apply:');
	const response: IDataObject = { ...(result.response as IDataObject | undefined) };
	if (result.error) response.Error = { Code: result.error.code, Message: result.error.message };
	let binary: IBinaryKeyData | undefined;
	// A portrait as base64 in the JSON is unreadable in the editor: it becomes a file.
	if (typeof response.HeadImageBase64 === 'string' && response.HeadImageBase64) {
		const bytes = Buffer.from(response.HeadImageBase64, 'base64');
		const format = detectImageFormat(bytes);
		binary = {
			headImage: await context.helpers.prepareBinaryData(
				bytes,
				format ? `head.${imageFileExtension(format)}` : 'head',
				format ? imageMimeType(format) : 'application/octet-stream',
			),
		};
		delete response.HeadImageBase64;
	}
	const fields = cardVerificationFields(response, {
		token: isToken ? record.key : null,
		generation: record.generation,
		region: record.region,
		reference: record.reference,
		polls: result.polls,
		delivery: 'FaceID Trigger',
		emission: record.emitCount,
		registeredAt: record.registeredAt,
		finishedAt: record.finishedAt,
	});
	const item: INodeExecutionData = { json: { ...fields, outcome: { ...result.outcome } as unknown as IDataObject } };
	if (binary) item.binary = binary;
	return item;
}

function route(items: INodeExecutionData[], routeByOutcome: boolean): INodeExecutionData[][] {
	if (!routeByOutcome) return [items];
	const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
	for (const item of items) {
		const status = (item.json.outcome as unknown as Outcome).status;
		outputs[Math.max(0, OUTPUTS.indexOf(status))].push(item);
	}
	return outputs;
}

const whole = (value: unknown, fallback: number, min: number, max: number): number => {
	const number = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return Math.min(max, Math.max(min, number));
};

export class FaceIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FaceID Trigger',
		name: 'faceIdTrigger',
		icon: { light: 'file:../../icons/faceid.svg', dark: 'file:../../icons/faceid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On document verification result',
		description: 'Starts the workflow when Tencent has finished a document verification started by Apply Card Verification',
		defaults: { name: 'FaceID Trigger' },
		polling: true,
		inputs: [],
		outputs: `={{ $parameter.routeByOutcome === false ? [{ "type": "main" }] : ${ROUTED_OUTPUTS} }}`,
		credentials: [
			{ name: 'tencentCloudApi', required: true },
			{
				// Literals: n8n's lint (credential-test-required) reads the name and testedBy from the source.
				// A Redis connection, not an HTTP API: no `Api` suffix.
				// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
				name: 'faceIdRegistryRedis',
				required: true,
				testedBy: 'faceIdRegistryRedisTest',
				displayOptions: { show: { registry: ['redis'] } },
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'On Document Verification Result',
						value: 'cardVerificationResult',
						description:
							'One item per finished verification: token, status, outcome, card data and the Reference of the Apply step',
					},
				],
				default: 'cardVerificationResult',
			},
			{
				displayName:
					'Emits the results of tokens that FaceID nodes (Apply Card Verification) registered in the same registry and channel. A result that may have been emitted before (after a crash) has verification.emission above 1: de-duplicate by CardVerificationToken.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...registryProperties({ allowNone: false }),
			{
				displayName: 'Route by Outcome',
				name: 'routeByOutcome',
				type: 'boolean',
				default: true,
				description:
					'Whether to send each result to the Passed, Failed or Review output. Off: one output, with the outcome in each item.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Commit Delay (Seconds)',
						name: 'commitDelaySeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 60, numberPrecision: 1 },
						default: 1,
						description:
							'How long after a poll its results are marked as emitted, giving n8n time to store the execution it started. If n8n stops within it, they are emitted again after the lease.',
					},
					{
						displayName: 'Keep Emitted Entries (Days)',
						name: 'retentionDays',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 365 },
						default: 7,
						description: 'How long the registry remembers an emitted token (without its result), so a repeated registration is ignored',
					},
					{
						displayName: 'Lease (Seconds)',
						name: 'leaseSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 3600 },
						default: 300,
						description:
							'How long tokens and results claimed by one poll stay claimed. After a crash another poll takes them over once it has passed.',
					},
					{
						displayName: 'Max Results per Poll',
						name: 'maxResults',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						default: 100,
						description: 'Results emitted by one poll at most; the rest follow at the next poll',
					},
					{
						displayName: 'Parallel Requests',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 20 },
						default: 4,
						description: 'Result requests in flight at once',
					},
					{
						displayName: 'Timeout (Seconds)',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 300 },
						default: 30,
						description: 'How long to wait for Tencent Cloud to answer one result request',
					},
				],
			},
		],
	};

	methods = { credentialTest: { [REDIS_CREDENTIAL_TEST]: testRedisCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const routeByOutcome = this.getNodeParameter('routeByOutcome', true) as boolean;
		// "Fetch Test Event" must not consume real results: those belong to the active workflow.
		if (this.getMode() === 'manual') return route([await toItem(this, sampleResult())], routeByOutcome);

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const timeoutMs = whole(options.timeout, 30, 1, 300) * 1000;
		const leaseMs = whole(options.leaseSeconds, 300, 1, 3600) * 1000;
		const logError = (error: unknown) =>
			this.logger.error(`FaceID Trigger: could not mark emitted results as done; they will be emitted again: ${(error as Error).message}`);
		await commits.flush(logError);

		const registry = await openNodeRegistry(this);
		if (!registry) throw new NodeOperationError(this.getNode(), 'The FaceID Trigger needs a Pending Registry');
		let keepOpen = false;
		try {
			const client = new TencentCloudClient(n8nTransport(this), { timeoutMs });
			const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
			const report = await runPollTick({
				registry,
				requestResult: async (record) =>
					await client.call(GENERATIONS[record.generation].getResult, { CardVerificationToken: record.key }, { region: record.region }),
				budgetMs,
				requestTimeoutMs: timeoutMs,
				concurrency: whole(options.concurrency, 4, 1, 20),
				pollLeaseMs: leaseMs,
				emitLeaseMs: leaseMs,
				maxResults: whole(options.maxResults, 100, 1, 10_000),
				retentionMs: whole(options.retentionDays, 7, 0, 365) * 86_400_000,
			});
			if (report.configurationError) {
				const error = report.configurationError;
				if (report.emitted.length === 0) {
					throw new NodeOperationError(this.getNode(), `Tencent refused the result requests: ${error.code}: ${error.message}`, {
						description: hintForErrorCode(error.code),
					});
				}
				this.logger.error(`FaceID Trigger: Tencent refused the result requests (${error.code}); emitting the results already finished`);
			}
			if (report.emitted.length === 0) return null;

			const items: INodeExecutionData[] = [];
			for (const emitted of report.emitted) items.push(await toItem(this, emitted));
			// The registry stays open until the commit has run.
			keepOpen = true;
			const handedOver = watchHandOver(this);
			commits.schedule(
				async () => {
					try {
						if (handedOver()) return await report.commit();
						this.logger.warn(`FaceID Trigger: n8n did not take ${items.length} result(s); they will be emitted again after the lease`);
						return 0;
					} finally {
						await registry.close();
					}
				},
				whole(options.commitDelaySeconds, 1, 0, 60) * 1000,
				logError,
			);
			return route(items, routeByOutcome);
		} finally {
			if (!keepOpen) await registry.close();
		}
	}
}
