/**
 * The FaceID Trigger's poll run by n8n-core's PollTriggerExecutor in a PollContext, against the
 * sandbox over HTTP and an embedded registry: what it emits, how often it asks Tencent, what it
 * does at the poll budget, with tokens out of polls, refused tokens, interrupted Apply calls and a
 * wrong credential, and that "Fetch Test Event" returns a sample without touching the registry.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INode, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { closeAllRegistries, openRegistry, type VerificationRegistry } from '../../../lib/tencent/pendingVerifications/registry';
import { cardVerificationActions } from '../../../sandbox/actions/cardVerificationActions';
import { testPng } from '../../../sandbox/actions/testImages';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { WorkflowJson } from '../../harness';
import { triggerRunner, type TriggerRunner } from '../../harness/pollTrigger';
import { CREDENTIAL_TYPES, NODE_TYPES, runFaceIdItems, sandboxCredential, TRIGGER_TYPE } from '../../support/documentCheckWorkflows';

let sandbox: Sandbox;
let folder: string;
let file: string;
let channel = 0;
const desk = cardVerificationActions({ processingPolls: 1, pollingWaitTime: 1, maxPollingTimes: 5 });

beforeAll(async () => {
	sandbox = await startSandbox({ actions: desk.actions, rateLimits: { GetCardVerificationResult: Infinity } });
	folder = mkdtempSync(join(tmpdir(), 'faceid-trigger-'));
	file = join(folder, 'registry.sqlite');
});
afterAll(async () => {
	await sandbox.close();
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

function triggerWorkflow(parameters: IDataObject, registryFile = file): WorkflowJson {
	const trigger: INode = {
		id: 'trigger-node',
		name: 'FaceID Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { registry: 'embedded', registryFile, routeByOutcome: true, ...parameters } as INode['parameters'],
		credentials: { tencentCloudApi: { id: 'cred-1', name: 'FaceID sandbox' } },
	};
	return { nodes: [trigger], connections: {} };
}

async function runner(parameters: IDataObject, options: { budgetMs?: number; endpoint?: string; secretKey?: string } = {}): Promise<TriggerRunner> {
	const credential = sandboxCredential(options.endpoint ?? sandbox.url);
	if (options.secretKey) credential.secretKey = options.secretKey;
	return await triggerRunner(triggerWorkflow(parameters), 'FaceID Trigger', {
		credentials: { tencentCloudApi: credential },
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
		budgetMs: options.budgetMs,
	});
}

async function withRegistry<T>(queue: string, work: (registry: VerificationRegistry) => Promise<T>): Promise<T> {
	const registry = await openRegistry({ store: 'embedded', file, queue });
	try {
		return await work(registry);
	} finally {
		await registry.close();
	}
}

/** Ticks until `count` results were emitted (or 15 s), returning them all. */
async function collect(trigger: TriggerRunner, count: number): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const deadline = Date.now() + 15_000;
	while (outputs.flat().length < count && Date.now() < deadline) {
		const data = await trigger.tick();
		data?.forEach((items, index) => outputs[index].push(...items));
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
	return outputs;
}

/** Apply Card Verification of an Indonesian ID card (base64 in `$json.image`), handing the token to the trigger. */
const handOverParameters = (registryChannel: string): Record<string, NodeParameterValueType> => ({
	operation: 'applyCardVerification',
	apiGeneration: 'faceid',
	cardRegion: 'ap-jakarta',
	nationality: 'IDN',
	cardType: 'ID_CARD',
	documentFrontSource: 'base64',
	documentFrontBase64: '={{ $json.image }}',
	waitForResult: false,
	registry: 'embedded',
	registryFile: file,
	registryChannel,
});

const references = (items: INodeExecutionData[]) => items.map((item) => String(item.json.reference)).sort();

