/**
 * The FaceID Return Trigger in n8n-core's HookContext and WebhookContext, over real HTTP, with the
 * FaceID node (in n8n's engine), the FaceID Trigger (PollContext) and the sandbox's customer page:
 * activation tells the registry channel the trigger's URL, so a link created afterwards sends the
 * customer back to it; the return starts the workflow once, with Tencent's verdict; a token the
 * registry did not issue starts nothing; the return and the poll never both emit a result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { RETURN_URL_SETTING } from '../../../lib/tencent/pendingVerifications/hostedVerification';
import { closeAllRegistries, openRegistry } from '../../../lib/tencent/pendingVerifications/registry';
import { hostedVerificationActions } from '../../../sandbox/actions/hostedVerificationActions';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { triggerRunner } from '../../harness/pollTrigger';
import { webhookRunner, type WebhookRunner } from '../../harness/webhookTrigger';
import { CREDENTIAL_TYPES, NODE_TYPES, runFaceIdItems, sandboxCredential, TRIGGER_TYPE } from '../../support/documentCheckWorkflows';

const RETURN_TYPE = 'n8n-nodes-tencent-faceid.faceIdReturnTrigger';

let sandbox: Sandbox;
let folder: string;
let file: string;
let channelCounter = 0;
const desk = hostedVerificationActions();

beforeAll(async () => {
	// Its clock reads Date.now at each request, so the test can move time for the sandbox too.
	sandbox = await startSandbox({ actions: desk.actions, rateLimits: { GetWebVerificationResultIntl: Infinity, ApplyWebVerificationBizTokenIntl: Infinity }, now: () => Date.now() });
	folder = mkdtempSync(join(tmpdir(), 'faceid-return-'));
	file = join(folder, 'registry.sqlite');
});
afterAll(async () => {
	await sandbox.close();
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

function node(type: string, name: string, parameters: IDataObject): INode {
	return {
		id: `${name}-id`,
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'a1b2c3d4-0000-4000-8000-000000000001',
		parameters: { registry: 'embedded', registryFile: file, ...parameters } as INode['parameters'],
		credentials: { tencentCloudApi: { id: 'cred-1', name: 'FaceID sandbox' } },
	};
}

const runnerOptions = () => ({ credentials: { tencentCloudApi: sandboxCredential(sandbox.url) }, nodeTypes: NODE_TYPES, credentialTypes: CREDENTIAL_TYPES });

async function returnTrigger(channel: string, parameters: IDataObject = {}): Promise<WebhookRunner> {
	return await webhookRunner({ nodes: [node(RETURN_TYPE, 'FaceID Return Trigger', { registryChannel: channel, ...parameters })], connections: {} }, 'FaceID Return Trigger', runnerOptions());
}

async function pollTrigger(channel: string) {
	const json = { nodes: [node(TRIGGER_TYPE, 'FaceID Trigger', { registryChannel: channel, event: 'hostedVerificationResult', routeByOutcome: true })], connections: {} };
	return await triggerRunner(json, 'FaceID Trigger', runnerOptions());
}

/** Links made by the FaceID node on `channel`, returning to the active Return Trigger. */
async function createLinks(channel: string, references: string[]): Promise<Array<{ token: string; url: string; returnUrl: string }>> {
	const { outputs, result } = await runFaceIdItems(
		sandbox.url,
		{ operation: 'createVerificationLink', hostedFlow: 'webVerification', hostedRegion: 'ap-singapore', reference: '={{ $json.ref }}', registry: 'embedded', registryFile: file, registryChannel: channel },
		references.map((ref) => ({ ref })),
	);
	if (result.error) throw result.error;
	return outputs[0].map((item) => ({ token: String(item.json.BizToken), url: String(item.json.verificationUrl), returnUrl: String(item.json.returnUrl) }));
}

/** The customer on the sandbox page: chooses, and their browser follows Tencent's redirect. */
async function customer(url: string, choice: string): Promise<Response> {
	return await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `choice=${choice}` });
}

/** Moves this process's clock (the trigger's poll, the sandbox's windows) forward, as n8n's time passes. */
let offset = 0;
const realNow = Date.now.bind(Date);
function laterBy(ms: number): void {
	offset += ms;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}
afterEach(() => jest.restoreAllMocks());

const routed = (started: INodeExecutionData[][][]) =>
	started.map((outputs) => outputs.map((items) => items.map((item) => `${String(item.json.reference)}:${(item.json.outcome as { code: string }).code}`)));

