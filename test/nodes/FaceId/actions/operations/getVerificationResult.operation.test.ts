/**
 * The "Get Verification Result" operation, through n8n's engine against the sandbox: each thing a
 * customer can do on the page routes to its output, with every attempt and the images Tencent
 * returns as binary properties; a token Tencent does not know is an answer about that token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RETURN_URL_SETTING } from '../../../../../lib/tencent/pendingVerifications/hostedVerification';
import { closeAllRegistries, openRegistry } from '../../../../../lib/tencent/pendingVerifications/registry';
import { hostedVerificationActions } from '../../../../../sandbox/actions/hostedVerificationActions';
import type { HostedChoice } from '../../../../../sandbox/actions/hostedVerificationSimulator';
import { startSandbox, type Sandbox } from '../../../../../sandbox/server';
import { runFaceIdItems, sandboxCredential } from '../../../../support/documentCheckWorkflows';

let sandbox: Sandbox;
let folder: string;
const desk = hostedVerificationActions();
const registry = () => ({ registry: 'embedded', registryFile: join(folder, 'registry.sqlite') });

beforeAll(async () => {
	sandbox = await startSandbox({ actions: desk.actions });
	folder = mkdtempSync(join(tmpdir(), 'faceid-results-'));
	const channel = await openRegistry({ store: 'embedded', file: join(folder, 'registry.sqlite'), queue: 'default:links' });
	await channel.setChannelSetting(RETURN_URL_SETTING, 'https://n8n.example.com/webhook/r/faceid-return');
	await channel.close();
});
afterAll(async () => {
	await sandbox.close();
	await closeAllRegistries();
	rmSync(folder, { recursive: true, force: true });
});

const flows = {
	webVerification: { place: { hostedRegion: 'ap-singapore' }, credential: () => sandboxCredential(sandbox.url) },
	detectAuth: { place: { ruleId: '1' }, credential: () => sandboxCredential(sandbox.url, { site: 'china' }) },
} as const;

/** Links made by the node, one per list of choices, which the test customer then makes on the page. */
async function linksWith(flow: keyof typeof flows, choices: HostedChoice[][]): Promise<string[]> {
	const { outputs } = await runFaceIdItems(
		sandbox.url,
		{ operation: 'createVerificationLink', hostedFlow: flow, ...flows[flow].place, pageOptions: { CheckMode: 1 }, ...registry() },
		choices.map(() => ({})),
		{ credential: flows[flow].credential() },
	);
	const tokens = outputs[0].map((item) => String(item.json.BizToken));
	tokens.forEach((token, index) => choices[index].forEach((choice) => desk.simulator.choose(token, choice)));
	return tokens;
}

async function results(flow: keyof typeof flows, tokens: string[]) {
	const { outputs } = await runFaceIdItems(
		sandbox.url,
		{ operation: 'getVerificationResult', hostedFlow: flow, ...flows[flow].place, bizToken: '={{ $json.token }}' },
		tokens.map((token) => ({ token })),
		{ credential: flows[flow].credential() },
	);
	return outputs;
}

const codes = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => (item.json.outcome as { code: string }).code);

test('international: a pass → Passed with its attempts and images; a spoof → Failed; a customer who left or has not finished → Review, retryable', async () => {
	const tokens = await linksWith('webVerification', [['retry', 'pass'], ['fail'], ['abandon'], []]);
	const [passed, failed, review] = await results('webVerification', tokens);
	expect(codes(passed)).toEqual(['0']);
	expect(passed[0].json).toMatchObject({ BizToken: tokens[0], attempts: [expect.objectContaining({ code: expect.any(Number) }), expect.objectContaining({ code: 0 })] });
	expect(Object.keys(passed[0].binary ?? {}).sort()).toEqual(['bestFrame', 'documentFront']);
	expect(passed[0].binary?.bestFrame.mimeType).toBe('image/jpeg');
	expect(JSON.stringify(passed[0].json)).not.toMatch(/Base64":"[A-Za-z0-9+/]{100}/);
	expect(codes(failed)).toEqual(['1002']);
	expect(review.map((item) => [(item.json.outcome as { code: string }).code, (item.json.outcome as { retryable: boolean }).retryable])).toEqual([
		['1410', true],
		['IN_PROGRESS', true],
	]);
});

test('China: a pass → Passed with the best frame; a face that does not match → Failed and billed', async () => {
	const tokens = await linksWith('detectAuth', [['pass'], ['fail']]);
	const [passed, failed] = await results('detectAuth', tokens);
	expect(codes(passed)).toEqual(['0']);
	expect(passed[0].binary?.bestFrame).toBeDefined();
	expect(failed.map((item) => item.json.outcome)).toEqual([expect.objectContaining({ code: '2016', billable: true, similarity: 41.2 })]);
});

test('a token Tencent does not know is Review with its Error, not a failed workflow', async () => {
	const [, , review] = await results('webVerification', ['ABCDEFAB-0000-0000-0000-000000000000']);
	expect(review[0].json).toMatchObject({ Error: { Code: 'InvalidParameterValue.BizTokenIllegal' }, outcome: { status: 'review', retryable: false } });
});