test('emits one item per finished verification, routed by outcome, each once, polling each token no faster than its wait time', async () => {
	const registryChannel = `c${++channel}`;
	const applied = await runFaceIdItems(
		sandbox.url,
		{ ...handOverParameters(registryChannel), reference: '={{ $json.crmId }}' },
		[
			{ crmId: 'CRM-1', image: testPng({ result: 'PASSED', name: 'DEWI LESTARI' }).toString('base64') },
			{ crmId: 'CRM-2', image: testPng({ result: 'REJECTED' }).toString('base64') },
			{ crmId: 'CRM-3', image: testPng({ result: 'WARNING' }).toString('base64') },
		],
	);
	const tokens = applied.outputs[2].map((item) => String(item.json.CardVerificationToken));
	expect(tokens).toHaveLength(3);

	const trigger = await runner({ registryChannel, options: { commitDelaySeconds: 0 } });
	const outputs = await collect(trigger, 3);
	expect(trigger.errors).toEqual([]);
	expect(references(outputs[0])).toEqual(['CRM-1']);
	expect(references(outputs[1])).toEqual(['CRM-2']);
	expect(references(outputs[2])).toEqual(['CRM-3']);
	expect(outputs[0][0].json).toMatchObject({
		CardVerificationToken: tokens[0],
		Status: 'PASSED',
		CardInfo: { GeneralCard: { FullName: 'DEWI LESTARI' } },
		reference: 'CRM-1',
		outcome: { status: 'passed', code: 'PASSED' },
		verification: { token: tokens[0], generation: 'faceid', region: 'ap-jakarta', polls: 2, delivery: 'FaceID Trigger', emission: 1 },
	});
	expect(outputs[2][0].json.outcome).toMatchObject({ status: 'review', code: 'WARNING', warnings: [{ code: 'The document may be a photocopy' }] });

	// Tencent's interval is 1 s: no token was asked twice within it, though the trigger ticked every 150 ms.
	for (const token of tokens) {
		const times = desk.simulator.pollTimes(token);
		expect(times).toHaveLength(2);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000);
	}
	// Nothing more to emit, and the registry only remembers them as done.
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(await trigger.tick()).toBeUndefined();
	expect(await withRegistry(registryChannel, (registry) => registry.stats())).toMatchObject({ done: 3, pending: 0, finished: 0, emitting: 0 });
});

test('asks Tencent through the same resilient client as the node: a skewed clock corrected, gateway faults retried; its output masked on request', async () => {
	const flakyDesk = cardVerificationActions({ processingPolls: 0, pollingWaitTime: 1, maxPollingTimes: 5 });
	// Every third request fails at the gateway (502, before Tencent processes it); the sandbox's clock runs 10 minutes ahead.
	const flaky = await startSandbox({
		actions: flakyDesk.actions,
		rateLimits: { GetCardVerificationResult: Infinity },
		faultRate: 0.34,
		faultMix: { http502: 1 },
		faultSeed: 7,
		clockOffsetSeconds: 600,
	});
	try {
		const registryChannel = `c${++channel}`;
		const names = ['DEWI LESTARI', 'BUDI SANTOSO', 'SITI RAHAYU'];
		await runFaceIdItems(
			flaky.url,
			handOverParameters(registryChannel),
			names.map((name) => ({ image: testPng({ result: 'PASSED', name }).toString('base64') })),
		);
		const trigger = await runner({ registryChannel, options: { commitDelaySeconds: 0, maskPersonalData: true } }, { endpoint: flaky.url });
		// An Apply that met a gateway fault is not sent again (Tencent may have bought it): every token Tencent issued comes out.
		const issued = flaky.requests.filter((request) => request.action === 'ApplyCardVerification' && request.code === 'OK').length;
		expect(issued).toBeGreaterThanOrEqual(2);
		const outputs = await collect(trigger, issued);
		expect(trigger.errors).toEqual([]);
		expect(outputs[0]).toHaveLength(issued);
		// Masked as Tencent masks a name: its first character, then stars.
		for (const item of outputs[0]) expect((item.json.CardInfo as { GeneralCard: { FullName: string } }).GeneralCard.FullName).toMatch(/^[BDS]\*{10,11}$/);
		expect(JSON.stringify(outputs)).not.toMatch(/LESTARI|SANTOSO|RAHAYU/);
		const results = flaky.requests.filter((request) => request.action === 'GetCardVerificationResult');
		expect(results.some((request) => request.fault === 'http502')).toBe(true);
		expect(results.some((request) => request.code === 'AuthFailure.SignatureExpire')).toBe(true);
	} finally {
		await flaky.close();
	}
});