test('activation tells the channel its URL (not "Listen for test event"); deactivation removes only its own', async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel);
	const setting = async () => {
		const registry = await openRegistry({ store: 'embedded', file, queue: `${channel}:links` });
		try {
			return await registry.channelSetting(RETURN_URL_SETTING);
		} finally {
			await registry.close();
		}
	};
	try {
		await trigger.activate('manual');
		expect(await setting()).toBeUndefined();
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(await setting()).toBe(trigger.url);
		expect(await trigger.activate('init')).toEqual({ existed: true });
		await trigger.deactivate();
		expect(await setting()).toBeUndefined();
	} finally {
		await trigger.close();
	}
});

test("a customer who finishes is sent back to the trigger and the workflow starts once, routed by Tencent's verdict; a second visit starts nothing", async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel, { pageTitle: 'Thanks, Ana' });
	try {
		await trigger.activate();
		const [passing, failing] = await createLinks(channel, ['CRM-1', 'CRM-2']);
		expect(passing.returnUrl).toBe(trigger.url);
		const page = await customer(passing.url, 'pass');
		// The browser followed the sandbox's 302 to the trigger, with the token in the query string.
		expect(page.url).toBe(`${trigger.url}?token=${passing.token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Thanks, Ana');
		await customer(failing.url, 'fail');
		expect(routed(trigger.started)).toEqual([[['CRM-1:0'], [], []], [[], ['CRM-2:1002'], []]]);
		expect(trigger.started[0][0][0].binary?.bestFrame).toBeDefined();
		expect(trigger.started[0][0][0].json).toMatchObject({ BizToken: passing.token, verification: { delivery: 'FaceID Return Trigger', emission: 1 } });
		// The same return again (a reload): the page, no second execution.
		const reload = await fetch(page.url);
		expect(reload.status).toBe(200);
		expect(trigger.started).toHaveLength(2);
		// Nothing is left for the poll.
		const poll = await pollTrigger(channel);
		expect(await poll.tick()).toBeUndefined();
	} finally {
		await trigger.close();
	}
});

test("China: the customer comes back with ?BizToken=, and the result is asked with the link's RuleId", async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel);
	try {
		await trigger.activate();
		const { outputs } = await runFaceIdItems(
			sandbox.url,
			{ operation: 'createVerificationLink', hostedFlow: 'detectAuth', ruleId: '2', reference: 'CRM-CN', registry: 'embedded', registryFile: file, registryChannel: channel },
			[{}],
			{ credential: sandboxCredential(sandbox.url, { site: 'china' }) },
		);
		const link = outputs[0][0].json;
		const page = await customer(String(link.verificationUrl), 'fail');
		expect(page.url).toBe(`${trigger.url}?BizToken=${String(link.BizToken)}`);
		expect(routed(trigger.started)).toEqual([[[], ['CRM-CN:2016'], []]]);
		expect(trigger.started[0][1][0].json).toMatchObject({ verification: { flow: 'detectAuth' }, outcome: { billable: true } });
	} finally {
		await trigger.close();
	}
});

test('"Listen for test event" gets a sample and never takes a real customer\'s result from the active workflow', async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel);
	try {
		await trigger.activate();
		const [link] = await createLinks(channel, ['CRM-LIVE']);
		desk.simulator.choose(link.token, 'pass');
		const listening = await webhookRunner({ nodes: [node(RETURN_TYPE, 'FaceID Return Trigger', { registryChannel: channel })], connections: {} }, 'FaceID Return Trigger', runnerOptions(), 'manual');
		try {
			expect((await fetch(`${listening.url}?token=${link.token}`)).status).toBe(200);
			expect(listening.started.flat(2).map((item) => item.json.reference)).toEqual(['CRM-0001']);
		} finally {
			await listening.close();
		}
		// The real return still gets the real result.
		await fetch(`${trigger.url}?token=${link.token}`);
		expect(routed(trigger.started)).toEqual([[['CRM-LIVE:0'], [], []]]);
	} finally {
		await trigger.close();
	}
});

test('a forged, unknown or missing token gets a plain error page, starts nothing and asks Tencent nothing', async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel);
	try {
		await trigger.activate();
		sandbox.clearRequests();
		for (const query of ['?token=00000000-1111-2222-3333-444444444444', '?token=%3Cscript%3E', '', '?BizToken=../../etc/passwd']) {
			const page = await fetch(`${trigger.url}${query}`);
			expect([query, page.status]).toEqual([query, 404]);
			expect(await page.text()).toContain('This verification link is not known here');
		}
		expect(trigger.started).toEqual([]);
		expect(sandbox.requests).toEqual([]);
	} finally {
		await trigger.close();
	}
});

test('a registry that cannot be opened: the customer gets a "try again later" page, not n8n\'s error; nothing starts', async () => {
	const broken = await webhookRunner(
		{ nodes: [node(RETURN_TYPE, 'FaceID Return Trigger', { registryFile: join(__filename, 'not-a-folder', 'registry.sqlite'), pageTitle: 'Thanks' })], connections: {} },
		'FaceID Return Trigger',
		runnerOptions(),
	);
	try {
		const page = await fetch(`${broken.url}?token=00000000-1111-2222-3333-444444444444`);
		expect(page.status).toBe(503);
		expect(await page.text()).toContain('We could not confirm your verification just now');
		expect(broken.started).toEqual([]);
		expect(broken.errors).toEqual([]);
	} finally {
		await broken.close();
	}
});

test('n8n restarted between the link and the return: a new process takes the return from the registry file', async () => {
	const channel = `c${++channelCounter}`;
	const before = await returnTrigger(channel);
	await before.activate();
	const [link] = await createLinks(channel, ['CRM-R']);
	await before.close();
	await closeAllRegistries();
	// The restarted n8n serves the same URL again (the webhook id is the workflow's).
	const after = await returnTrigger(channel);
	try {
		desk.simulator.choose(link.token, 'pass');
		const page = await fetch(`${after.url}?token=${link.token}`);
		expect(page.status).toBe(200);
		expect(routed(after.started)).toEqual([[['CRM-R:0'], [], []]]);
	} finally {
		await after.close();
	}
});

test('returns and polls racing for the same 12 results: each result starts one execution, from one of them', async () => {
	const channel = `c${++channelCounter}`;
	const trigger = await returnTrigger(channel);
	const poll = await pollTrigger(channel);
	try {
		await trigger.activate();
		const references = Array.from({ length: 12 }, (_, i) => `RACE-${i}`);
		const links = await createLinks(channel, references);
		for (const link of links) desk.simulator.choose(link.token, 'pass');
		// Every token is due for the poll, so the two race for all of them.
		laterBy(60_000);
		const polled: INodeExecutionData[] = [];
		const ticks = [0, 5, 15].map(async (wait) => {
			await new Promise((resolve) => setTimeout(resolve, wait));
			(await poll.tick())?.forEach((items) => polled.push(...items));
		});
		await Promise.all([...links.map(async (link) => await fetch(`${trigger.url}?token=${link.token}`)), ...ticks]);
		const returned = trigger.started.flatMap((outputs) => outputs.flat());
		const all = [...returned, ...polled].map((item) => String(item.json.reference)).sort();
		expect(all).toEqual([...references].sort());
		expect(returned.length + polled.length).toBe(12);
		expect(polled.length).toBeGreaterThan(0);
	} finally {
		await trigger.close();
	}
});

test('customers who never come back are emitted by the FaceID Trigger: one who left, one whose link expired', async () => {
	const channel = `c${++channelCounter}`;
	const registry = await openRegistry({ store: 'embedded', file, queue: `${channel}:links` });
	await registry.setChannelSetting(RETURN_URL_SETTING, 'https://n8n.example.com/webhook/x/faceid-return');
	await registry.close();
	const links = await createLinks(channel, ['LEFT', 'NEVER-OPENED']);
	desk.simulator.choose(links[0].token, 'abandon');
	const poll = await pollTrigger(channel);
	const review = async () => ((await poll.tick())?.[2] ?? []).map((item) => [item.json.reference, (item.json.outcome as { code: string; retryable: boolean }).code, (item.json.outcome as { retryable: boolean }).retryable]);
	expect(await review()).toEqual([]);
	// n8n's next poll, a minute later: the one who left; the unopened link is still open to start.
	laterBy(60_000);
	expect(await review()).toEqual([['LEFT', '1410', true]]);
	// Eleven minutes on, the link is past Tencent's ten minutes to start.
	laterBy(11 * 60_000);
	expect(await review()).toEqual([['NEVER-OPENED', '15', true]]);
	expect(await review()).toEqual([]);
});