test('tokens past their last poll are emitted as timed out with their token; refused tokens and interrupted Apply calls are reported, not dropped', async () => {
	const registryChannel = `c${++channel}`;
	const now = Date.now();
	await withRegistry(registryChannel, async (registry) => {
		const base = { generation: 'faceid' as const, region: 'ap-singapore', registeredAt: now - 60_000, pollIntervalMs: 1000, nextPollAt: now - 1000 };
		await registry.register({ ...base, token: 'cv-out-of-polls', reference: 'R-TIMEOUT', maxPolls: 3, polls: 3 });
		await registry.register({ ...base, token: 'cv-unknown-to-tencent', reference: 'R-UNKNOWN', maxPolls: 3, polls: 0 });
		await registry.reserve({ key: 'apply:crashed', generation: 'ocr', region: 'ap-singapore', reference: 'R-CRASHED', createdAt: now - 700_000, until: now - 100_000 });
	});
	const trigger = await runner({ registryChannel, options: { commitDelaySeconds: 0 } });
	const outputs = await collect(trigger, 3);
	expect(outputs[0]).toEqual([]);
	expect(outputs[1]).toEqual([]);
	const byReference = Object.fromEntries(outputs[2].map((item) => [item.json.reference, item.json]));
	expect(byReference['R-TIMEOUT']).toMatchObject({
		CardVerificationToken: 'cv-out-of-polls',
		outcome: { code: 'TIMED_OUT', retryable: true, billable: true },
	});
	expect(desk.simulator.pollTimes('cv-out-of-polls')).toEqual([]);
	expect(byReference['R-UNKNOWN']).toMatchObject({
		CardVerificationToken: 'cv-unknown-to-tencent',
		Error: { Code: 'InvalidParameterValue' },
		outcome: { code: 'InvalidParameterValue', retryable: false },
	});
	expect(byReference['R-CRASHED']).toMatchObject({
		CardVerificationToken: null,
		outcome: { code: 'APPLY_INTERRUPTED', billable: true },
		verification: { generation: 'ocr' },
	});
});

test('a poll stops before the poll budget and leaves the remaining tokens to the next poll', async () => {
	const slow = await startSandbox({ actions: desk.actions, latencyMs: 200, rateLimits: { GetCardVerificationResult: Infinity } });
	try {
		const registryChannel = `c${++channel}`;
		const now = Date.now();
		await withRegistry(registryChannel, async (registry) => {
			for (let i = 0; i < 30; i++) {
				await registry.register({ token: `cv-budget-${i}`, generation: 'faceid', region: 'ap-singapore', reference: `B-${i}`, registeredAt: now, pollIntervalMs: 60_000, maxPolls: 5, polls: 0, nextPollAt: now });
			}
		});
		// Budget 2 s, requests up to 1 s: new requests stop 0.8 s into the poll.
		const trigger = await runner({ registryChannel, options: { timeout: 1, concurrency: 2 } }, { budgetMs: 2000, endpoint: slow.url });
		const started = Date.now();
		const first = (await trigger.tick())?.flat() ?? [];
		expect(Date.now() - started).toBeLessThan(2000);
		// Unknown tokens are final answers (Review), so each polled one is emitted; the rest wait, unclaimed.
		expect(first.length).toBeGreaterThan(0);
		expect(first.length).toBeLessThan(30);
		const afterFirst = await withRegistry(registryChannel, (registry) => registry.stats());
		expect(afterFirst).toMatchObject({ pending: 30 - first.length, polling: 0 });
		// The next poll continues with them.
		const second = (await trigger.tick())?.flat() ?? [];
		expect(second.length).toBeGreaterThan(0);
		const seen = new Set([...first, ...second].map((item) => item.json.CardVerificationToken));
		expect(seen.size).toBe(first.length + second.length);
	} finally {
		await slow.close();
	}
});

test('a credential Tencent refuses fails the poll with the reason, and keeps every token for later', async () => {
	const registryChannel = `c${++channel}`;
	const now = Date.now();
	await withRegistry(registryChannel, (registry) =>
		registry.register({ token: 'cv-kept', generation: 'faceid', region: 'ap-singapore', reference: 'K-1', registeredAt: now, pollIntervalMs: 1000, maxPolls: 5, polls: 0, nextPollAt: now }),
	);
	const trigger = await runner({ registryChannel }, { secretKey: 'not-the-sandbox-key' });
	expect(await trigger.tick()).toBeUndefined();
	expect(trigger.errors).toHaveLength(1);
	expect(trigger.errors[0].message).toContain('AuthFailure.SignatureFailure');
	expect(await withRegistry(registryChannel, (registry) => registry.get('cv-kept'))).toMatchObject({ state: 'pending', polls: 0 });
});

test('results of a poll that n8n discards (workflow saved meanwhile) are not marked done: they come again after the lease', async () => {
	const registryChannel = `c${++channel}`;
	const now = Date.now();
	await withRegistry(registryChannel, (registry) =>
		registry.register({ token: 'cv-discarded', generation: 'faceid', region: 'ap-singapore', reference: 'D-1', registeredAt: now, pollIntervalMs: 1000, maxPolls: 1, polls: 1, nextPollAt: now }),
	);
	const trigger = await runner({ registryChannel, options: { leaseSeconds: 1, commitDelaySeconds: 0 } });
	const discarded = await trigger.discardedTick();
	expect(discarded?.flat().map((item) => item.json.CardVerificationToken)).toEqual(['cv-discarded']);
	await new Promise((resolve) => setTimeout(resolve, 1100));
	expect(await withRegistry(registryChannel, (registry) => registry.get('cv-discarded'))).toMatchObject({ state: 'emitting', emitCount: 1 });
	const again = await trigger.tick();
	expect(again?.flat().map((item) => [item.json.CardVerificationToken, (item.json.verification as IDataObject).emission])).toEqual([['cv-discarded', 2]]);
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(await withRegistry(registryChannel, (registry) => registry.get('cv-discarded'))).toMatchObject({ state: 'done' });
});

test('"Fetch Test Event" returns a sample at once and does not open the registry', async () => {
	const missing = join(folder, 'never-created', 'registry.sqlite');
	const trigger = await triggerRunner(triggerWorkflow({}, missing), 'FaceID Trigger', {
		credentials: { tencentCloudApi: sandboxCredential(sandbox.url) },
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
	});
	const data = await trigger.manual();
	expect(data?.[0]).toHaveLength(1);
	expect(data?.[0][0].json).toMatchObject({ Status: 'PASSED', reference: 'CRM-0001', outcome: { status: 'passed' } });
	expect(existsSync(missing)).toBe(false);
});

test('"Fetch Test Event" of On Hosted Verification Result returns a hosted sample, shaped as the poll and the Return Trigger shape a result', async () => {
	const missing = join(folder, 'never-created-hosted', 'registry.sqlite');
	const trigger = await triggerRunner(triggerWorkflow({ event: 'hostedVerificationResult' }, missing), 'FaceID Trigger', {
		credentials: { tencentCloudApi: sandboxCredential(sandbox.url) },
		nodeTypes: NODE_TYPES,
		credentialTypes: CREDENTIAL_TYPES,
	});
	const data = await trigger.manual();
	expect(data?.[0][0].json).toMatchObject({
		ErrorCode: 0,
		reference: 'CRM-0001',
		attempts: [expect.objectContaining({ code: 0, similarity: 93.5 })],
		verification: { flow: 'webVerification', delivery: 'FaceID Trigger' },
		outcome: { status: 'passed', code: '0' },
	});
	expect(existsSync(missing)).toBe(false);
});
